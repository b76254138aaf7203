import Foundation
import Testing
@testable import SwiftOTCLI

/// The built `swiftot` executable, found next to the test bundle (the build products folder), or
/// through `SWIFTOT_BINARY`, or at `.build/debug/swiftot` above this source file.
private let swiftotBinary: URL? = {
    var candidates: [URL] = []
    if let path = ProcessInfo.processInfo.environment["SWIFTOT_BINARY"] {
        candidates.append(URL(fileURLWithPath: path))
    }
    for executable in [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])].compactMap({ $0 }) {
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        // On macOS the test binary sits inside `SwiftOTPackageTests.xctest/Contents/MacOS`.
        for _ in 0 ..< 4 {
            candidates.append(folder.appendingPathComponent("swiftot"))
            folder.deleteLastPathComponent()
        }
    }
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
        candidates.append(folder.appendingPathComponent(".build/debug/swiftot"))
        folder.deleteLastPathComponent()
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// The output of one run of the binary.
private struct Outcome {
    let status: Int32
    let output: String
    let errors: String

    /// The error output split into lines (each ends with a newline).
    var errorLines: [String] { Array(errors.components(separatedBy: "\n").dropLast()) }
}

/// Runs the binary with `arguments`, with no standard input, and waits for it; standard error goes
/// to `errorSink` instead of a pipe when one is given.
private func runSwiftOT(_ arguments: [String], errorSink: FileHandle? = nil) throws -> Outcome {
    let process = Process()
    // The suite runs only when the binary was found.
    process.executableURL = swiftotBinary!
    process.arguments = arguments
    let (output, errors) = (Pipe(), Pipe())
    process.standardOutput = output
    process.standardError = errorSink ?? errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // The outputs are small (a help screen at most), far below a pipe's buffer, so reading them
    // one after the other cannot block the child.
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    if errorSink != nil { try errors.fileHandleForWriting.close() }
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
        status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
        errors: String(decoding: errorData, as: UTF8.self))
}

@Suite(.enabled(if: swiftotBinary != nil, "the swiftot executable was not found next to the tests or in .build/debug"))
struct SwiftOTBinaryTests {
    @Test func versionPrintsTheConfiguredVersion() throws {
        let outcome = try runSwiftOT(["--version"])
        #expect(outcome.status == 0 && outcome.errors.isEmpty)
        #expect(outcome.output == SwiftOT.configuration.version + "\n")
    }

    @Test(arguments: [["--help"], ["-h"], []])
    func helpExitsZero(arguments: [String]) throws {
        let outcome = try runSwiftOT(arguments)
        #expect(outcome.status == 0 && outcome.errors.isEmpty)
        #expect(outcome.output.contains("USAGE: swiftot"))
    }

    // (ArgumentParser lets `--help` and `--version` win over other mistakes on the same line.)
    @Test(arguments: [["--frobnicate"], ["frobnicate"], ["--seed", "x"], ["-x"]])
    func usageErrorIsOneLineOnStandardError(arguments: [String]) throws {
        let outcome = try runSwiftOT(arguments)
        #expect(outcome.status == 64)
        #expect(outcome.output.isEmpty)
        #expect(outcome.errorLines.count == 1)
        #expect(outcome.errorLines.first?.hasPrefix("swiftot: error: ") == true)
        #expect(outcome.errorLines.first?.hasSuffix("(see 'swiftot --help')") == true)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func unwritableStandardErrorStillExitsCleanly() throws {
        // Every write to /dev/full fails (ENOSPC): the error cannot be shown, but the exit code stays.
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        #expect(try runSwiftOT(["--frobnicate"], errorSink: full).status == 64)
    }
}
