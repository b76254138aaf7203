import ArgumentParser
import Foundation
import OTData
import OTGenerative
import OTKernels
import OTNeural
import OTRender
import OptimalTransport

/// `swiftot train semidiscrete`: an MNIST generator trained with the gradient of entropic
/// semi-discrete OT (``SemiDiscreteTrainer``), written to a run folder.
public struct TrainSemiDiscrete: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "semidiscrete",
        abstract: "Train an MNIST generator with entropic semi-discrete OT (alternating psi / generator steps).",
        discussion: """
            Each outer step runs --psi-steps averaged-SGD ascent steps on the dual potential psi (one per \
            training image), then one Adam step on the generator with psi frozen. The cost is \
            ||x - y||^2 / kappa with kappa the mean squared norm of the images, so --lambda is relative. \
            The run folder gets samples.png (10 x 10), samples.npy (--samples x 784 in [0, 1]), loss.svg, \
            metrics.json, config.json, report.md and checkpoint.bin (every --checkpoint-every steps and \
            at the end); --resume continues from checkpoint.bin exactly as if never stopped. \
            Build with `SWIFTOT_NATIVE=1 swift build -c release` for speed.
            """)

    @OptionGroup public var global: GlobalOptions

    @Option(help: "Folder with the MNIST IDX files (train-images-idx3-ubyte[.gz], ...).")
    public var mnist: String

    @Option(help: "Entropic regularization lambda >= 0, relative to the normalized cost (0: hard c-transform).")
    public var lambda = 0.05

    @Option(help: "Generator: mlp or dcgan.")
    public var generator: SemiDiscreteGenerator = .mlp

    @Option(help: "Outer steps (psi restart + one generator step each); with --resume, the total to reach.")
    public var steps = 200

    @Option(help: "Latent samples per psi step and per generator step.")
    public var batchSize = 200

    @Option(help: "Averaged-SGD ascent steps on psi per outer step.")
    public var psiSteps = 10

    @Option(help: "Constant step size of the psi ascent.")
    public var psiStepSize = 0.05

    @Option(help: "Training images per psi step (a random subset; default: all of them).")
    public var dataBatchSize: Int?

    @Option(help: "Adam learning rate of the generator.")
    public var learningRate = 1e-3

    @Option(help: "Write checkpoint.bin every this many steps (and after the last).")
    public var checkpointEvery = 25

    @Option(help: "Generated samples written to samples.npy (the first 100 also to samples.png).")
    public var samples = 1000

    @Option(help: "Run folder.")
    public var out = "runs/semidiscrete"

    @Flag(help: "Continue from <out>/checkpoint.bin (same settings and generator).")
    public var resume = false

    public init() {}

    public func validate() throws {
        guard lambda.isFinite, lambda >= 0 else { throw ValidationError("--lambda must be a number >= 0, got \(lambda)") }
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard psiSteps >= 1 else { throw ValidationError("--psi-steps must be at least 1, got \(psiSteps)") }
        guard psiStepSize.isFinite, psiStepSize > 0 else {
            throw ValidationError("--psi-step-size must be a number > 0, got \(psiStepSize)")
        }
        if let m = dataBatchSize, m < 1 { throw ValidationError("--data-batch-size must be at least 1, got \(m)") }
        guard learningRate.isFinite, learningRate > 0 else {
            throw ValidationError("--learning-rate must be a number > 0, got \(learningRate)")
        }
        guard samples >= 1 else { throw ValidationError("--samples must be at least 1, got \(samples)") }
        guard checkpointEvery >= 1 else {
            throw ValidationError("--checkpoint-every must be at least 1, got \(checkpointEvery)")
        }
    }

    public func run() throws {
        // Everything that can fail on user input happens before the first write to --out.
        let images = try MNIST.load(.train, folder: mnist).images
        let settings = try SemiDiscreteTrainingConfiguration(
            lambda: lambda, psiSteps: psiSteps, psiStepSize: psiStepSize, batchSize: batchSize,
            targetBatchSize: dataBatchSize, learningRate: learningRate)
        var rng = global.makeGenerator()
        let network: Sequential<Float> = try generator.make(output: images.columns, using: &rng)
        var trainer = try SemiDiscreteTrainer(data: images, generator: network, configuration: settings, rng: rng)
        let checkpointPath = URL(fileURLWithPath: out).appendingPathComponent("checkpoint.bin")
        if resume {
            guard FileManager.default.fileExists(atPath: checkpointPath.path) else {
                throw ValidationError("--resume: no checkpoint at \(checkpointPath.path)")
            }
            try trainer.restore(from: Checkpoint<Float>(contentsOf: checkpointPath))
        }
        let folder = try RunFolder(path: out)
        let config = TrainSemiDiscreteConfig(
            mnist: mnist, generator: generator.rawValue, seed: global.seed, steps: steps, resumedAt: resume ? trainer.stepCount : nil,
            training: settings, kappa: Double(trainer.problem.kappa), dataPoints: images.rows,
            parameters: trainer.generator.parameterCount)
        try folder.writeConfig(config)

        let progress = global.makeProgressBar(total: steps, label: "semidiscrete")
        progress.update(completed: trainer.stepCount)
        let clock = ContinuousClock()
        let start = clock.now
        let firstStep = trainer.stepCount
        try trainer.train(until: steps, checkpointEvery: checkpointEvery, checkpointURL: checkpointPath) { report in
            progress.update(completed: report.step, status: String(
                format: "F %.4f err %.3f loss %.4f", report.semiDual, report.marginalError, report.generatorLoss))
        }
        progress.finish()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18

        var sampleRNG = Xoshiro256(seed: global.seed ^ 0x5A4D_504C)
        let generated = trainer.samples(count: samples, using: &sampleRNG)
        try generated.writeNPY(to: folder.file("samples.npy").path)
        let shown = min(samples, 100)
        let grid = Matrix(rows: shown, columns: generated.columns,
                          elements: Array(generated.elements.prefix(shown * generated.columns)))
        try ImageGrid().render(grid).writePNG(to: folder.file("samples.png").path)
        try SemiDiscreteTrainingFigures.lossCurves(trainer.history, lambda: lambda).write(to: folder.file("loss.svg").path)

        let metrics = TrainSemiDiscreteMetrics(
            history: trainer.history, stepsThisRun: trainer.stepCount - firstStep, seconds: seconds)
        try folder.writeMetrics(metrics)
        try SemiDiscreteTrainingFigures.report(config: config, metrics: metrics).write(to: folder.file("report.md").path)
        try global.printResult(metrics) {
            "trained \(generator.rawValue) for \(metrics.steps) steps (lambda \(lambda)) in "
                + String(format: "%.1f s", seconds) + ": semi-dual \(metrics.finalSemiDual), marginal error "
                + "\(metrics.finalMarginalError); outputs in \(folder.url.path)"
        }
    }
}

extension SemiDiscreteGenerator: ExpressibleByArgument {}

/// The settings of a `train semidiscrete` run (`config.json`).
struct TrainSemiDiscreteConfig: Encodable {
    var mnist: String
    var generator: String
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
    var history: [SemiDiscreteStepReport]

    init(history: [SemiDiscreteStepReport], stepsThisRun: Int, seconds: Double) {
        let last = history.last
        self.steps = history.count
        self.stepsThisRun = stepsThisRun
        self.seconds = seconds
        self.secondsPerStep = stepsThisRun > 0 ? seconds / Double(stepsThisRun) : 0
        self.finalSemiDual = last?.semiDual ?? .nan
        self.finalMarginalError = last?.marginalError ?? .nan
        self.finalGeneratorLoss = last?.generatorLoss ?? .nan
        self.history = history
    }
}

/// The loss figure and the Markdown report of a run.
enum SemiDiscreteTrainingFigures {
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
        report.image("samples.png", alt: "100 generated samples")
        report.image("loss.svg", alt: "loss curves")
        return report
    }
}
