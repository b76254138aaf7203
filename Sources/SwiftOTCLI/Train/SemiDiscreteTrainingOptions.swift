import ArgumentParser
import OTGenerative

/// The training settings shared by `train semidiscrete` and `experiment semidiscrete-lambda`
/// (everything but lambda, the generator, the step count and the folders).
///
/// The defaults differ from the authors' MNIST script in the ψ ascent: ψ follows the mean generated
/// sample (``SemiDiscreteTrainer/followMeanSample()``), and each outer step runs 50 ψ steps of size
/// 80 on 6,000 of the 60,000 images instead of 10 of size 0.05 on all of them (the README has the
/// measurements: with the authors' ascent the generator collapses onto one digit, and a slower
/// ascent leaves rare digits under-represented).
struct SemiDiscreteTrainingOptions: ParsableArguments {
    @Option(help: "Latent samples per psi step and per generator step.")
    var batchSize = 200

    @Option(help: "Averaged-SGD ascent steps on psi per outer step (the authors' script: 10).")
    var psiSteps = 50

    @Option(help: "Move psi with the mean generated sample before each psi restart (true), or start psi at 0 and leave it to the ascent as the authors (false).")
    var followMean = true

    @Option(help: "Extra psi ascent steps before the first generator step.")
    var warmupPsiSteps = 0

    @Option(help: "Constant step size of the psi ascent (the authors' script: 0.05, which collapses on MNIST).")
    var psiStepSize = 80.0

    @Option(help: "Training images per psi step (a random subset; 0 or at least the number of images: all of them).")
    var dataBatchSize = 6000

    @Option(help: "Adam learning rate of the generator.")
    var learningRate = 1e-3

    @Option(help: "Hidden widths of the mlp generator, comma-separated (the dcgan ignores them).")
    var mlpWidths = "256,512,1024"

    @Option(help: "Write checkpoint.bin every this many steps (and after the last).")
    var checkpointEvery = 25

    @Option(help: "Generated samples written to samples.npy (the first 100 also to samples.png).")
    var samples = 1000

    init() {}

    /// The parsed `--mlp-widths`.
    func hiddenWidths() throws -> [Int] {
        let widths = mlpWidths.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !widths.isEmpty, widths.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--mlp-widths must be positive integers separated by commas, got '\(mlpWidths)'")
        }
        return widths.map { $0! }
    }

    func validate() throws {
        _ = try hiddenWidths()
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard psiSteps >= 1 else { throw ValidationError("--psi-steps must be at least 1, got \(psiSteps)") }
        guard warmupPsiSteps >= 0 else {
            throw ValidationError("--warmup-psi-steps must be at least 0, got \(warmupPsiSteps)")
        }
        guard psiStepSize.isFinite, psiStepSize > 0 else {
            throw ValidationError("--psi-step-size must be a number > 0, got \(psiStepSize)")
        }
        guard dataBatchSize >= 0 else {
            throw ValidationError("--data-batch-size must be at least 0 (0: all images), got \(dataBatchSize)")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw ValidationError("--learning-rate must be a number > 0, got \(learningRate)")
        }
        guard samples >= 1 else { throw ValidationError("--samples must be at least 1, got \(samples)") }
        guard checkpointEvery >= 1 else {
            throw ValidationError("--checkpoint-every must be at least 1, got \(checkpointEvery)")
        }
    }

    /// The trainer's settings for `lambda`, for data of `dataPoints` images (a data batch as large as
    /// the data means all of it).
    /// - Throws: `OTInputError` naming the setting that is out of range.
    func configuration(lambda: Double, dataPoints: Int) throws -> SemiDiscreteTrainingConfiguration {
        try SemiDiscreteTrainingConfiguration(
            lambda: lambda, psiSteps: psiSteps, followMean: followMean, warmupPsiSteps: warmupPsiSteps, psiStepSize: psiStepSize, batchSize: batchSize,
            targetBatchSize: dataBatchSize == 0 || dataBatchSize >= dataPoints ? nil : dataBatchSize,
            learningRate: learningRate)
    }
}
