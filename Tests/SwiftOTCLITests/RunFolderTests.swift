import Foundation
import Testing
@testable import SwiftOTCLI
import OTKernels

@Suite struct RunFolderTests {
    private struct Config: Codable, Equatable { let zeta: Int; let alpha: String; let epsilon: Double }

    @Test func createsNestedFolderAndWritesSortedPrettyJSON() throws {
        let base = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let run = try RunFolder(path: base.appendingPathComponent("runs/a/b").path)
        let config = Config(zeta: 1, alpha: "x", epsilon: 0.05)
        try run.writeConfig(config)
        let data = try Data(contentsOf: run.file("config.json"))
        #expect(try JSONDecoder().decode(Config.self, from: data) == config)
        let text = String(decoding: data, as: UTF8.self)
        let keys = ["alpha", "epsilon", "zeta"].map { text.range(of: "\"\($0)\"")!.lowerBound }
        #expect(keys == keys.sorted())
        #expect(text.contains("\n  \"alpha\"") && text.hasSuffix("}\n"))
    }

    @Test func replacingFilesLeavesNoTemporaryFiles() throws {
        let base = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let run = try RunFolder(path: base.path)
        for step in 0 ..< 5 {
            try run.writeMetrics(["step": step])
            try run.writeConfig(Config(zeta: step, alpha: "", epsilon: 1))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: base.path).sorted()
        #expect(names == ["config.json", "metrics.json"])
        let metrics = try JSONDecoder().decode([String: Int].self, from: Data(contentsOf: run.file("metrics.json")))
        #expect(metrics == ["step": 4])
    }

    @Test func nonFiniteValuesAreWrittenAsStrings() throws {
        let text = String(decoding: try JSONOutput.encode(["a": Double.nan, "b": .infinity, "c": -.infinity]), as: UTF8.self)
        #expect(text.contains("\"NaN\"") && text.contains("\"Infinity\"") && text.contains("\"-Infinity\""))
    }

    @Test func failedWriteThrowsFileWriteErrorAndLeavesNothing() throws {
        let base = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let target = base.appendingPathComponent("missing/metrics.json")
        #expect(throws: FileWriteError(path: target.path, reason: "No such file or directory")) {
            try AtomicFile.write(Data("{}".utf8), to: target)
        }
        // Writing onto a folder cannot rename over it: the temporary file must be removed.
        let folder = base.appendingPathComponent("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        #expect(throws: FileWriteError.self) { try AtomicFile.write(Data("{}".utf8), to: folder) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["folder"])
    }

    @Test func aFileInTheWayIsAnError() throws {
        let base = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent("taken")
        try Data().write(to: file)
        #expect(throws: FileError(action: "create the folder", path: file.path, reason: "a file is in the way")) {
            try RunFolder(path: file.path)
        }
    }
}
