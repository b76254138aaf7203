import Foundation
import Testing
@testable import SwiftOTCLI

/// `experiment semidiscrete-toy --setup three-point` end to end with a few steps.
@Suite struct SemiDiscreteToyCommandTests {
    @Test func threePointWritesSamplesAndTargetMasses() throws {
        let parent = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("toy")
        let output = CapturedText(), errors = CapturedText()
        let code = CommandRunner.run(
            SwiftOT.self,
            arguments: ["experiment", "semidiscrete-toy", "--setup", "three-point", "--steps", "20", "--lambda", "0.01",
                        "--out", out.path, "--progress", "none"],
            output: output.stream, errors: errors.stream)
        #expect(code == 0, "\(errors.text)")
        for name in ["samples.svg", "metrics.json", "config.json", "report.md"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        let metrics = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("metrics.json")))
                as? [String: Any])
        let cells = try #require(metrics["cellMass"] as? [Double])
        let plan = try #require(metrics["planMass"] as? [Double])
        // Fractions of the same samples: they sum to 1 up to the rounding of 10,000 additions.
        #expect(cells.count == 3 && abs(cells.reduce(0, +) - 1) < 1e-9)
        #expect(plan.count == 3 && abs(plan.reduce(0, +) - 1) < 1e-9)
        #expect(metrics["steps"] as? Int == 20)
    }
}
