import ArgumentParser

/// The `swiftot` root command.
public struct SwiftOT: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "swiftot",
        abstract: "Optimal transport and generative models trained with it.",
        version: "0.1.0",
        subcommands: [Bench.self])

    public init() {}
}
