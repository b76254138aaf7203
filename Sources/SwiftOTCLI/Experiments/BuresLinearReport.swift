import Foundation
import OTGenerative
import OTRender

/// The files of a `bures-linear` run folder: report, metrics and plots.
enum BuresLinearReport {
    /// `value` with four significant digits.
    static func short(_ value: Double?) -> String {
        guard let value else { return "-" }
        return MarkdownReport.number(value, significantDigits: 4)
    }

    /// Writes `report.md`, `metrics.json`, `config.json`, `gap.svg`, `balance.svg` and `spectrum.svg`.
    static func write(_ result: BuresLinearExperiment.Result, to folder: RunFolder) throws {
        try folder.writeConfig(ConfigFile(configuration: result.configuration, seed: result.seed))
        try folder.writeMetrics(result)
        try gapPlot(result).write(to: folder.file("gap.svg").path)
        try balancePlot(result).write(to: folder.file("balance.svg").path)
        try spectrumPlot(result).write(to: folder.file("spectrum.svg").path)
        try report(result).write(to: folder.file("report.md").path)
    }

    /// The settings and the seed, as `config.json`.
    struct ConfigFile: Encodable {
        let configuration: BuresLinearExperiment.Configuration
        let seed: UInt64
    }

    static func gapPlot(_ result: BuresLinearExperiment.Result) -> Plot {
        let times = result.history.map(\.time)
        var plot = Plot(
            title: "|L - L*| (N = \(result.configuration.depth), \(result.configuration.loss))",
            x: PlotAxis(label: "time t = steps x step size"), y: PlotAxis(label: "|L - L*|", scale: .logarithmic))
        plot.add(.line("|L - L*|", x: times, y: result.history.map(\.gap)))
        if result.bound.rate > 0 {
            plot.add(.line("gradient-flow bound L(0) exp(-r t)", x: times, y: times.map(result.bound.bound(atTime:))))
        }
        plot.add(.line("tolerance", x: [times.first ?? 0, times.last ?? 0],
                       y: [result.configuration.tolerance, result.configuration.tolerance]))
        return plot
    }

    static func balancePlot(_ result: BuresLinearExperiment.Result) -> Plot {
        var plot = Plot(title: "Balance max_j ||W_{j+1}ᵀ W_{j+1} - W_j W_jᵀ||_F",
                        x: PlotAxis(label: "time"), y: PlotAxis(label: "balance"))
        plot.add(.line("balance", x: result.history.map(\.time), y: result.history.map(\.balance)))
        return plot
    }

    static func spectrumPlot(_ result: BuresLinearExperiment.Result) -> Plot {
        let index = (1...result.targetEigenvalues.count).map(Double.init)
        var plot = Plot(title: "Spectrum of W Wᵀ against the target",
                        x: PlotAxis(label: "i"), y: PlotAxis(label: "eigenvalue", scale: .logarithmic))
        plot.add(.scatter("target l_i", x: index, y: result.targetEigenvalues))
        plot.add(.scatter("optimum S* (l_i - tau, i <= k)", x: Array(index.prefix(result.optimumEigenvalues.count)),
                          y: result.optimumEigenvalues))
        plot.add(.scatter("W Wᵀ (final)", x: index, y: result.finalDiagnostics.spectrum))
        return plot
    }

    static func report(_ result: BuresLinearExperiment.Result) -> MarkdownReport {
        let c = result.configuration
        var report = MarkdownReport(title: "Deep linear network, Bures-Wasserstein loss")
        report.paragraph(
            "Depth N = \(c.depth), widths \(result.widths), loss \(MarkdownReport.literal(c.loss.description)), "
                + "step size \(c.learningRate), horizon T = \(c.maxTime), seed \(result.seed).")
        report.metrics([
            ("L* (optimum over rank <= k)", result.optimalLoss), ("L(0)", result.initialLoss),
            ("final loss", result.finalLoss), ("|L - L*|", result.gap),
            ("time to |L - L*| < \(c.tolerance)", result.timeToConverge ?? .nan),
            ("steps", Double(result.steps)),
            ("empirical rate -d ln|L - L*|/dt", result.empiricalRate ?? .nan),
            ("predicted rate 8 N c^{2(2N-1)/N} K", result.predictedRate), ("margin c", result.bound.margin),
            ("init scale", result.initializationScale), ("final balance", result.history.last?.balance ?? .nan),
            ("min cosine with target eigenvectors", result.finalDiagnostics.cosines.min() ?? .nan),
            ("seconds", result.seconds),
        ])
        report.paragraph(result.converged ? "Converged." : "Did not converge within the horizon.")
        if result.predictedRate > 0, let rate = result.empiricalRate {
            report.paragraph(
                "The measured rate is \(short(rate / result.predictedRate)) times the gradient-flow guarantee "
                    + "(a lower bound on the rate: measured >= predicted is consistent).")
        } else {
            report.paragraph("No rate is predicted (tau = 0, or the margin c is not positive).")
        }
        report.image("gap.svg", alt: "log |L - L*| against time with the predicted bound")
        report.image("balance.svg", alt: "balance against time")
        report.image("spectrum.svg", alt: "spectrum of W W^T against the target")
        let stride = max(1, result.history.count / 20)
        report.table(
            header: ["step", "t", "loss", "|L - L*|", "balance", "grad norm", "rank", "eff. rank", "max eig gap",
                     "BW to S*", "||WWᵀ - S*||"],
            rows: result.history.enumerated()
                .filter { $0.offset % stride == 0 || $0.offset == result.history.count - 1 }
                .map { _, r in
                    [String(r.step), short(r.time), short(r.loss), short(r.gap), short(r.balance),
                     short(r.gradientNorm),
                     String(r.rank), short(r.effectiveRank), short(r.largestEigenvalueGap),
                     short(r.buresDistanceToOptimum), short(r.euclideanDistanceToOptimum)]
                },
            alignments: Array(repeating: .right, count: 11))
        return report
    }

    /// The human summary of one run.
    static func summaryText(_ s: BuresLinearSummary, folder: String) -> String {
        """
        N = \(s.depth), tau = \(s.tau): L = \(short(s.finalLoss)), L* = \(short(s.optimalLoss)), \
        |L - L*| = \(short(s.gap)), \(s.converged ? "converged at t = \(short(s.timeToConverge))" : "not converged")
        rate: measured \(short(s.empiricalRate)), predicted \(short(s.predictedRate)) (margin \(short(s.margin)))
        \(s.steps) steps in \(short(s.seconds)) s (\(short(s.microsecondsPerStep)) µs/step wall clock); report in \(folder)
        """
    }
}
