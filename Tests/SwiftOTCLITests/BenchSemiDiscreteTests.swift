import Foundation
import Testing
@testable import SwiftOTCLI

@Suite struct BenchSemiDiscreteTests {
    @Test func parsesOptionsAndDefaults() throws {
        let command = try SwiftOT.parseAsRoot(
            ["bench", "semidiscrete", "--n", "50", "--d", "12", "--batch", "8", "--lambda", "0.1", "--repeats", "1", "--json"])
        let bench = try #require(command as? BenchSemiDiscrete)
        #expect(bench.n == 50 && bench.d == 12 && bench.batch == 8 && bench.lambda == 0.1 && bench.repeats == 1)
        #expect(bench.global.json)
        let defaults = try #require(try SwiftOT.parseAsRoot(["bench", "semidiscrete"]) as? BenchSemiDiscrete)
        #expect(defaults.n == 60_000 && defaults.d == 784 && defaults.batch == 200 && defaults.lambda == 0.05)
        #expect(defaults.hidden == [256, 512, 1024])
    }

    @Test(arguments: [["--n", "0"], ["--batch", "0"], ["--lambda", "-1"], ["--repeats", "0"], ["--d", "x"], ["--hidden", "0"],
                       ["--data-batch", "0"], ["--n", "40", "--data-batch", "41"]])
    func rejectsBadOptions(arguments: [String]) {
        #expect(throws: (any Error).self) { try SwiftOT.parseAsRoot(["bench", "semidiscrete"] + arguments) }
    }

    /// A tiny run goes through the trainer: every time is positive and the outer step has run
    /// (its marginal error is a finite number in [0, 2]).
    @Test func tinyRunMeasuresEveryStep() throws {
        let bench = try #require(
            try SwiftOT.parseAsRoot(["bench", "semidiscrete", "--n", "40", "--d", "6", "--batch", "5", "--repeats", "1", "--hidden", "8", "8",
                                     "--data-batch", "10"])
                as? BenchSemiDiscrete)
        let report = try bench.measure()
        for t in [report.dataSeconds, report.kappaSeconds, report.problemSeconds, report.psiStepSeconds,
                  report.generatorStepSeconds, report.outerStepSeconds, try #require(report.minibatchPsiStepSeconds)] {
            #expect(t > 0)
        }
        // ‖ν − mean_b π(x_b)‖₁ of two probability vectors lies in [0, 2].
        #expect(report.finalMarginalError >= 0 && report.finalMarginalError <= 2)
        let object = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report)) as? [String: Any])
        #expect(object["psiStepSeconds"] is Double && object["outerStepSeconds"] is Double)
        #expect(report.summary.contains("psi step") && report.summary.contains("psi step on 10 random targets"))
    }
}
