import Foundation
@testable import SwiftOTCLI
import Testing

/// `train semidiscrete` on a fake 28 x 28 MNIST of a few images: outputs, resume, and bad input that
/// must fail with a clear message before anything is written.
@Suite struct TrainSemiDiscreteTests {
    /// An IDX file of unsigned bytes with `dimensions` (big-endian header, then the values).
    static func idx(_ dimensions: [Int], values: [UInt8]) -> Data {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions { bytes += withUnsafeBytes(of: UInt32(d).bigEndian, Array.init) }
        return Data(bytes + values)
    }

    /// A folder with the four MNIST files holding `count` images of 28 x 28 (a bar at a row that
    /// depends on the label).
    static func fakeMNIST(count: Int = 24) throws -> URL {
        let folder = try makeTemporaryFolder()
        let labels = (0..<count).map { UInt8($0 % 10) }
        let pixels = labels.flatMap { label in
            (0..<784).map { p in p / 28 == 4 + 2 * Int(label) ? UInt8(255) : UInt8(p % 7 == 0 ? 40 : 0) }
        }
        for part in ["train", "t10k"] {
            try idx([count, 28, 28], values: pixels).write(to: folder.appendingPathComponent("\(part)-images-idx3-ubyte"))
            try idx([count], values: labels).write(to: folder.appendingPathComponent("\(part)-labels-idx1-ubyte"))
        }
        return folder
    }

    static func run(_ arguments: [String]) -> (code: Int32, output: String, errors: String) {
        let output = CapturedText(), errors = CapturedText()
        let code = CommandRunner.run(TrainSemiDiscrete.self, arguments: arguments + ["--progress", "none"],
                                     output: output.stream, errors: errors.stream)
        return (code, output.text, errors.text)
    }

    static let small = ["--samples", "20", "--steps", "2", "--batch-size", "8", "--psi-steps", "2", "--checkpoint-every", "5",
                        "--mlp-widths", "16"]

    /// One small run, then: resuming with another generator or λ is refused and changes no file;
    /// resuming with the same settings continues to the new step count. (A 16-wide MLP keeps the
    /// debug build fast; the paper-sized generators are checked in OTGenerativeTests.)
    @Test func writesTheRunFolderRefusesForeignCheckpointsAndResumes() throws {
        let mnist = try Self.fakeMNIST()
        let out = try makeTemporaryFolder().appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: mnist); try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let first = Self.run(["--mnist", mnist.path, "--out", out.path] + Self.small)
        #expect(first.code == 0, "\(first.errors)")
        for name in ["samples.png", "samples.npy", "loss.svg", "metrics.json", "config.json", "report.md", "checkpoint.bin"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        // samples.npy: 20 x 784 float32 = 62,720 bytes of data after a header of at most 256 bytes.
        let npy = try Data(contentsOf: out.appendingPathComponent("samples.npy"))
        #expect(npy.count > 62_720 && npy.count <= 62_720 + 256)
        func metrics() throws -> [String: Any]? {
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("metrics.json")))
                as? [String: Any]
        }
        #expect(try metrics()?["steps"] as? Int == 2)

        let names = ["checkpoint.bin", "metrics.json", "config.json", "samples.npy"]
        let before = try names.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        for other in [["--generator", "dcgan"], ["--lambda", "0.5"]] {
            let result = Self.run(["--mnist", mnist.path, "--out", out.path, "--resume"] + other + Self.small)
            #expect(result.code == 1)
            #expect(result.errors.contains("checkpoint.bin"), "\(result.errors)")
        }
        let after = try names.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        #expect(after == before)

        let resumed = Self.run(["--mnist", mnist.path, "--out", out.path, "--resume"]
            + Self.small.map { $0 == "2" ? "3" : $0 })
        #expect(resumed.code == 0, "\(resumed.errors)")
        #expect(try metrics()?["steps"] as? Int == 3)
        #expect(try metrics()?["stepsThisRun"] as? Int == 1)
    }

    @Test func badInputFailsBeforeWriting() throws {
        let mnist = try Self.fakeMNIST()
        let parent = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: mnist); try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("run").path

        let missing = Self.run(["--mnist", parent.appendingPathComponent("nowhere").path, "--out", out])
        #expect(missing.code == 1 && missing.errors.contains("nowhere"), "\(missing.errors)")

        let corrupt = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: corrupt) }
        for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"] {
            try Data([1, 2, 3, 4, 5]).write(to: corrupt.appendingPathComponent(name))
        }
        let garbled = Self.run(["--mnist", corrupt.path, "--out", out])
        #expect(garbled.code == 1 && garbled.errors.contains("train-images-idx3-ubyte"), "\(garbled.errors)")

        let negative = Self.run(["--mnist", mnist.path, "--out", out, "--lambda", "-0.1"])
        #expect(negative.code == 64 && negative.errors.contains("--lambda"), "\(negative.errors)")
        let empty = Self.run(["--mnist", mnist.path, "--out", out, "--batch-size", "0"])
        #expect(empty.code == 64 && empty.errors.contains("--batch-size"), "\(empty.errors)")
        let noCheckpoint = Self.run(["--mnist", mnist.path, "--out", out, "--resume"])
        #expect(noCheckpoint.code != 0 && noCheckpoint.errors.contains("checkpoint"), "\(noCheckpoint.errors)")

        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
