import Foundation
import ArgumentParser

/// Turns any error into the single line `swiftot: error: <message>` that the command line prints.
///
/// Every error reaches the user as exactly one line on standard error:
/// - usage errors (unknown option or subcommand, bad or missing value, a failed `validate()`) get
///   ArgumentParser's message followed by a hint naming the help command, e.g.
///   `swiftot: error: Unknown option '--frobnicate' (see 'swiftot --help')`;
/// - a Foundation file error (`CocoaError`) names the operation, the path and the system's reason:
///   `cannot read data/x.npy: No such file or directory`;
/// - any other error (a library's typed error) gets its description: a `LocalizedError`'s
///   `errorDescription`, or else `String(describing:)`, which is the `description` of a
///   `CustomStringConvertible` error;
/// - line breaks inside a message are folded into spaces, so a multi-line description still prints
///   as one line;
/// - an `ExitCode` thrown on purpose prints nothing.
struct ErrorReporter: Sendable {
    /// The program name that starts every line (`swiftot`).
    let programName: String

    /// A reporter whose lines start with `programName: error: `.
    init(programName: String) { self.programName = programName }

    /// The one line (without the trailing newline) to print for `error` raised while parsing or
    /// running `root` or one of its subcommands, or `nil` when there is nothing to print.
    ///
    /// - Complexity: O(length of the message); a usage error also renders the usage text once.
    func line(for error: any Error, root: any ParsableCommand.Type) -> String? {
        let message = Self.singleLine((error as? CocoaError).map(Self.describe) ?? root.message(for: error))
        guard !message.isEmpty else { return nil }
        if root.exitCode(for: error) == .validationFailure {
            return "\(programName): error: \(message) (see '\(helpCommand(for: error, root: root))')"
        }
        return "\(programName): error: \(message)"
    }

    /// The help command ArgumentParser suggests for a usage error (`swiftot bench kernels --help`
    /// for an error inside that subcommand), or `<program> --help` when it suggests none.
    private func helpCommand(for error: any Error, root: any ParsableCommand.Type) -> String {
        let full = root.fullMessage(for: error, columns: 10_000)
        for line in full.split(whereSeparator: \.isNewline) {
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: "'", omittingEmptySubsequences: false)
            if parts.count >= 3, parts[0] == "See " { return String(parts[1]) }
        }
        return "\(programName) --help"
    }

    /// `cannot read <path>: <reason>` (or `write`, or `access`) for a Foundation file error, with the system's
    /// text for the underlying POSIX error when there is one.
    static func describe(_ error: CocoaError) -> String {
        let action = switch error.code.rawValue {
        case 256 ..< 512: "cannot read"
        case 512 ..< 1024: "cannot write"
        default: "cannot access"
        }
        let reason: String
        if let posix = error.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            reason = String(cString: strerror(posix.code.rawValue))
        } else {
            reason = error.localizedDescription
        }
        return "\(action) \(error.filePath ?? "a file"): \(reason)"
    }

    /// `text` with every run of line breaks (and the blanks around them) replaced by one space, and
    /// leading and trailing blanks removed.
    static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
