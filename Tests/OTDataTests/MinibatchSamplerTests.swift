import Foundation
import OTData
import OTKernels
import Testing

@Suite struct MinibatchSamplerTests {
    /// The next `n` batches of `sampler`.
    func batches(_ sampler: inout MinibatchSampler, _ n: Int) -> [[Int]] {
        (0..<n).map { _ in sampler.nextIndices() }
    }

    @Test(arguments: [(10, 3), (10, 5), (7, 7), (5, 8)])
    func everyIndexOncePerEpoch(count: Int, batchSize: Int) {
        var sampler = MinibatchSampler(count: count, batchSize: batchSize, seed: 1)
        let perEpoch = (count + batchSize - 1) / batchSize
        #expect(sampler.batchesPerEpoch == perEpoch)
        var epochs = [[Int]]()
        for e in 0..<4 {
            let epoch = batches(&sampler, perEpoch)
            #expect(sampler.epoch == e)
            #expect(epoch.dropLast().allSatisfy { $0.count == batchSize })
            let all = epoch.flatMap { $0 }
            #expect(all.sorted() == Array(0..<count))
            epochs.append(all)
        }
        // Four shuffles of 10 indices all equal has probability (1 / 10!)^3.
        if count >= 7 { #expect(Set(epochs).count > 1) }
    }

    @Test func dropsLastSkipsTheShortBatch() {
        var sampler = MinibatchSampler(count: 10, batchSize: 3, dropsLast: true, seed: 2)
        #expect(sampler.batchesPerEpoch == 3)
        for e in 0..<3 {
            let epoch = batches(&sampler, 3)
            #expect(sampler.epoch == e && epoch.allSatisfy { $0.count == 3 })
            let all = epoch.flatMap { $0 }
            #expect(Set(all).count == 9 && all.allSatisfy { (0..<10).contains($0) })
        }
    }

    @Test func sameSeedSameBatches() {
        var a = MinibatchSampler(count: 50, batchSize: 8, seed: 7)
        var b = MinibatchSampler(count: 50, batchSize: 8, seed: 7)
        var c = MinibatchSampler(count: 50, batchSize: 8, seed: 8)
        let first = batches(&a, 20)
        #expect(first == batches(&b, 20))
        #expect(first != batches(&c, 20))
    }

    @Test(arguments: [0, 3, 4, 7, 8, 13])
    func savedStateResumesExactly(after taken: Int) throws {
        var original = MinibatchSampler(count: 17, batchSize: 5, dropsLast: true, seed: 3)
        _ = batches(&original, taken)
        let saved = try JSONEncoder().encode(original.state)
        var resumed = MinibatchSampler(resuming: try JSONDecoder().decode(MinibatchSampler.State.self, from: saved))
        #expect(resumed.state == original.state)
        #expect(batches(&resumed, 12) == batches(&original, 12))
        #expect(resumed.epoch == original.epoch && resumed.position == original.position)
    }

    @Test func inconsistentStateIsRejected() throws {
        let good = MinibatchSampler(count: 10, batchSize: 4, seed: 5).state
        let json = try #require(String(data: try JSONEncoder().encode(good), encoding: .utf8))
        for (field, bad) in [("\"position\":0", "\"position\":11"), ("\"count\":10", "\"count\":0"),
                             ("\"epoch\":0", "\"epoch\":-1")] {
            let corrupted = json.replacingOccurrences(of: field, with: bad)
            #expect(corrupted != json, "the fixture must contain \(field)")
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(MinibatchSampler.State.self, from: Data(corrupted.utf8))
            }
        }
    }

    @Test func nextBatchGathersTheRows() {
        let data = Matrix<Float>(rows: 6, columns: 2) { i, j in Float(10 * i + j) }
        var a = MinibatchSampler(count: 6, batchSize: 4, seed: 9)
        var b = a
        let indices = a.nextIndices()
        #expect(b.nextBatch(from: data) == data.rows(at: indices))
    }
}
