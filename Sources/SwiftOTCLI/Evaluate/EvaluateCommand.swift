import ArgumentParser

/// `swiftot evaluate`: the group of commands that measure generated samples.
public struct Evaluate: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure generated samples.",
        subcommands: [EvaluateSamples.self])

    public init() {}
}
