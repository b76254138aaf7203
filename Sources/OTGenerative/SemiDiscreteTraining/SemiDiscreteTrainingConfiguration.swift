import OptimalTransport

/// The settings of ``SemiDiscreteTrainer``; the defaults are the authors' MNIST script.
public struct SemiDiscreteTrainingConfiguration: Sendable, Equatable, Codable {
    /// The entropic regularization `λ ≥ 0`, relative to the normalized cost `‖x − y‖² / κ`
    /// (`κ = mean_j ‖y_j‖²`); 0 selects the hard c-transform.
    public var lambda: Double
    /// ψ ascent steps per outer step (one averaged-SGD restart).
    public var psiSteps: Int
    /// The constant ψ step size.
    public var psiStepSize: Double
    /// Latent samples per ψ step and per generator step.
    public var batchSize: Int
    /// Data points per ψ step (`nil`: all of them), see ``SemiDiscreteSGD/targetBatchSize``.
    public var targetBatchSize: Int?
    /// Adam's learning rate for the generator.
    public var learningRate: Double
    /// The latent dimension; `z ~ U[−1, 1]^latentDimension`.
    public var latentDimension: Int

    /// A configuration.
    /// - Throws: ``OTInputError`` naming the setting: `lambda` negative or not finite, `psiSteps`,
    ///   `batchSize`, `targetBatchSize` or `latentDimension` below 1, a step size or learning rate
    ///   that is not positive and finite.
    public init(
        lambda: Double, psiSteps: Int = 10, psiStepSize: Double = 0.05, batchSize: Int = 200,
        targetBatchSize: Int? = nil, learningRate: Double = 1e-3, latentDimension: Int = 100
    ) throws {
        guard lambda.isFinite, lambda >= 0 else { throw OTInputError("lambda = \(lambda); expected a finite value >= 0") }
        guard psiSteps >= 1 else { throw OTInputError("psiSteps = \(psiSteps); expected at least 1") }
        guard batchSize >= 1 else { throw OTInputError("batchSize = \(batchSize); expected at least 1") }
        if let m = targetBatchSize, m < 1 { throw OTInputError("targetBatchSize = \(m); expected at least 1") }
        guard latentDimension >= 1 else {
            throw OTInputError("latentDimension = \(latentDimension); expected at least 1")
        }
        try Validate.positive(psiStepSize, name: "psiStepSize")
        try Validate.positive(learningRate, name: "learningRate")
        self.lambda = lambda
        self.psiSteps = psiSteps
        self.psiStepSize = psiStepSize
        self.batchSize = batchSize
        self.targetBatchSize = targetBatchSize
        self.learningRate = learningRate
        self.latentDimension = latentDimension
    }
}

/// What one outer step of ``SemiDiscreteTrainer`` measured.
public struct SemiDiscreteStepReport: Sendable, Equatable, Codable {
    /// The outer step, counted from 1.
    public var step: Int
    /// The ψ restart's mean batch estimate of the semi-dual `F(ψ)` (an estimate of `W^λ`).
    public var semiDual: Double
    /// The ψ restart's mean batch marginal error `Σ_j |ν_j − mean_b π_j(x_b)| = ‖∂F/∂ψ‖₁`.
    public var marginalError: Double
    /// The generator loss `mean_b ψ^{c,λ}(g(z_b)) + Σ_j ν_j ψ_j` before the generator step.
    public var generatorLoss: Double

    /// Bundles the measurements.
    public init(step: Int, semiDual: Double, marginalError: Double, generatorLoss: Double) {
        self.step = step
        self.semiDual = semiDual
        self.marginalError = marginalError
        self.generatorLoss = generatorLoss
    }
}
