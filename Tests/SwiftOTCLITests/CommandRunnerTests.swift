import ArgumentParser
import Foundation
import Testing
@testable import SwiftOTCLI

/// A library error whose message is its `description`, like `OTInputError`.
private struct DescribedError: Error, CustomStringConvertible {
    let description: String
}

/// An error that only says something through `LocalizedError`.
private struct LocalizedFailure: LocalizedError {
    var errorDescription: String? { "the weights file has 3 rows for 4 points" }
}

/// A small command tree shaped like `swiftot`, whose `fail` subcommand throws the error `--kind` asks for.
private struct Root: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftot", version: "9.9.9", subcommands: [Fail.self])
}

private struct Fail: ParsableCommand {
    enum Kind: String, ExpressibleByArgument { case none, described, multiline, localized, file, exit, validation }

    @OptionGroup var global: GlobalOptions
    @Option var kind: Kind = .none

    func run() throws {
        switch kind {
        case .none: return
        case .described: throw DescribedError(description: "source has dimension 2 but target has 3")
        case .multiline: throw DescribedError(description: "first part\n   second part\n")
        case .localized: throw LocalizedFailure()
        case .file: _ = try Data(contentsOf: URL(fileURLWithPath: "/nonexistent-swiftot/points.npy"))
        case .exit: throw ExitCode(3)
        case .validation: throw ValidationError("--epsilon must be > 0")
        }
    }
}

@Suite struct CommandRunnerTests {
    /// Runs `arguments` through `CommandRunner` and returns (exit code, stdout, stderr).
    private func run(_ arguments: [String]) -> (code: Int32, output: String, errors: CapturedText) {
        let (output, errors) = (CapturedText(), CapturedText())
        let code = CommandRunner.run(Root.self, arguments: arguments, output: output.stream, errors: errors.stream)
        return (code, output.text, errors)
    }

    /// Checks the run failed with `code` and printed exactly one `swiftot: error: ` line and nothing else.
    private func expectOneErrorLine(_ arguments: [String], code: Int32) -> String {
        let result = run(arguments)
        #expect(result.code == code)
        #expect(result.output.isEmpty)
        #expect(result.errors.lines.count == 1)
        #expect(result.errors.text.hasSuffix("\n"))
        let line = result.errors.lines.first ?? ""
        #expect(line.hasPrefix("swiftot: error: "))
        return line
    }

    @Test func successPrintsNothing() {
        let result = run(["fail", "--seed", "7", "--json"])
        #expect(result.code == 0 && result.output.isEmpty && result.errors.text.isEmpty)
    }

    @Test func helpAndVersionGoToStandardOutputWithExitZero() {
        let help = run(["fail", "--help"])
        #expect(help.code == 0 && help.errors.text.isEmpty)
        #expect(help.output.contains("--seed") && help.output.contains("--progress-interval"))
        let version = run(["--version"])
        #expect(version.code == 0 && version.output == "9.9.9\n")
    }

    @Test func libraryErrorPrintsItsDescription() {
        let line = expectOneErrorLine(["fail", "--kind", "described"], code: 1)
        #expect(line == "swiftot: error: source has dimension 2 but target has 3")
    }

    @Test func multiLineDescriptionIsFoldedIntoOneLine() {
        #expect(expectOneErrorLine(["fail", "--kind", "multiline"], code: 1) == "swiftot: error: first part second part")
    }

    @Test func localizedErrorPrintsItsErrorDescription() {
        #expect(expectOneErrorLine(["fail", "--kind", "localized"], code: 1)
            == "swiftot: error: the weights file has 3 rows for 4 points")
    }

    @Test func fileErrorNamesTheFile() {
        #expect(expectOneErrorLine(["fail", "--kind", "file"], code: 1)
            == "swiftot: error: cannot read /nonexistent-swiftot/points.npy: No such file or directory")
    }

    @Test func thrownExitCodeIsSilent() {
        let result = run(["fail", "--kind", "exit"])
        #expect(result.code == 3 && result.output.isEmpty && result.errors.text.isEmpty)
    }

    @Test func validationErrorFromRunIsAUsageError() {
        #expect(expectOneErrorLine(["fail", "--kind", "validation"], code: 64)
            == "swiftot: error: --epsilon must be > 0 (see 'swiftot --help')")
    }

    @Test func unknownOptionOfASubcommandPointsToItsHelp() {
        #expect(expectOneErrorLine(["fail", "--frobnicate"], code: 64)
            == "swiftot: error: Unknown option '--frobnicate' (see 'swiftot fail --help')")
    }

    @Test func unknownSubcommandIsAUsageError() {
        #expect(expectOneErrorLine(["frobnicate"], code: 64).hasSuffix("(see 'swiftot --help')"))
    }

    @Test(arguments: [
        ["fail", "--progress-interval", "0"], ["fail", "--progress-interval", "nan"],
        ["fail", "--progress", "sometimes"], ["fail", "--seed", "-1"], ["fail", "--seed"],
    ])
    func badGlobalOptionValuesAreUsageErrors(arguments: [String]) {
        _ = expectOneErrorLine(arguments, code: 64)
    }

    @Test func singleLineFoldsBreaksAndTrims() {
        #expect(ErrorReporter.singleLine("  a\n\n  b \r\n c  ") == "a b c")
        #expect(ErrorReporter.singleLine("\n") == "")
    }
}
