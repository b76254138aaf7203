import Foundation
import OTKernels
import Testing
@testable import SwiftOTCLI

@Suite struct GlobalOptionsTests {
    @Test func defaults() throws {
        let options = try GlobalOptions.parse([])
        #expect(options.seed == 0 && !options.json && options.progress == .auto && options.progressInterval == 5)
    }

    @Test func parsesEveryOption() throws {
        let options = try GlobalOptions.parse(
            ["--seed", "18446744073709551615", "--json", "--progress", "lines", "--progress-interval", "0.5"])
        #expect(options.seed == .max && options.json && options.progress == .lines && options.progressInterval == 0.5)
    }

    @Test func generatorFollowsTheSeed() throws {
        var a = try GlobalOptions.parse(["--seed", "42"]).makeGenerator()
        var b = Xoshiro256(seed: 42)
        var c = try GlobalOptions.parse(["--seed", "43"]).makeGenerator()
        let first = (0 ..< 4).map { _ in a.next() }
        #expect(first == (0 ..< 4).map { _ in b.next() })
        #expect(first != (0 ..< 4).map { _ in c.next() })
    }

    @Test(arguments: [(GlobalOptions.Progress.lines, ProgressBar.Style.lines(interval: 2)), (.none, .silent)])
    func progressBarFollowsTheProgressOptions(mode: GlobalOptions.Progress, style: ProgressBar.Style) throws {
        let options = try GlobalOptions.parse(["--progress", mode.rawValue, "--progress-interval", "2"])
        #expect(options.makeProgressBar(total: 10).style == style)
    }

    private struct Result: Encodable { let cost: Double; let converged: Bool }

    @Test func printResultWritesJSONOrTheSummary() throws {
        let json = CapturedText()
        try GlobalOptions.parse(["--json"]).printResult(Result(cost: 0.25, converged: true), to: json.stream) {
            "unused"
        }
        let decoded = try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any]
        #expect(decoded?["cost"] as? Double == 0.25 && decoded?["converged"] as? Bool == true)
        let text = CapturedText()
        try GlobalOptions.parse([]).printResult(Result(cost: 0.25, converged: true), to: text.stream) { "cost 0.25" }
        #expect(text.text == "cost 0.25\n")
    }
}
