import ArgumentParser

/// `swiftot experiment`: reproductions of published experiments, each writing a run folder.
struct Experiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reproduce published experiments; each writes a run folder with a report.",
        subcommands: [BuresLinear.self, BuresLinearSweep.self, SemiDiscreteToyExperiment.self,
                      SemiDiscreteLambdaExperiment.self])

    init() {}
}
