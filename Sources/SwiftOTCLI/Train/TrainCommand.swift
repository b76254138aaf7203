import ArgumentParser

/// `swiftot train`: the group of commands that train a model and write a run folder.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model and write its run folder (checkpoint, metrics, report, pictures).",
        subcommands: [TrainClassifier.self, TrainSemiDiscrete.self])

    init() {}
}
