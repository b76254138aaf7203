import OTKernels

/// Shuffled minibatches of the row indices `0 ..< count` of a dataset, epoch after epoch.
///
/// Each epoch is a fresh uniformly random permutation of the indices, cut into consecutive
/// batches of ``batchSize``; every index appears exactly once per epoch. The last batch of an
/// epoch is shorter when `batchSize` does not divide `count`, or skipped when ``dropsLast`` is
/// set. Batches never straddle two epochs.
///
/// The sampler owns a ``Xoshiro256`` generator seeded at creation, so the batch sequence is fixed
/// by the seed. Its ``state`` (a few numbers, `Codable`) resumes it exactly: the permutation of
/// the current epoch is redrawn from the generator state saved at the epoch's start.
public struct MinibatchSampler: Sendable {
    /// The number of rows sampled from.
    public let count: Int
    /// The number of indices in a full batch.
    public let batchSize: Int
    /// Whether an epoch's final batch is skipped when it would be shorter than ``batchSize``.
    public let dropsLast: Bool
    /// The 0-based epoch of the current permutation (the epoch of the last batch returned).
    public private(set) var epoch: Int
    /// How many indices of the current epoch's permutation have been returned.
    public private(set) var position: Int

    /// The generator as it was before drawing the current epoch's permutation.
    private var epochStart: Xoshiro256
    /// The generator after drawing it: the next epoch draws from here.
    private var generator: Xoshiro256
    /// The current epoch's permutation of `0 ..< count`.
    private var order: [Int]

    /// A sampler over `count` rows in batches of `batchSize`, its shuffles fixed by `seed`.
    /// - Precondition: `count > 0`, `batchSize > 0`, and `batchSize <= count` if `dropsLast`.
    /// - Complexity: O(count) (the first permutation).
    public init(count: Int, batchSize: Int, dropsLast: Bool = false, seed: UInt64) {
        self.init(count: count, batchSize: batchSize, dropsLast: dropsLast, epoch: 0, position: 0,
                  epochStart: Xoshiro256(seed: seed))
    }

    /// A sampler that continues exactly where the sampler that produced `state` was.
    /// - Complexity: O(count) (the current epoch's permutation is redrawn).
    public init(resuming state: State) {
        self.init(count: state.count, batchSize: state.batchSize, dropsLast: state.dropsLast, epoch: state.epoch,
                  position: state.position, epochStart: Xoshiro256(state: state.generator))
    }

    private init(count: Int, batchSize: Int, dropsLast: Bool, epoch: Int, position: Int, epochStart: Xoshiro256) {
        precondition(count > 0, "MinibatchSampler: count must be positive, got \(count)")
        precondition(batchSize > 0, "MinibatchSampler: batchSize must be positive, got \(batchSize)")
        precondition(!dropsLast || batchSize <= count,
                     "MinibatchSampler: with dropsLast, batchSize \(batchSize) must not exceed count \(count)")
        self.count = count
        self.batchSize = batchSize
        self.dropsLast = dropsLast
        self.epoch = epoch
        self.position = position
        self.epochStart = epochStart
        var generator = epochStart
        self.order = generator.permutation(count)
        self.generator = generator
    }

    /// The number of batches in one epoch: `count / batchSize`, rounded up unless ``dropsLast``.
    public var batchesPerEpoch: Int {
        dropsLast ? count / batchSize : (count + batchSize - 1) / batchSize
    }

    /// The row indices of the next batch; starts a new epoch (a new permutation) when the
    /// current one has no batch left.
    /// - Complexity: O(batchSize), plus O(count) at the start of an epoch.
    public mutating func nextIndices() -> [Int] {
        let remaining = count - position
        if remaining == 0 || (dropsLast && remaining < batchSize) {
            epochStart = generator
            order = generator.permutation(count)
            epoch += 1
            position = 0
        }
        let end = min(position + batchSize, count)
        defer { position = end }
        return Array(order[position..<end])
    }

    /// The rows of `data` at the next batch's indices (see ``nextIndices()``).
    /// - Precondition: `data.rows == count`.
    /// - Complexity: O(batchSize * data.columns), plus O(count) at the start of an epoch.
    public mutating func nextBatch<S: OTScalar>(from data: Matrix<S>) -> Matrix<S> {
        precondition(data.rows == count, "MinibatchSampler: data has \(data.rows) rows, the sampler \(count)")
        return data.rows(at: nextIndices())
    }

    /// Everything needed to resume the sampler exactly (see ``init(resuming:)``).
    public var state: State {
        State(count: count, batchSize: batchSize, dropsLast: dropsLast, epoch: epoch, position: position,
              generator: epochStart.state)
    }
}
