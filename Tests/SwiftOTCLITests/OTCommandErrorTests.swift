import Foundation
import Testing
@testable import SwiftOTCLI

/// Every bad input of `swiftot ot` ends the run with one error line on standard error, a
/// non-zero exit code, nothing on standard output and no output file.
@Suite struct OTCommandErrorTests {
    /// A folder with a valid 3-point source `x.csv` and target `y.csv` in 2-D.
    private let folder: OTCommandFolder
    private let source: String, target: String

    init() throws {
        folder = try OTCommandFolder()
        source = try folder.write("x.csv", text: "0,0\n1,0\n0,1\n")
        target = try folder.write("y.csv", text: "2,2\n3,1\n1,3\n")
    }

    /// Runs `swiftot ot <arguments>` (plus `--plan` and `--potentials` into the folder unless
    /// `writes` is false) through ``CommandRunner``, checks the failure shape and returns the message.
    private func failure(_ arguments: [String], code: Int32 = 1, writes: Bool = true) throws -> String {
        let before = try folder.names()
        let (output, errors) = (CapturedText(), CapturedText())
        let extra = writes ? ["--plan", folder.path("plan.npy"), "--potentials", folder.path("pot")] : []
        let status = CommandRunner.run(
            SwiftOT.self, arguments: ["ot"] + arguments + extra, output: output.stream, errors: errors.stream)
        #expect(status == code)
        #expect(output.text.isEmpty)
        #expect(errors.lines.count == 1 && errors.text.hasSuffix("\n"))
        #expect(try folder.names() == before, "a failed run must not write files")
        let line = errors.lines.first ?? ""
        #expect(line.hasPrefix("swiftot: error: "))
        return String(line.dropFirst("swiftot: error: ".count))
    }

    private func exact(_ extra: [String] = [], source: String? = nil, target: String? = nil) -> [String] {
        ["--source", source ?? self.source, "--target", target ?? self.target, "--method", "exact"] + extra
    }

    @Test func nanInACSVFileNamesTheLine() throws {
        let bad = try folder.write("nan.csv", text: "0,0\n1,nan\n0,1\n")
        #expect(try failure(exact(source: bad)).contains("nan.csv:2:2: expected a finite number"))
    }

    @Test func infinityInAnNPYFileIsRejectedBySolver() throws {
        let bad = try folder.write("inf.npy", rows: [[2, 2], [.infinity, 1], [1, 3]])
        #expect(try failure(exact(target: bad)) == "target has a non-finite value inf at row 1, column 0")
    }

    @Test func nanInAnNPYFileIsRejectedForSliced() throws {
        let bad = try folder.write("nan.npy", rows: [[0, 0], [1, .nan], [0, 1]])
        let message = try failure(
            ["--source", bad, "--target", target, "--method", "sliced", "--precision", "float"], writes: false)
        #expect(message == "source has a non-finite value nan at row 1, column 1")
    }

    @Test func negativeWeightIsRejected() throws {
        let weights = try folder.write("a.csv", text: "0.5\n-0.1\n0.6\n")
        #expect(try failure(exact(["--source-weights", weights])).contains("source weights[1] = -0.1"))
    }

    @Test func allZeroWeightsAreRejected() throws {
        let weights = try folder.write("b.npy", vector: [0, 0, 0])
        #expect(try failure(exact(["--target-weights", weights])).contains("target weights has zero total mass"))
    }

    @Test func weightCountMustMatchPointCount() throws {
        let weights = try folder.write("a.npy", vector: [0.5, 0.5])
        #expect(try failure(exact(["--source-weights", weights])) == "source weights has 2 entries for 3 points")
    }

    @Test func weightFileMustBeAVector() throws {
        let weights = try folder.write("a.csv", text: "0.5,0.5\n0.5,0.5\n")
        #expect(try failure(exact(["--source-weights", weights])).hasPrefix("--source-weights \(weights) is a 2 x 2 table"))
    }

    @Test func unequalMassesAreRejectedByExact() throws {
        let weights = try folder.write("a.csv", text: "1\n1\n1\n")
        #expect(try failure(exact(["--source-weights", weights])).contains("exact transport needs equal total mass"))
    }

    @Test(arguments: ["exact", "sliced"])
    func dimensionMismatchIsRejected(method: String) throws {
        let flat = try folder.write("y1.csv", text: "1\n2\n3\n")
        let message = try failure(
            ["--source", source, "--target", flat, "--method", method], writes: method == "exact")
        #expect(message == "source has dimension 2 but target has 1")
    }

    @Test func emptyCloudIsRejected() throws {
        let empty = try folder.write("empty.npy", rows: [])
        #expect(try failure(exact(source: empty)).contains("source is empty"))
    }

    @Test func missingFileNamesThePath() throws {
        let message = try failure(exact(source: folder.path("absent.npy")))
        #expect(message == "\(folder.path("absent.npy")): cannot read: No such file or directory")
    }

    @Test func corruptNPYFileNamesThePath() throws {
        let corrupt = try folder.write("corrupt.npy", text: "this is not an npy file")
        #expect(try failure(exact(target: corrupt)).hasPrefix("\(corrupt): not a valid NPY file"))
    }

    @Test func unknownFileFormatNamesThePath() throws {
        let text = try folder.write("points.txt", text: "0 0\n")
        #expect(try failure(exact(source: text)).hasPrefix("\(text): unknown file format"))
    }

    @Test func unknownMethodIsAUsageError() throws {
        let message = try failure(["--source", source, "--target", target, "--method", "magic"], code: 64)
        #expect(message.contains("'magic'") && message.hasSuffix("(see 'swiftot ot --help')"))
    }

    @Test(arguments: [
        ["--p", "0.5"], ["--p", "inf"], ["--max-iterations", "0"], ["--precision", "float"], ["--projections", "10"],
    ])
    func badExactOptionsAreUsageErrors(extra: [String]) throws {
        _ = try failure(exact(extra), code: 64)
    }

    @Test(arguments: [["--projections", "0"], ["--max-iterations", "5"], ["--plan", "p.npy"], ["--potentials", "f"]])
    func badSlicedOptionsAreUsageErrors(extra: [String]) throws {
        _ = try failure(["--source", source, "--target", target, "--method", "sliced"] + extra, code: 64, writes: false)
    }

    @Test func planMustBeAnNPYFile() throws {
        let message = try failure(exact(["--plan", folder.path("plan.csv")]), code: 64, writes: false)
        #expect(message.hasPrefix("--plan must name a .npy file"))
    }

    @Test func missingRequiredOptionIsAUsageError() throws {
        _ = try failure(["--source", source, "--method", "exact"], code: 64)
    }

    private func sinkhorn(_ extra: [String]) -> [String] {
        ["--source", source, "--target", target, "--method", "sinkhorn"] + extra
    }

    @Test(arguments: ["0", "-0.1", "nan", "inf"])
    func epsilonMustBePositive(value: String) throws {
        // `=` lets a negative value through as a value rather than an option name.
        let message = try failure(sinkhorn(["--epsilon=\(value)"]), code: 64)
        #expect(message.hasPrefix("--epsilon must be a finite number > 0"))
    }

    @Test(arguments: [["--tolerance", "0"], ["--unbalanced", "0"], ["--unbalanced", "-1"], ["--p", "3"], ["--max-iterations", "0"]])
    func badSinkhornOptionsAreUsageErrors(extra: [String]) throws {
        _ = try failure(sinkhorn(extra), code: 64)
    }

    @Test(arguments: [["--epsilon", "0.1"], ["--relative-epsilon"], ["--tolerance", "1e-3"], ["--fixed-iterations"], ["--unbalanced", "1"]])
    func entropicOptionsAreRejectedForExact(extra: [String]) throws {
        #expect(try failure(exact(extra), code: 64).contains("applies only to --method sinkhorn or divergence"))
    }

    @Test func divergenceWritesNoPlan() throws {
        _ = try failure(["--source", source, "--target", target, "--method", "divergence", "--plan", folder.path("p.npy")],
                        code: 64, writes: false)
    }

    @Test func relativeEpsilonOfAZeroCostIsRejected() throws {
        let point = try folder.write("point.csv", text: "1,1\n")
        let message = try failure(
            ["--source", point, "--target", point, "--method", "sinkhorn", "--relative-epsilon"])
        #expect(message.contains("relative epsilon"))
    }

    @Test(arguments: ["sinkhorn", "divergence"])
    func balancedEntropicMethodsNeedEqualMasses(method: String) throws {
        let weights = try folder.write("a.csv", text: "1\n1\n1\n")
        let message = try failure(
            ["--source", source, "--target", target, "--method", method, "--source-weights", weights],
            writes: method == "sinkhorn")
        #expect(message.contains("equal masses"))
    }
}
