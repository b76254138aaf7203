import Foundation
import OTGenerative
import OTKernels
import OTMetrics
import OTNeural
import OTRender

/// One semi-discrete generator training written to a run folder: the code path shared by
/// `train semidiscrete` and `experiment semidiscrete-lambda` (one run per lambda).
///
/// ``makeTrainer(resumeFrom:)`` does everything that can fail on user input (it writes nothing);
/// ``execute(_:in:onStep:)`` trains and writes `config.json`, `checkpoint.bin`, `samples.npy`,
/// `samples.png`, `loss.svg`, `metrics.json` and `report.md`.
struct SemiDiscreteRun {
    /// The data, one image per row in `[0, 1]`.
    var images: Matrix<Float>
    /// Where the images came from (for `config.json`).
    var mnist: String
    /// The generator architecture.
    var generator: SemiDiscreteGenerator
    /// The MLP generator's hidden widths.
    var hiddenWidths: [Int]
    /// The training settings.
    var settings: SemiDiscreteTrainingConfiguration
    /// The seed of the generator's weights and of the training's random draws.
    var seed: UInt64
    /// The total number of outer steps to reach.
    var steps: Int
    /// Checkpoint period in outer steps.
    var checkpointEvery: Int
    /// Samples written to `samples.npy` (and judged by the classifier).
    var sampleCount: Int
    /// A digit classifier that judges the samples (``SampleQuality``), if any.
    var classifier: DigitClassifier?

    /// A trainer at step 0 (weights from ``seed``), or restored from `checkpoint` when given.
    /// - Throws: `OTInputError` for invalid settings, `CheckpointError` for a checkpoint of another
    ///   run or a missing file.
    func makeTrainer(resumeFrom checkpoint: URL? = nil) throws -> SemiDiscreteTrainer<Float> {
        var rng = Xoshiro256(seed: seed)
        let network: Sequential<Float> = try generator.make(
            output: images.columns, hidden: hiddenWidths, using: &rng)
        var trainer = try SemiDiscreteTrainer(data: images, generator: network, configuration: settings, rng: rng)
        if let checkpoint { try trainer.restore(from: Checkpoint<Float>(contentsOf: checkpoint)) }
        return trainer
    }

    /// Trains `trainer` up to ``steps`` in `folder` (checkpoints included) and writes the outputs.
    /// - Returns: the run's metrics (also in `metrics.json`).
    /// - Throws: `OTInputError` from a step, file errors when an output cannot be written.
    func execute(
        _ trainer: inout SemiDiscreteTrainer<Float>, in folder: RunFolder,
        onStep: (SemiDiscreteStepReport) -> Void
    ) throws -> TrainSemiDiscreteMetrics {
        let firstStep = trainer.stepCount
        let config = TrainSemiDiscreteConfig(
            mnist: mnist, generator: generator.rawValue, mlpWidths: generator == .mlp ? hiddenWidths : nil, seed: seed, steps: steps,
            resumedAt: firstStep > 0 ? firstStep : nil, training: settings, kappa: Double(trainer.problem.kappa),
            dataPoints: images.rows, parameters: trainer.generator.parameterCount)
        try folder.writeConfig(config)
        let start = ProgressBar.monotonicSeconds()
        try trainer.train(until: steps, checkpointEvery: checkpointEvery, checkpointURL: folder.file("checkpoint.bin"),
                          onStep: onStep)
        let seconds = ProgressBar.monotonicSeconds() - start

        var sampleRNG = Xoshiro256(seed: seed ^ 0x5A4D_504C)
        let generated = trainer.samples(count: sampleCount, using: &sampleRNG)
        try generated.writeNPY(to: folder.file("samples.npy").path)
        try Self.grid(of: generated).writePNG(to: folder.file("samples.png").path)
        try SemiDiscreteTrainingFigures.lossCurves(trainer.history, lambda: settings.lambda)
            .write(to: folder.file("loss.svg").path)
        let quality = try classifier.map { try $0.sampleQuality(of: generated) }
        let metrics = TrainSemiDiscreteMetrics(
            history: trainer.history, stepsThisRun: trainer.stepCount - firstStep, seconds: seconds,
            sampleQuality: quality)
        try folder.writeMetrics(metrics)
        try SemiDiscreteTrainingFigures.report(config: config, metrics: metrics).write(to: folder.file("report.md").path)
        return metrics
    }

    /// The first (up to) 100 samples as a 10-column grid of 28 x 28 digits.
    static func grid(of samples: Matrix<Float>) throws -> Image {
        let shown = min(samples.rows, 100)
        return try ImageGrid().render(Matrix(
            rows: shown, columns: samples.columns, elements: Array(samples.elements.prefix(shown * samples.columns))))
    }
}
