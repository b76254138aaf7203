import ArgumentParser

/// The `swiftot` root command: the library's one public entry point (its subcommands are internal).
public struct SwiftOT: ParsableCommand {
    /// The command's name, version and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "swiftot",
        abstract: "Optimal transport and generative models trained with it.",
        version: "0.1.0",
        subcommands: [OTCommand.self, Train.self, Evaluate.self, Experiment.self, Bures.self, Bench.self])

    /// The command before parsing (ArgumentParser fills it in).
    public init() {}
}
