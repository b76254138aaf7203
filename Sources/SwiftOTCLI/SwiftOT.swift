import ArgumentParser

/// The `swiftot` root command.
public struct SwiftOT: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "swiftot",
        abstract: "Optimal transport and generative models trained with it.",
        version: "0.1.0",
        subcommands: [OTCommand.self, Train.self, Evaluate.self, Experiment.self, Bures.self, Bench.self])

    public init() {}
}
