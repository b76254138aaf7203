import OptimalTransport

/// The settings of ``SemiDiscreteTrainer``; the defaults are the authors' MNIST script.
public struct SemiDiscreteTrainingConfiguration: Sendable, Equatable, Codable {
    /// The entropic regularization `λ ≥ 0`, relative to the normalized cost `‖x − y‖² / κ`
    /// (`κ = mean_j ‖y_j‖²`); 0 selects the hard c-transform.
    public var lambda: Double
    /// ψ ascent steps per outer step (one averaged-SGD restart).
    public var psiSteps: Int
    /// Move ψ with the mean generated sample `x̄_t` before every ψ restart,
    /// `ψ_j += c(x̄_t, y_j) − c(x̄_{t−1}, y_j)`, starting from `ψ_j = c(x̄_1, y_j)` (centered) instead
    /// of 0 (see ``SemiDiscreteTrainer/followMeanSample()``).
    public var followMean: Bool
    /// Extra ψ ascent steps before the first generator step (the first outer step's restart runs
    /// `warmupPsiSteps + psiSteps` steps), so that the first generator steps already see a ψ that
    /// spreads the generated mass over the data.
    public var warmupPsiSteps: Int
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
    /// The cost scale `κ` in `‖x − y‖² / κ` (`nil`: `κ = mean_j ‖y_j‖²`, which makes `λ` relative;
    /// 1 gives the plain squared distance of the toys).
    public var costScale: Double?

    /// A configuration.
    /// - Throws: ``OTInputError`` naming the setting: `lambda` negative or not finite, `psiSteps`,
    ///   `batchSize`, `targetBatchSize` or `latentDimension` below 1, `warmupPsiSteps` negative, a
    ///   step size, learning rate or
    ///   cost scale that is not positive and finite.
    public init(
        lambda: Double, psiSteps: Int = 10, followMean: Bool = false, warmupPsiSteps: Int = 0, psiStepSize: Double = 0.05, batchSize: Int = 200,
        targetBatchSize: Int? = nil, learningRate: Double = 1e-3, latentDimension: Int = 100,
        costScale: Double? = nil
    ) throws {
        guard lambda.isFinite, lambda >= 0 else { throw OTInputError("lambda = \(lambda); expected a finite value >= 0") }
        guard psiSteps >= 1 else { throw OTInputError("psiSteps = \(psiSteps); expected at least 1") }
        guard warmupPsiSteps >= 0 else {
            throw OTInputError("warmupPsiSteps = \(warmupPsiSteps); expected at least 0")
        }
        guard batchSize >= 1 else { throw OTInputError("batchSize = \(batchSize); expected at least 1") }
        if let m = targetBatchSize, m < 1 { throw OTInputError("targetBatchSize = \(m); expected at least 1") }
        guard latentDimension >= 1 else {
            throw OTInputError("latentDimension = \(latentDimension); expected at least 1")
        }
        try Validate.positive(psiStepSize, name: "psiStepSize")
        try Validate.positive(learningRate, name: "learningRate")
        if let kappa = costScale { try Validate.positive(kappa, name: "costScale") }
        self.lambda = lambda
        self.psiSteps = psiSteps
        self.warmupPsiSteps = warmupPsiSteps
        self.followMean = followMean
        self.psiStepSize = psiStepSize
        self.batchSize = batchSize
        self.targetBatchSize = targetBatchSize
        self.learningRate = learningRate
        self.latentDimension = latentDimension
        self.costScale = costScale
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
