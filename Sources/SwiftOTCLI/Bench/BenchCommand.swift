import ArgumentParser

/// `swiftot bench`: speed measurements of SwiftOT's kernels on this machine.
public struct Bench: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of SwiftOT's kernels on this machine.",
        subcommands: [BenchKernels.self, BenchSinkhorn.self, BenchSemiDiscrete.self])

    public init() {}
}
