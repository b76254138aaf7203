import ArgumentParser
import Foundation
import OTGenerative

/// `swiftot experiment bures-linear`: one deep linear network trained with the Bures-Wasserstein loss.
struct BuresLinear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bures-linear",
        abstract: "Train a deep linear network to a Gaussian target with the Bures-Wasserstein loss.",
        discussion: """
            Full-batch gradient descent from the close, balanced initialization (Bures-Wasserstein \
            linear networks). Writes report.md, metrics.json, config.json, gap.svg (log |L - L*| against \
            time with the gradient-flow bound), balance.svg and spectrum.svg to --out.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var settings: BuresLinearOptions

    @Option(help: "Depth N (number of layers).")
    var depth = 1

    @Option(help: "Perturbation tau of L_tau(W) = BW²(W Wᵀ + tau I, S0); 0 <= tau < l_k.")
    var tau = 0.0

    @Option(help: "Run folder.")
    var out = "runs/bures-linear"

    func run() throws {
        let configuration = settings.configuration(depth: depth, tau: tau)
        try configuration.validate()
        let folder = try RunFolder(path: out)
        // Created at the first record, so that an input error is not preceded by an empty bar.
        var bar: ProgressBar?
        defer { bar?.finish() }
        let result = try BuresLinearExperiment.run(configuration, seed: global.seed) { step, total, gap in
            if bar == nil { bar = global.makeProgressBar(total: total, label: "bures-linear N=\(depth)") }
            bar?.update(completed: step, status: "gap \(BuresLinearReport.short(gap))")
        }
        bar?.finish(status: result.converged ? "converged" : "not converged")
        try BuresLinearReport.write(result, to: folder)
        let summary = BuresLinearSummary(result)
        try global.printResult(summary) { BuresLinearReport.summaryText(summary, folder: folder.url.path) }
    }
}
