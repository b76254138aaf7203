import OTGenerative
import OTMetrics
import OTRender

/// The settings of a `train semidiscrete` run (`config.json`).
struct TrainSemiDiscreteConfig: Encodable {
    var mnist: String
    var generator: String
    /// The MLP generator's hidden widths (`nil` for the DCGAN).
    var mlpWidths: [Int]?
    var seed: UInt64
    var steps: Int
    var resumedAt: Int?
    var training: SemiDiscreteTrainingConfiguration
    var kappa: Double
    var dataPoints: Int
    var parameters: Int
}

/// The results of a `train semidiscrete` run (`metrics.json`, `--json`).
struct TrainSemiDiscreteMetrics: Encodable {
    var steps: Int
    var stepsThisRun: Int
    var seconds: Double
    var secondsPerStep: Double
    var finalSemiDual: Double
    var finalMarginalError: Double
    var finalGeneratorLoss: Double
    /// How the classifier judges the samples (when a classifier was given).
    var sampleQuality: SampleQuality?
    var history: [SemiDiscreteStepReport]

    init(history: [SemiDiscreteStepReport], stepsThisRun: Int, seconds: Double, sampleQuality: SampleQuality? = nil) {
        let last = history.last
        self.steps = history.count
        self.stepsThisRun = stepsThisRun
        self.seconds = seconds
        self.secondsPerStep = stepsThisRun > 0 ? seconds / Double(stepsThisRun) : 0
        self.finalSemiDual = last?.semiDual ?? .nan
        self.finalMarginalError = last?.marginalError ?? .nan
        self.finalGeneratorLoss = last?.generatorLoss ?? .nan
        self.sampleQuality = sampleQuality
        self.history = history
    }
}

/// The loss figure, the Markdown report and the progress text of a run.
enum SemiDiscreteTrainingFigures {
    /// The progress-bar status of a step.
    static func status(_ report: SemiDiscreteStepReport) -> String {
        String(format: "F %.4f err %.3f loss %.4f", report.semiDual, report.marginalError, report.generatorLoss)
    }

    /// `classes >= 5%: 10/10, least 7.9% (digit 3), confidence 0.91, entropy 2.29 nats`.
    static func qualitySummary(_ q: SampleQuality) -> String {
        let present = q.classFractions.filter { $0 >= 0.05 }.count
        return "classes >= 5%: \(present)/\(q.classFractions.count), least "
            + String(format: "%.1f%% (digit %d), confidence %.3f, entropy %.3f nats",
                     q.leastFrequentClassFraction * 100, q.leastFrequentClass, q.meanConfidence,
                     q.entropy + 0)  // + 0 prints -0 (one class) as 0
    }

    static func lossCurves(_ history: [SemiDiscreteStepReport], lambda: Double) -> Figure {
        let steps = history.map { Double($0.step) }
        let values = Plot(
            title: "Semi-dual value and generator loss", x: PlotAxis(label: "outer step"), y: PlotAxis(label: "value"),
            series: [.line("semi-dual F(psi)", x: steps, y: history.map(\.semiDual)),
                     .line("generator loss", x: steps, y: history.map(\.generatorLoss))])
        let errors = Plot(
            title: "Marginal error", x: PlotAxis(label: "outer step"),
            y: PlotAxis(label: "sum_j |nu_j - mean_b pi_j|", scale: .logarithmic),
            series: [.line("marginal error", x: steps, y: history.map(\.marginalError))])
        return Figure(panels: [values, errors], columns: 2, title: "Semi-discrete training, lambda = \(lambda)")
    }

    static func report(config: TrainSemiDiscreteConfig, metrics: TrainSemiDiscreteMetrics) -> MarkdownReport {
        var report = MarkdownReport(title: "Semi-discrete OT generator (\(config.generator), lambda \(config.training.lambda))")
        report.paragraph(
            "Alternating training on \(config.dataPoints) MNIST images: \(config.training.psiSteps) averaged-SGD "
                + "steps on psi (step \(config.training.psiStepSize)) then one Adam step (lr "
                + "\(config.training.learningRate)) per outer step, batch \(config.training.batchSize), cost "
                + "||x - y||^2 / kappa with kappa = \(MarkdownReport.number(config.kappa)).")
        report.metrics([
            ("outer steps", Double(metrics.steps)), ("seconds (this run)", metrics.seconds),
            ("seconds per step", metrics.secondsPerStep), ("final semi-dual", metrics.finalSemiDual),
            ("final marginal error", metrics.finalMarginalError), ("final generator loss", metrics.finalGeneratorLoss),
            ("generator parameters", Double(config.parameters)),
        ])
        if let q = metrics.sampleQuality {
            report.paragraph("Classifier on \(q.sampleCount) samples: " + qualitySummary(q) + ".")
            report.table(header: ["digit"] + (0..<q.classFractions.count).map(String.init),
                         rows: [["fraction"] + q.classFractions.map { String(format: "%.3f", $0) }])
        }
        report.image("samples.png", alt: "100 generated samples")
        report.image("loss.svg", alt: "loss curves")
        return report
    }
}
