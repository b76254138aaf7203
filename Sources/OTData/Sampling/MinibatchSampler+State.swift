import OTKernels

extension MinibatchSampler {
    /// A saved sampler: its configuration, where it is, and the generator state at the start of
    /// the current epoch. Obtained from ``MinibatchSampler/state`` or decoded (decoding checks
    /// that the numbers are consistent), so a `State` always resumes a valid sampler.
    public struct State: Codable, Equatable, Sendable {
        /// ``MinibatchSampler/count``.
        public let count: Int
        /// ``MinibatchSampler/batchSize``.
        public let batchSize: Int
        /// ``MinibatchSampler/dropsLast``.
        public let dropsLast: Bool
        /// ``MinibatchSampler/epoch``.
        public let epoch: Int
        /// ``MinibatchSampler/position``.
        public let position: Int
        /// The four words of the ``Xoshiro256`` state before the current epoch's permutation.
        public let generator: (UInt64, UInt64, UInt64, UInt64)

        init(count: Int, batchSize: Int, dropsLast: Bool, epoch: Int, position: Int,
             generator: (UInt64, UInt64, UInt64, UInt64)) {
            self.count = count
            self.batchSize = batchSize
            self.dropsLast = dropsLast
            self.epoch = epoch
            self.position = position
            self.generator = generator
        }

        private enum CodingKeys: String, CodingKey {
            case count, batchSize, dropsLast, epoch, position, generator
        }

        /// Decodes a state and checks it: positive count and batch size, `0 <= position <=
        /// count`, `epoch >= 0`, four generator words not all zero, `batchSize <= count` if
        /// `dropsLast`.
        /// - Throws: `DecodingError.dataCorrupted` naming the inconsistent field.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let words = try c.decode([UInt64].self, forKey: .generator)
            self.init(count: try c.decode(Int.self, forKey: .count),
                      batchSize: try c.decode(Int.self, forKey: .batchSize),
                      dropsLast: try c.decode(Bool.self, forKey: .dropsLast),
                      epoch: try c.decode(Int.self, forKey: .epoch),
                      position: try c.decode(Int.self, forKey: .position),
                      generator: words.count == 4 ? (words[0], words[1], words[2], words[3]) : (0, 0, 0, 0))
            func check(_ condition: Bool, _ key: CodingKeys, _ expected: String) throws {
                guard condition else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected \(expected)")
                }
            }
            try check(count > 0, .count, "a positive count, got \(count)")
            try check(batchSize > 0 && (!dropsLast || batchSize <= count), .batchSize,
                      "a positive batchSize (at most count when dropsLast), got \(batchSize)")
            try check(epoch >= 0, .epoch, "a non-negative epoch, got \(epoch)")
            try check((0...count).contains(position), .position, "a position in 0...\(count), got \(position)")
            try check(words.count == 4 && words != [0, 0, 0, 0], .generator,
                      "four generator words, not all zero, got \(words)")
        }

        /// Encodes the fields under their names, the generator as an array of four numbers.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(count, forKey: .count)
            try c.encode(batchSize, forKey: .batchSize)
            try c.encode(dropsLast, forKey: .dropsLast)
            try c.encode(epoch, forKey: .epoch)
            try c.encode(position, forKey: .position)
            try c.encode([generator.0, generator.1, generator.2, generator.3], forKey: .generator)
        }

        /// Whether two states are equal field by field.
        public static func == (a: State, b: State) -> Bool {
            a.count == b.count && a.batchSize == b.batchSize && a.dropsLast == b.dropsLast && a.epoch == b.epoch
                && a.position == b.position && a.generator == b.generator
        }
    }
}
