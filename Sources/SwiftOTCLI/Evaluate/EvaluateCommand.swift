import ArgumentParser

/// `swiftot evaluate`: the group of commands that measure generated samples.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure generated samples.",
        subcommands: [EvaluateSamples.self])

    init() {}
}
