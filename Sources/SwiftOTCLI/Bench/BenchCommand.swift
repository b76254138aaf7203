import ArgumentParser

/// `swiftot bench`: speed measurements of SwiftOT's kernels on this machine.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of SwiftOT's kernels on this machine.",
        subcommands: [BenchKernels.self, BenchSinkhorn.self, BenchSemiDiscrete.self])

    init() {}
}
