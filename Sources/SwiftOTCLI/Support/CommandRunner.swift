import ArgumentParser

/// The parse-run-report flow of the command line, separate from the process so tests can run it.
///
/// Exit codes: 0 after a successful run, `--help` or `--version` (their text goes to standard
/// output); 64 (`EX_USAGE`) for a usage error; 1 for any other error; `n` when a command throws
/// `ExitCode(n)`. Errors print as one line on standard error (see ``ErrorReporter``).
///
/// Commands run synchronously (`ParsableCommand`); an `AsyncParsableCommand` in the tree would need
/// an async twin of ``run(_:arguments:output:errors:)``.
enum CommandRunner {
    /// Parses `arguments` (without the program name) as `root` or one of its subcommands, runs the
    /// command, and returns the exit code; help, version and error text go to `output` and `errors`.
    ///
    /// - Complexity: that of the command that runs.
    static func run(
        _ root: any ParsableCommand.Type, arguments: [String],
        output: TextStream = .standardOutput, errors: TextStream = .standardError
    ) -> Int32 {
        do {
            var command = try root.parseAsRoot(arguments)
            try command.run()
            return ExitCode.success.rawValue
        } catch {
            let code = root.exitCode(for: error)
            if code == .success {
                let text = root.fullMessage(for: error)
                if !text.isEmpty { output.write(text + "\n") }
            } else if let line = ErrorReporter(programName: root._commandName).line(for: error, root: root) {
                errors.write(line + "\n")
            }
            return code.rawValue
        }
    }
}
