import ArgumentParser
import Foundation
import OTData
import OTGenerative
import OTKernels
import OTMetrics
import OTNeural
import OTRender
import OptimalTransport

/// `swiftot train semidiscrete`: an MNIST generator trained with the gradient of entropic
/// semi-discrete OT (``SemiDiscreteTrainer``), written to a run folder.
struct TrainSemiDiscrete: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    @OptionGroup var global: GlobalOptions

    @Option(help: "Folder with the MNIST IDX files (train-images-idx3-ubyte[.gz], ...).")
    var mnist: String

    @Option(help: "Entropic regularization lambda >= 0, relative to the normalized cost (0: hard c-transform).")
    var lambda = 0.01

    @Option(help: "Generator: mlp or dcgan.")
    var generator: SemiDiscreteGenerator = .mlp

    @Option(help: "Outer steps (psi restart + one generator step each); with --resume, the total to reach.")
    var steps = 200

    @OptionGroup var training: SemiDiscreteTrainingOptions

    @Option(help: "Run folder.")
    var out = "runs/semidiscrete"

    @Option(help: "Digit classifier checkpoint ('swiftot train classifier'): report the samples' class histogram, mean confidence and entropy.")
    var classifier: String?

    @Flag(help: "Continue from <out>/checkpoint.bin (same settings and generator).")
    var resume = false

    init() {}

    func validate() throws {
        guard lambda.isFinite, lambda >= 0 else { throw ValidationError("--lambda must be a number >= 0, got \(lambda)") }
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        try training.validate()
    }

    func run() throws {
        // Everything that can fail on user input happens before the first write to --out.
        let images = try MNIST.load(.train, folder: mnist).images
        let settings = try training.configuration(lambda: lambda, dataPoints: images.rows)
        let judge = try classifier.map { try DigitClassifier(contentsOf: URL(fileURLWithPath: $0)) }
        let run = SemiDiscreteRun(
            images: images, mnist: mnist, generator: generator, hiddenWidths: try training.hiddenWidths(),
                settings: settings, seed: global.seed, steps: steps,
            checkpointEvery: training.checkpointEvery, sampleCount: training.samples, classifier: judge)
        let checkpointPath = URL(fileURLWithPath: out).appendingPathComponent("checkpoint.bin")
        if resume, !FileManager.default.fileExists(atPath: checkpointPath.path) {
            throw ValidationError("--resume: no checkpoint at \(checkpointPath.path)")
        }
        var trainer = try run.makeTrainer(resumeFrom: resume ? checkpointPath : nil)
        let folder = try RunFolder(path: out)

        let progress = global.makeProgressBar(total: steps, label: "semidiscrete")
        defer { progress.finish() }
        progress.update(completed: trainer.stepCount)
        let metrics = try run.execute(&trainer, in: folder) { report in
            progress.update(completed: report.step, status: SemiDiscreteTrainingFigures.status(report))
        }
        progress.finish()
        try global.printResult(metrics) {
            "trained \(generator.rawValue) for \(metrics.steps) steps (lambda \(lambda)) in "
                + String(format: "%.1f s", metrics.seconds) + ": semi-dual \(metrics.finalSemiDual), marginal error "
                + "\(metrics.finalMarginalError)"
                + (metrics.sampleQuality.map { "; " + SemiDiscreteTrainingFigures.qualitySummary($0) } ?? "")
                + "; outputs in \(folder.url.path)"
        }
    }
}

extension SemiDiscreteGenerator: ExpressibleByArgument {}
