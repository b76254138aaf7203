import Foundation
import OTKernels
import OTMetrics
import Testing
@testable import SwiftOTCLI

/// `experiment semidiscrete-lambda` end to end on a fake 28 x 28 MNIST of a few images (tiny
/// batches, 2 outer steps), and its one-line errors.
@Suite struct SemiDiscreteLambdaTests {
    static func run(_ arguments: [String]) -> (code: Int32, output: String, errors: [String]) {
        let output = CapturedText(), errors = CapturedText()
        let code = CommandRunner.run(SwiftOT.self, arguments: ["experiment", "semidiscrete-lambda"] + arguments
                                     + ["--progress", "none"], output: output.stream, errors: errors.stream)
        return (code, output.text, errors.lines)
    }

    static let tiny = ["--steps", "2", "--batch-size", "8", "--psi-steps", "2", "--samples", "12", "--mlp-widths", "16"]

    /// Two lambdas, the same seed: one run folder each, the side-by-side grids, one loss figure with
    /// a line per lambda, and per-lambda classifier figures when a classifier is given.
    @Test func writesOneRunPerLambdaAndTheComparison() throws {
        let mnist = try TrainSemiDiscreteTests.fakeMNIST()
        let parent = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: mnist); try? FileManager.default.removeItem(at: parent) }
        var rng = Xoshiro256(seed: 2)
        let classifier = parent.appendingPathComponent("classifier.bin")
        try DigitClassifier(using: &rng).write(to: classifier)
        let out = parent.appendingPathComponent("run")

        let result = Self.run(["--mnist", mnist.path, "--out", out.path, "--lambdas", "0, 0.1", "--classifier",
                               classifier.path] + Self.tiny)
        #expect(result.code == 0, "\(result.errors)")
        for name in ["grids.svg", "loss.svg", "metrics.json", "config.json", "report.md",
                     "lambda-0.0/samples.png", "lambda-0.1/samples.png", "lambda-0.1/checkpoint.bin"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        let metrics = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("metrics.json")))
                as? [String: Any])
        let runs = try #require(metrics["runs"] as? [[String: Any]])
        #expect(runs.map { $0["lambda"] as? Double } == [0, 0.1])
        for run in runs {
            let quality = try #require(run["sampleQuality"] as? [String: Any])
            #expect((quality["classHistogram"] as? [Int])?.reduce(0, +) == 12)
            #expect((run["history"] as? [Any])?.count == 2)
        }
        // Two lambdas: both grids shown (smallest = middle... = largest set), titled.
        let grids = try String(contentsOf: out.appendingPathComponent("grids.svg"), encoding: .utf8)
        #expect(grids.contains("lambda = 0.0") && grids.contains("lambda = 0.1"))
        let loss = try String(contentsOf: out.appendingPathComponent("loss.svg"), encoding: .utf8)
        #expect(loss.contains("lambda 0.0") && loss.contains("lambda 0.1"))
    }

    /// The per-lambda run is `train semidiscrete`'s (no twin): its folder equals a `train
    /// semidiscrete` run with the same seed and settings, bit for bit in the checkpoint.
    @Test func eachLambdaRunIsTheTrainSemidiscreteRun() throws {
        let mnist = try TrainSemiDiscreteTests.fakeMNIST()
        let parent = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: mnist); try? FileManager.default.removeItem(at: parent) }
        let experiment = parent.appendingPathComponent("experiment"), single = parent.appendingPathComponent("single")
        #expect(Self.run(["--mnist", mnist.path, "--out", experiment.path, "--lambdas", "0.05"] + Self.tiny).code == 0)
        let train = TrainSemiDiscreteTests.run(["--mnist", mnist.path, "--out", single.path, "--lambda", "0.05"] + Self.tiny)
        #expect(train.code == 0, "\(train.errors)")
        let a = try Data(contentsOf: experiment.appendingPathComponent("lambda-0.05/checkpoint.bin"))
        let b = try Data(contentsOf: single.appendingPathComponent("checkpoint.bin"))
        #expect(a == b)
    }

    @Test func badInputFailsInOneLineBeforeWriting() throws {
        let mnist = try TrainSemiDiscreteTests.fakeMNIST()
        let parent = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: mnist); try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("run").path

        let negative = Self.run(["--mnist", mnist.path, "--out", out, "--lambdas", "0,-0.1"])
        #expect(negative.code == 64 && negative.errors.count == 1, "\(negative.errors)")
        #expect(negative.errors.first?.contains("--lambdas") == true && negative.errors.first?.contains("-0.1") == true)
        let garbage = Self.run(["--mnist", mnist.path, "--out", out, "--lambdas", "0,abc"])
        #expect(garbage.code == 64 && garbage.errors.count == 1 && garbage.errors.first?.contains("abc") == true)
        let notListed = Self.run(["--mnist", mnist.path, "--out", out, "--lambdas", "0,0.1", "--grid-lambdas", "0.2"])
        #expect(notListed.code == 64 && notListed.errors.first?.contains("--grid-lambdas") == true)

        let nowhere = parent.appendingPathComponent("no-mnist").path
        let missing = Self.run(["--mnist", nowhere, "--out", out])
        #expect(missing.code == 1 && missing.errors.count == 1, "\(missing.errors)")
        #expect(missing.errors.first?.contains(nowhere) == true)
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
