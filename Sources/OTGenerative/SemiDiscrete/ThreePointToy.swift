import OTKernels
import OTNeural
import OptimalTransport

/// The three-point toy of generator training with entropic semi-discrete OT (from the authors'
/// code): a small MLP `g_θ: [−1, 1] → R²` (`1 → hidden → 2`, LeakyReLU, sigmoid output) learns to
/// push `z ~ U[−1, 1]` onto the three uniformly weighted points `(0, 0.3), (0, 0.7), (1/√2, 0.5)`
/// under the plain squared distance (`κ = 1`), by the alternating algorithm of
/// ``SemiDiscreteTrainer`` (which it runs).
///
/// What a run measures (``ThreePointToyResult``): where the generated mass lands, as the fraction of
/// generated samples nearest to each target (``ThreePointToyResult/cellMass``), and the target
/// marginal of the entropic plan under the trained `ψ` (``ThreePointToyResult/planMass``). A generator
/// that covers the three points gives `1/3` for both.
public struct ThreePointToy: Sendable {
    /// The entropic regularization `λ ≥ 0` (absolute: the cost is the plain squared distance).
    public var lambda: Double
    /// Alternating outer steps.
    public var outerSteps: Int
    /// ψ ascent steps per outer step.
    public var psiSteps: Int
    /// Latent samples per ψ step and per generator step.
    public var batchSize: Int
    /// The constant ψ step size.
    public var psiStepSize: Double
    /// Adam's learning rate for the generator.
    public var learningRate: Double
    /// The hidden width of the MLP.
    public var hiddenWidth: Int
    /// Generated samples used to measure ``ThreePointToyResult/cellMass`` and ``ThreePointToyResult/planMass``.
    public var evaluationSamples: Int

    /// The three target points, one per row.
    public static var targets: Matrix<Double> { Matrix([[0, 0.3], [0, 0.7], [1 / 2.0.squareRoot(), 0.5]]) }

    /// A toy run; the defaults are the authors' (`λ = 1`, 5000 steps, 10 ψ steps, batch 200, width 8).
    /// - Throws: ``OTInputError`` for `λ < 0`, step counts, batch size, width or evaluation samples
    ///   below 1, or step sizes that are not positive.
    /// - Complexity: O(1).
    public init(
        lambda: Double = 1, outerSteps: Int = 5000, psiSteps: Int = 10, batchSize: Int = 200,
        psiStepSize: Double = 0.1, learningRate: Double = 1e-2, hiddenWidth: Int = 8,
        evaluationSamples: Int = 10_000
    ) throws {
        guard outerSteps >= 1 else { throw OTInputError("outerSteps = \(outerSteps); expected at least 1") }
        guard hiddenWidth >= 1 else { throw OTInputError("hiddenWidth = \(hiddenWidth); expected at least 1") }
        guard evaluationSamples >= 1 else {
            throw OTInputError("evaluationSamples = \(evaluationSamples); expected at least 1")
        }
        // The remaining settings are checked by the trainer's configuration.
        _ = try Self.configuration(lambda: lambda, psiSteps: psiSteps, psiStepSize: psiStepSize,
                                   batchSize: batchSize, learningRate: learningRate)
        self.lambda = lambda
        self.outerSteps = outerSteps
        self.psiSteps = psiSteps
        self.batchSize = batchSize
        self.psiStepSize = psiStepSize
        self.learningRate = learningRate
        self.hiddenWidth = hiddenWidth
        self.evaluationSamples = evaluationSamples
    }

    static func configuration(
        lambda: Double, psiSteps: Int, psiStepSize: Double, batchSize: Int, learningRate: Double
    ) throws -> SemiDiscreteTrainingConfiguration {
        try SemiDiscreteTrainingConfiguration(
            lambda: lambda, psiSteps: psiSteps, psiStepSize: psiStepSize, batchSize: batchSize,
            learningRate: learningRate, latentDimension: 1, costScale: 1)
    }
}

/// The outcome of a ``ThreePointToy`` run.
public struct ThreePointToyResult: Sendable {
    /// ``ThreePointToy/evaluationSamples`` generated points, one per row.
    public var samples: Matrix<Double>
    /// The fraction of ``samples`` whose nearest target is `y_j` (Voronoi cells), per target.
    public var cellMass: [Double]
    /// `mean_b π_j(x_b)` over ``samples`` under the trained ψ: the plan's target marginal.
    public var planMass: [Double]
    /// `max_j |cellMass_j − 1/3|`.
    public var cellMassError: Double
    /// `Σ_j |planMass_j − 1/3|`, the marginal error of the plan.
    public var marginalError: Double
    /// The trainer's per-step log.
    public var history: [SemiDiscreteStepReport]
}

extension ThreePointToy {
    /// Trains the MLP and measures the generated distribution.
    /// - Parameter rng: the source of the initial weights, latent samples and evaluation samples.
    /// - Throws: ``OTInputError`` only if the trainer rejects its inputs (it does not for valid settings).
    /// - Complexity: `outerSteps · (psiSteps + 1)` semi-dual evaluations of `batchSize` points
    ///   against 3 targets, plus as many small MLP passes.
    public func run(using rng: inout some RandomNumberGenerator) throws -> ThreePointToyResult {
        let generator: Sequential<Double> = try SemiDiscreteGenerator.mlp.make(
            latent: 1, output: 2, hidden: [hiddenWidth], using: &rng)
        let configuration = try Self.configuration(
            lambda: lambda, psiSteps: psiSteps, psiStepSize: psiStepSize, batchSize: batchSize,
            learningRate: learningRate)
        var trainer = try SemiDiscreteTrainer(
            data: Self.targets, generator: generator, configuration: configuration,
            rng: Xoshiro256(seed: rng.next()))
        try trainer.train(until: outerSteps)

        let x = trainer.samples(count: evaluationSamples, using: &rng)
        let targets = Self.targets
        var cells = [Double](repeating: 0, count: 3)
        for b in 0..<x.rows {
            let distances = (0..<3).map { j in (0..<2).reduce(0.0) { $0 + (x[b, $1] - targets[j, $1]) * (x[b, $1] - targets[j, $1]) } }
            cells[distances.indices.min { distances[$0] < distances[$1] }!] += 1 / Double(x.rows)
        }
        let plan = try trainer.problem.semiDual(potential: trainer.potential, at: x).potentialGradient!
        let planMass = (0..<3).map { trainer.problem.targetWeights[$0] - plan[$0] }
        return ThreePointToyResult(
            samples: x, cellMass: cells, planMass: planMass,
            cellMassError: cells.map { abs($0 - 1.0 / 3) }.max()!,
            marginalError: planMass.reduce(0) { $0 + abs($1 - 1.0 / 3) }, history: trainer.history)
    }
}
