import Foundation
import OTData
import OTKernels
import OTMetrics
import Testing
@testable import SwiftOTCLI

@Suite struct ClassifierCommandTests {
    /// Runs `swiftot` with `arguments`; returns the exit code, standard output and error lines.
    func run(_ arguments: [String]) -> (code: Int32, output: String, errors: [String]) {
        let output = CapturedText(), errors = CapturedText()
        let code = CommandRunner.run(SwiftOT.self, arguments: arguments, output: output.stream, errors: errors.stream)
        return (code, output.text, errors.lines)
    }

    @Test func evaluateSamplesPrintsTheLibrarysSampleQuality() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = Xoshiro256(seed: 4)
        let classifier = DigitClassifier(using: &rng)
        let samples = Matrix<Float>.uniform(rows: 4, columns: 784, in: 0..<1, using: &rng)
        let checkpoint = folder.appendingPathComponent("checkpoint.bin"), npy = folder.appendingPathComponent("s.npy")
        try classifier.write(to: checkpoint)
        try samples.writeNPY(to: npy.path)

        let command = try #require(
            try SwiftOT.parseAsRoot(["evaluate", "samples", "--classifier", checkpoint.path, "--samples", npy.path])
                as? EvaluateSamples)
        #expect(try command.evaluate() == classifier.sampleQuality(of: samples))
    }

    @Test func evaluateSamplesRejectsBadFilesInOneLine() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = Xoshiro256(seed: 4)
        let checkpoint = folder.appendingPathComponent("checkpoint.bin"), npy = folder.appendingPathComponent("s.npy")
        try DigitClassifier(using: &rng).write(to: checkpoint)
        try Matrix<Float>(rows: 3, columns: 100).writeNPY(to: npy.path)
        let corrupt = folder.appendingPathComponent("corrupt.bin")
        try Data("not a checkpoint".utf8).write(to: corrupt)

        let wrongShape = run(["evaluate", "samples", "--classifier", checkpoint.path, "--samples", npy.path])
        #expect(wrongShape.code == 1 && wrongShape.errors.count == 1)
        #expect(wrongShape.errors.first?.contains("--samples") == true)
        let badCheckpoint = run(["evaluate", "samples", "--classifier", corrupt.path, "--samples", npy.path])
        #expect(badCheckpoint.code == 1 && badCheckpoint.errors.count == 1)
        #expect(badCheckpoint.errors.first?.contains(corrupt.path) == true)
    }

    @Test func trainClassifierWithoutDataWritesNothing() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("run")
        let missing = folder.appendingPathComponent("no-mnist").path
        let result = run(["train", "classifier", "--mnist", missing, "--out", out.path])
        #expect(result.code == 1 && result.errors.count == 1)
        #expect(result.errors.first?.contains(missing) == true)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(run(["train", "classifier", "--mnist", missing, "--epochs", "0"]).code == 64)
    }
}
