import Foundation
import OTGenerative
import OTKernels
import OTMetrics
import OTRender

/// `config.json` of `experiment semidiscrete-lambda`.
struct SemiDiscreteLambdaConfig: Encodable {
    var mnist: String
    var lambdas: [Double]
    var gridLambdas: [Double]
    var steps: Int
    var generator: String
    var seed: UInt64
    var classifier: String?
    /// The settings of the first lambda's run (the others differ only in `lambda`).
    var training: SemiDiscreteTrainingConfiguration
}

/// One lambda's run in `metrics.json`: the metrics its `train semidiscrete` run folder holds, with
/// the lambda and the folder.
struct SemiDiscreteLambdaResult: Encodable {
    var lambda: Double
    /// The run folder, relative to the experiment's.
    var folder: String
    var metrics: TrainSemiDiscreteMetrics

    private enum CodingKeys: String, CodingKey { case lambda, folder }

    /// One flat object: `lambda`, `folder` and the run's metrics side by side.
    func encode(to encoder: any Encoder) throws {
        try metrics.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lambda, forKey: .lambda)
        try container.encode(folder, forKey: .folder)
    }

    /// `lambda-0.05`: the run folder of `lambda`.
    static func folderName(_ lambda: Double) -> String { "lambda-\(lambda)" }
}

/// `metrics.json` (and `--json`) of `experiment semidiscrete-lambda`.
struct SemiDiscreteLambdaMetrics: Encodable {
    var steps: Int
    var gridLambdas: [Double]
    var runs: [SemiDiscreteLambdaResult]
}

/// The figures, `metrics.json` and `report.md` of `experiment semidiscrete-lambda`.
enum SemiDiscreteLambdaReport {
    /// Writes `grids.svg`, `loss.svg`, `metrics.json` and `report.md` into `folder` (the per-lambda
    /// run folders must hold their `samples.npy`).
    static func write(_ summary: SemiDiscreteLambdaMetrics, in folder: RunFolder) throws {
        let shown = summary.runs.filter { summary.gridLambdas.contains($0.lambda) }
        let panels = try shown.map { run in
            let samples = try Matrix<Float>(npyAt: folder.file(run.folder).appendingPathComponent("samples.npy").path)
            return (title: "lambda = \(run.lambda)", image: try SemiDiscreteRun.grid(of: samples))
        }
        try TitledImages(panels, scale: 2).write(to: folder.file("grids.svg").path)
        try lossCurves(summary.runs).write(to: folder.file("loss.svg").path)
        try folder.writeMetrics(summary)
        try report(summary, shown: shown).write(to: folder.file("report.md").path)
    }

    /// Semi-dual value and marginal error against the outer step, one line per lambda.
    static func lossCurves(_ runs: [SemiDiscreteLambdaResult]) -> Figure {
        func series(_ value: KeyPath<SemiDiscreteStepReport, Double>) -> [PlotSeries] {
            runs.map { run in
                .line("lambda \(run.lambda)", x: run.metrics.history.map { Double($0.step) }, y: run.metrics.history.map { $0[keyPath: value] })
            }
        }
        let values = Plot(title: "Semi-dual F(psi)", x: PlotAxis(label: "outer step"), y: PlotAxis(label: "value"),
                          series: series(\.semiDual))
        let errors = Plot(
            title: "Marginal error", x: PlotAxis(label: "outer step"),
            y: PlotAxis(label: "sum_j |nu_j - mean_b pi_j|", scale: .logarithmic), series: series(\.marginalError))
        return Figure(panels: [values, errors], columns: 2, title: "Semi-discrete training for several lambdas")
    }

    static func report(_ summary: SemiDiscreteLambdaMetrics, shown: [SemiDiscreteLambdaResult]) -> MarkdownReport {
        var report = MarkdownReport(title: "Semi-discrete OT generators: the lambda trade-off")
        report.paragraph(
            "The same training (same seed and settings, \(summary.steps) outer steps) for each lambda; each "
                + "run folder is a complete `train semidiscrete` run. Small lambda: sharp samples, less stable "
                + "training; large lambda: samples blurred toward averages of digits.")
        report.table(
            header: [""] + shown.map { "lambda = \($0.lambda)" },
            rows: [["samples"] + shown.map { "![lambda \($0.lambda)](\($0.folder)/samples.png)" }])
        report.image("grids.svg", alt: "sample grids side by side")
        report.image("loss.svg", alt: "loss curves of every lambda")
        let hasQuality = summary.runs.contains { $0.metrics.sampleQuality != nil }
        report.table(
            header: ["lambda", "seconds", "final semi-dual", "final marginal error"]
                + (hasQuality ? ["classes >= 5%", "least class", "mean confidence", "entropy (nats)"]
                    + (0..<10).map { "digit \($0)" } : []),
            rows: summary.runs.map { run in
                var row = [MarkdownReport.number(run.lambda), String(format: "%.1f", run.metrics.seconds),
                           MarkdownReport.number(run.metrics.finalSemiDual, significantDigits: 4),
                           MarkdownReport.number(run.metrics.finalMarginalError, significantDigits: 4)]
                if let q = run.metrics.sampleQuality {
                    row += ["\(q.classFractions.filter { $0 >= 0.05 }.count)/\(q.classFractions.count)",
                            String(format: "%d (%.1f%%)", q.leastFrequentClass, q.leastFrequentClassFraction * 100),
                            String(format: "%.3f", q.meanConfidence), String(format: "%.3f", q.entropy + 0)]
                        + q.classFractions.map { String(format: "%.3f", $0) }
                } else if hasQuality {
                    row += [String](repeating: "", count: 14)
                }
                return row
            })
        return report
    }

    /// The human summary: one line per lambda.
    static func summary(_ summary: SemiDiscreteLambdaMetrics, folder: RunFolder) -> String {
        summary.runs.map { run in
            "lambda \(run.lambda): semi-dual \(MarkdownReport.number(run.metrics.finalSemiDual, significantDigits: 4)), "
                + String(format: "%.1f s", run.metrics.seconds)
                + (run.metrics.sampleQuality.map { "; " + SemiDiscreteTrainingFigures.qualitySummary($0) } ?? "")
        }.joined(separator: "\n") + "\noutputs in \(folder.url.path)"
    }
}
