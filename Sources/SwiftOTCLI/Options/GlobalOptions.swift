import ArgumentParser
import OTKernels

/// The options every `swiftot` subcommand takes: include them with
/// `@OptionGroup var global: GlobalOptions`.
struct GlobalOptions: ParsableArguments, Sendable {
    /// How progress is shown on standard error.
    enum Progress: String, CaseIterable, ExpressibleByArgument, Sendable {
        /// A bar on a terminal, plain lines otherwise.
        case auto
        /// Always a bar redrawn in place.
        case bar
        /// Always plain lines.
        case lines
        /// No progress output.
        case none
    }

    /// Seed of every random choice of the run; the same seed gives the same result, bit for bit,
    /// on one machine.
    @Option(help: "Seed of the random number generator (same seed, same result on one machine).")
    var seed: UInt64 = 0

    /// Print one JSON object on standard output instead of a human summary.
    @Flag(help: "Print one JSON object on standard output instead of a human summary.")
    var json = false

    /// How progress is shown on standard error.
    @Option(help: "Progress on standard error: auto (a bar on a terminal, plain lines otherwise), bar, lines or none.")
    var progress: Progress = .auto

    /// Seconds between two plain progress lines.
    @Option(help: "Seconds between two plain progress lines.")
    var progressInterval: Double = 5

    /// Options with their default values.
    init() {}

    /// Throws unless `--progress-interval` is a finite number of seconds > 0.
    func validate() throws {
        guard progressInterval.isFinite, progressInterval > 0 else {
            throw ValidationError("--progress-interval must be a number of seconds > 0, got \(progressInterval)")
        }
    }

    /// A random number generator seeded with `--seed`.
    func makeGenerator() -> Xoshiro256 { Xoshiro256(seed: seed) }

    /// A progress display for `total` items in the style `--progress` and `--progress-interval` ask for.
    func makeProgressBar(total: Int, label: String = "") -> ProgressBar {
        let style: ProgressBar.Style
        switch progress {
        case .auto: style = .automatic(lineInterval: progressInterval)
        case .bar: style = .bar(columns: Terminal.columns(2) ?? 80)
        case .lines: style = .lines(interval: progressInterval)
        case .none: style = .silent
        }
        return ProgressBar(total: total, label: label, style: style)
    }

    /// Prints the result of a command on standard output: `value` as JSON (``JSONOutput``) with
    /// `--json`, else the text `summary()` followed by a newline.
    ///
    /// - Throws: `EncodingError` from `value`.
    func printResult<T: Encodable>(_ value: T, to output: TextStream = .standardOutput,
                                          summary: () -> String) throws {
        if json {
            output.write(String(decoding: try JSONOutput.encode(value), as: UTF8.self))
        } else {
            output.write(summary() + "\n")
        }
    }
}
