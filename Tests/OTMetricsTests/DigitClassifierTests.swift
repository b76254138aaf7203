import Foundation
import OTKernels
@testable import OTMetrics
import OTNeural
import Testing
import _OTTestSupport

@Suite struct DigitClassifierTests {
    /// Ten random binary 28 x 28 prototypes (30 % of pixels lit), one per class.
    static let prototypes: Matrix<Float> = {
        var rng = Xoshiro256(seed: 11)
        return Matrix(rows: 10, columns: 784) { _, _ in rng.uniform(Float.self) < 0.3 ? 1 : 0 }
    }()

    /// `perClass` noisy copies of every prototype (Gaussian noise of standard deviation 0.3, clamped
    /// to [0, 1]), classes interleaved, with their labels.
    static func dataset(perClass: Int, seed: UInt64) -> (images: Matrix<Float>, labels: [Int]) {
        var rng = Xoshiro256(seed: seed)
        let labels = (0..<(10 * perClass)).map { $0 % 10 }
        let images = Matrix<Float>(rows: labels.count, columns: 784) { i, j in
            min(max(prototypes[labels[i], j] + 0.3 * rng.normal(Float.self), 0), 1)
        }
        return (images, labels)
    }

    /// A classifier trained for one epoch of 6 batches of 10 on 60 noisy prototypes, and its losses;
    /// trained once and shared (a debug build runs the network's GEMMs ~1000x slower than release).
    static let trained: (classifier: DigitClassifier, history: ClassifierTrainingHistory) = {
        var rng = Xoshiro256(seed: 3)
        var classifier = DigitClassifier(using: &rng)
        let train = dataset(perClass: 6, seed: 5)
        var order = [Int]()
        let history = try! classifier.train(
            images: train.images, labels: train.labels,
            settings: ClassifierTrainingSettings(epochs: 1, batchSize: 10, learningRate: 3e-3),
            nextBatch: {
                if order.isEmpty { order = rng.permutation(train.labels.count) }
                defer { order.removeFirst(10) }
                return Array(order.prefix(10))
            })
        return (classifier, history)
    }()

    @Test func architectureAndSize() {
        var rng = Xoshiro256(seed: 1)
        let classifier = DigitClassifier(using: &rng)
        // Hand count: conv 1->16 (5x5) + conv 16->32 (5x5) + linear 32·7·7 -> 128 + linear 128 -> 10.
        let expected = (16 * 25 + 16) + (32 * 16 * 25 + 32) + (32 * 7 * 7 * 128 + 128) + (128 * 10 + 10)
        #expect(classifier.parameterCount == expected)
        #expect(classifier.architecture.hasPrefix("DigitClassifier.v1[Sequential[Conv2D("))
        let logits = classifier.logits(Matrix(rows: 3, columns: 784))
        #expect(logits.rows == 3 && logits.columns == 10)
    }

    @Test func learnsSeparablePrototypes() throws {
        var rng = Xoshiro256(seed: 3)
        let untrained = DigitClassifier(using: &rng)
        let test = Self.dataset(perClass: 2, seed: 99)
        let (classifier, history) = Self.trained
        #expect(history.stepLosses.count == 6 && history.epochLosses.count == 1)
        // Untrained, the logits are random: accuracy near chance (0.1) and loss near ln 10 ≈ 2.3.
        #expect(try untrained.accuracy(images: test.images, labels: test.labels) < 0.5)
        // The prototypes differ in ~40 % of pixels while the noise is 0.3: a working network
        // separates unseen copies perfectly; a broken gradient stays near chance.
        #expect(try classifier.accuracy(images: test.images, labels: test.labels) == 1)
        #expect(history.stepLosses[5] < history.stepLosses[0])
        // Chance level is ln 10 ≈ 2.3; this run ends near 0.45, a broken gradient stays near chance.
        #expect(history.stepLosses.last! < 1)
    }

    @Test func checkpointRoundTripPredictsIdentically() throws {
        let classifier = Self.trained.classifier
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("digit-classifier-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try classifier.write(to: url, step: 6)
        let loaded = try DigitClassifier(contentsOf: url)
        let images = Self.dataset(perClass: 1, seed: 7).images.rows(0..<5)
        #expect(loaded.logits(images) == classifier.logits(images))  // bit for bit
        #expect(loaded.predict(images) == classifier.predict(images))
        #expect(try Checkpoint<Float>(contentsOf: url).step == 6)
    }

    @Test func refusesAnotherModelsCheckpoint() throws {
        var rng = Xoshiro256(seed: 1)
        let linear = Linear<Float>(inputFeatures: 784, outputFeatures: 10, using: &rng)
        let other = Checkpoint<Float>(model: linear, step: 0)
        #expect {
            _ = try DigitClassifier(checkpoint: other)
        } throws: { error in
            guard let e = error as? CheckpointError, case .fingerprintMismatch = e.reason else { return false }
            return true
        }
    }

    @Test func logitsInChunksMatchOneBatch() {
        // 5 images in chunks of 2: two full chunks and a short one; equal to one forward pass.
        var rng = Xoshiro256(seed: 2)
        var classifier = DigitClassifier(using: &rng)
        let images = Matrix<Float>.uniform(rows: 5, columns: 784, in: 0..<1, using: &rng)
        let chunked = classifier.logits(images, chunkSize: 2)
        let whole = classifier.forward(images, training: false)
        // 0: each image's logits are sums over that image alone, in an order that does not depend
        // on the other images of the batch.
        #expect(maxAbsoluteDifference(chunked, whole) == 0)
    }

    @Test func sampleQualityOfPrototypes() throws {
        let classifier = Self.trained.classifier
        let samples = Self.dataset(perClass: 1, seed: 8).images
        let q = try classifier.sampleQuality(of: samples)
        #expect(q.classHistogram == [Int](repeating: 1, count: 10))
        // Uniform classes: entropy log 10 up to rounding of the 10 equal fractions.
        #expect(isClose(q.normalizedEntropy, 1, absolute: 1e-12))
        #expect(q.meanConfidence > 0.5 && q.meanConfidence <= 1)
    }

    @Test func rejectsBadInput() {
        var rng = Xoshiro256(seed: 1)
        let classifier = DigitClassifier(using: &rng)
        #expect(throws: MetricsInputError.self) { try classifier.sampleQuality(of: Matrix(rows: 2, columns: 783)) }
        #expect(throws: MetricsInputError.self) {
            try classifier.sampleQuality(of: Matrix(rows: 2, columns: 784, repeating: 1.5))
        }
        #expect(throws: MetricsInputError.self) {
            try classifier.accuracy(images: Matrix(rows: 2, columns: 784), labels: [0, 10])
        }
        #expect(throws: MetricsInputError.self) {
            try ClassifierTrainingSettings(epochs: 1, batchSize: 0, learningRate: 1e-3).validate()
        }
    }
}
