import Foundation
import Testing
@testable import SwiftOTCLI

@Suite struct BenchCommandTests {
    @Test func parsesKernelsOptions() throws {
        let command = try SwiftOT.parseAsRoot(["bench", "kernels", "--json", "--size", "64", "--repeats", "3"])
        let kernels = try #require(command as? BenchKernels)
        #expect(kernels.global.json && kernels.size == 64 && kernels.repeats == 3)
        let defaults = try #require(try SwiftOT.parseAsRoot(["bench", "kernels"]) as? BenchKernels)
        #expect(!defaults.global.json && defaults.size == 512)
    }

    @Test(arguments: [["--size", "0"], ["--repeats", "0"], ["--size", "many"], ["--unknown"]])
    func rejectsBadOptions(arguments: [String]) {
        #expect(throws: (any Error).self) { try SwiftOT.parseAsRoot(["bench", "kernels"] + arguments) }
    }

    /// `--json` prints one object whose keys are the report's fields.
    @Test func reportEncodesAsOneJSONObject() throws {
        let report = BenchKernelsReport(
            size: 8, threads: 2, repeats: 1, gemmFloatGFLOPS: 1, gemmFloatOneThreadGFLOPS: 2, gemmDoubleGFLOPS: 3,
            gemmDoubleOneThreadGFLOPS: 4, pairwiseDimension2NanosecondsPerPair: 5,
            pairwiseDimension784NanosecondsPerPair: 6, logSumExpNanosecondsPerElement: 7)
        let object = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report)) as? [String: Any])
        #expect(object["gemmFloatGFLOPS"] as? Double == 1)
        #expect(object["logSumExpNanosecondsPerElement"] as? Double == 7)
        #expect(object.count == 10)
        #expect(report.table.contains("GFLOP/s"))
    }
}
