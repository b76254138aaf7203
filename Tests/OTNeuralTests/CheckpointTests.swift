import Foundation
import OTKernels
@testable import OTNeural
import Testing

/// A fresh empty directory under the system temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("otneural-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A model with parameters and BatchNorm buffers, trained a few Adam steps so that every tensor and
/// optimizer slot holds non-trivial values.
func trainedModel(seed: UInt64) -> (model: Sequential<Float>, adam: Adam<Float>) {
    var rng = Xoshiro256(seed: seed)
    var model = Sequential<Float>([
        Linear(inputFeatures: 3, outputFeatures: 4, using: &rng), BatchNorm(features: 4), ReLU(),
        Linear(inputFeatures: 4, outputFeatures: 2, using: &rng),
    ])
    var adam = Adam<Float>(learningRate: 0.01)
    for _ in 0..<3 {
        let x = Matrix<Float>.normal(rows: 5, columns: 3, using: &rng)
        model.zeroGradients()
        _ = model.backward(Loss.meanSquaredError(model.forward(x, training: true), Matrix(rows: 5, columns: 2)).gradient)
        adam.step(&model)
    }
    return (model, adam)
}

/// Every parameter and buffer of `model`, flattened, for exact comparisons.
func snapshot(_ model: some Layer<Float>) -> [[Float]] {
    model.parameters.map(\.parameter.value.elements) + model.buffers.map(\.value.elements)
}

@Suite struct CheckpointTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)  // the published CRC-32 check value
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test func roundTripIsBitExactAndResumesTraining() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("checkpoint.bin")
        var (model, adam) = trainedModel(seed: 1)
        var rng = Xoshiro256(seed: 99)
        _ = rng.next()
        let saved = Checkpoint(model: model, optimizer: adam, step: 3, randomState: rng.stateWords)
        try saved.write(to: url)

        let loaded = try Checkpoint<Float>(contentsOf: url)
        #expect(loaded == saved)
        #expect(loaded.encoded() == [UInt8](try Data(contentsOf: url)))  // byte-for-byte, so bit-exact values

        var (restored, restoredAdam) = trainedModel(seed: 2)  // same architecture, different values
        #expect(snapshot(restored) != snapshot(model))
        try loaded.restore(into: &restored, optimizer: &restoredAdam)
        #expect(snapshot(restored) == snapshot(model))
        #expect(restoredAdam.stepCount == adam.stepCount)
        var restoredRNG = try #require(Xoshiro256(stateWords: loaded.randomState))
        #expect(restoredRNG.next() == rng.next())

        // One more identical step from both: identical results, so the optimizer state came back too.
        let x = Matrix<Float>.normal(rows: 5, columns: 3, using: &rng)
        func step(_ m: inout Sequential<Float>, _ a: inout Adam<Float>) {
            m.zeroGradients()
            _ = m.backward(Loss.meanSquaredError(m.forward(x, training: true), Matrix(rows: 5, columns: 2)).gradient)
            a.step(&m)
        }
        step(&model, &adam)
        step(&restored, &restoredAdam)
        #expect(snapshot(restored) == snapshot(model))
    }

    enum Corruption: String, CaseIterable, Sendable {
        case flippedPayloadByte, flippedMagicByte, newerVersion, truncatedPayload, truncatedHeader, emptyFile
    }

    @Test(arguments: Corruption.allCases)
    func corruptFilesThrowTheMatchingErrorAndChangeNothing(_ corruption: Corruption) throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("checkpoint.bin")
        let (model, _) = trainedModel(seed: 1)
        var bytes = Checkpoint(model: model, step: 7).encoded()
        let payloadLength = bytes.count - 24
        switch corruption {
        case .flippedPayloadByte: bytes[24 + payloadLength / 2] ^= 0x10
        case .flippedMagicByte: bytes[0] ^= 0x01
        case .newerVersion: bytes[8] = 2
        case .truncatedPayload: bytes.removeLast(9)
        case .truncatedHeader: bytes.removeLast(bytes.count - 12)
        case .emptyFile: bytes = []
        }
        try Data(bytes).write(to: url)

        var target = trainedModel(seed: 2).model
        let before = snapshot(target)
        do {
            let checkpoint = try Checkpoint<Float>(contentsOf: url)
            try checkpoint.restore(into: &target)
            Issue.record("\(corruption): no error thrown")
        } catch {
            #expect(error.path == url.path)
            switch (corruption, error.reason) {
            case (.flippedPayloadByte, .checksumMismatch), (.flippedMagicByte, .badMagic),
                 (.newerVersion, .unsupportedVersion(found: 2, supported: 1)):
                break
            case (.truncatedPayload, .truncated(let expected, let actual)):
                #expect(expected == 24 + payloadLength && actual == expected - 9)
            case (.truncatedHeader, .truncated(24, 12)), (.emptyFile, .truncated(24, 0)):
                break
            default:
                Issue.record("\(corruption): unexpected \(error)")
            }
            #expect(error.description.contains(url.path))
        }
        #expect(snapshot(target) == before)
        #expect([UInt8](try Data(contentsOf: url)) == bytes)  // reading never rewrites the file
    }

    @Test func wrongArchitectureIsRejectedBeforeAnythingIsLoaded() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("checkpoint.bin")
        let (model, _) = trainedModel(seed: 1)
        try Checkpoint(model: model, step: 0).write(to: url)
        let checkpoint = try Checkpoint<Float>(contentsOf: url)
        var rng = Xoshiro256(seed: 3)
        var other = Sequential<Float>([Linear(inputFeatures: 3, outputFeatures: 2, using: &rng)])
        let before = other.parameters.map(\.parameter.value)
        #expect {
            try checkpoint.restore(into: &other)
        } throws: { error in
            guard let error = error as? CheckpointError,
                  case .fingerprintMismatch(let expected, let found) = error.reason else { return false }
            return expected == other.architecture && found == model.architecture && error.path == url.path
        }
        #expect(other.parameters.map(\.parameter.value) == before)
    }

    @Test func wrongShapeScalarTypeAndOptimizerAreTypedErrors() throws {
        let (model, adam) = trainedModel(seed: 1)
        var target = trainedModel(seed: 2).model
        let before = snapshot(target)

        var reshaped = Checkpoint(model: model, step: 0)
        reshaped.tensors[0].value = Matrix(rows: 4, columns: 3)  // "0.weight" is 3 x 4
        #expect(throws: CheckpointError(path: "(in memory)",
                                        reason: .shapeMismatch(tensor: "0.weight", expected: [3, 4], found: [4, 3]))) {
            try reshaped.restore(into: &target)
        }
        var missing = Checkpoint(model: model, step: 0)
        missing.tensors.removeLast()
        #expect(throws: CheckpointError(path: "(in memory)", reason: .missingTensor("1.runningVariance"))) {
            try missing.restore(into: &target)
        }
        var sgd = SGD<Float>(learningRate: 0.1)
        #expect(throws: CheckpointError(path: "(in memory)", reason: .optimizerMismatch(expected: "SGD", found: "Adam"))) {
            try Checkpoint(model: model, optimizer: adam, step: 0).restore(into: &target, optimizer: &sgd)
        }
        #expect(snapshot(target) == before)
        #expect(sgd.velocity.isEmpty)

        let bytes = Checkpoint(model: model, step: 0).encoded()
        #expect(throws: CheckpointError(path: "(in memory)",
                                        reason: .scalarTypeMismatch(tensor: "0.weight", expected: "double", found: "float"))) {
            try Checkpoint<Double>(decoding: bytes)
        }
    }

    @Test func interruptedWriteLeavesTheOldCheckpointIntact() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("checkpoint.bin")
        let (model, _) = trainedModel(seed: 1)
        let old = Checkpoint(model: model, step: 1), new = Checkpoint(model: model, step: 2)
        try old.write(to: url)

        // A crash after the temporary file is written but before the rename: the old file is intact,
        // and the new bytes sit in a separate file in the same directory (same file system, so the
        // rename would be atomic).
        let stagedPath = try AtomicFile.stage(new.encoded(), nextTo: url.path)
        let staged = URL(fileURLWithPath: stagedPath)
        #expect(staged.deletingLastPathComponent().path == dir.path)
        #expect(staged.lastPathComponent != url.lastPathComponent)
        #expect(try Checkpoint<Float>(contentsOf: url) == old)
        #expect(try Checkpoint<Float>(contentsOf: staged) == new)

        try AtomicFile.commit(stagedPath, to: url.path)
        #expect(try Checkpoint<Float>(contentsOf: url) == new)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["checkpoint.bin"])
    }

    @Test func unwritableDestinationThrowsAndLeavesNoTemporaryFile() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (model, _) = trainedModel(seed: 1)
        let missingDirectory = dir.appendingPathComponent("absent/checkpoint.bin")
        #expect {
            try Checkpoint(model: model, step: 0).write(to: missingDirectory)
        } throws: { error in
            guard let error = error as? CheckpointError, case .unwritable = error.reason else { return false }
            return error.path == missingDirectory.path
        }
        // The destination is an existing directory: rename fails, and the staged file is removed.
        let blocked = dir.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: CheckpointError.self) { try Checkpoint(model: model, step: 0).write(to: blocked) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["blocked"])
    }
}
