import OTKernels
import OptimalTransport

/// The translation toy of generator training with entropic semi-discrete OT: the alternating
/// algorithm on the generator `g_θ(z) = z − θ`.
///
/// Each outer step:
/// ```
/// ψ ← averaged SGD restart: psiSteps steps of ψ += η_ψ (ν − mean_b π(x_b)),  x_b = z_b − θ, z_b ~ ζ
/// θ ← θ − η_θ ∇_θ [mean_b ψ^{c,λ}(z_b − θ)] = θ + η_θ mean_b ∇_x ψ^{c,λ}(x_b)     (ψ frozen)
/// ```
/// with `∇_x ψ^{c,λ}(x) = 2 (x − Σ_j π_j(x) y_j)` (`κ = 1`). Step sizes are constant (plain gradient
/// descent on θ), so what the result shows is the dynamics, not a decaying step: with the defaults,
/// `λ ∈ {0.01, 0.1, 1}` converge to `θ*` on every setup and `λ = 0` keeps oscillating on
/// ``TranslationToySetup/segment``. The ψ step `η_ψ = 0.02` is stable for `λ ≥ 0.01` (the
/// curvature of `F` in `ψ_1 − ψ_2` is about `1/(2λ)` on the segment, so `η_ψ < 4λ`), and
/// `η_θ = 0.01` keeps θ slower than ψ can follow (two time scales).
public struct TranslationToy: Sendable {
    /// The latent distribution and targets.
    public var setup: TranslationToySetup
    /// The entropic regularization `λ ≥ 0` (absolute; the cost is the plain squared distance).
    public var lambda: Double
    /// Alternating outer steps.
    public var outerSteps: Int
    /// ψ ascent steps per outer step (one averaged-SGD restart).
    public var psiSteps: Int
    /// Latent samples per ψ step and per θ step.
    public var batchSize: Int
    /// The constant ψ step size.
    public var psiStepSize: Double
    /// The constant θ step size.
    public var thetaStepSize: Double
    /// The starting translation.
    public var initialTheta: [Double]
    /// The distance to `θ*` and the oscillation below which the run counts as converged.
    public var tolerance: Double

    /// A toy run; the defaults are those described above.
    /// - Throws: ``OTInputError`` for `λ < 0`, step counts or batch size below 1, non-positive step
    ///   sizes or tolerance, or an initial θ that is not 2 finite numbers.
    public init(
        setup: TranslationToySetup = .segment, lambda: Double, outerSteps: Int = 400, psiSteps: Int = 10,
        batchSize: Int = 200, psiStepSize: Double = 0.02, thetaStepSize: Double = 0.01,
        initialTheta: [Double] = [0.5, 0], tolerance: Double = 1e-2
    ) throws {
        guard lambda.isFinite, lambda >= 0 else { throw OTInputError("lambda = \(lambda); expected a finite value >= 0") }
        guard outerSteps >= 1 else { throw OTInputError("outerSteps = \(outerSteps); expected at least 1") }
        guard psiSteps >= 1 else { throw OTInputError("psiSteps = \(psiSteps); expected at least 1") }
        guard batchSize >= 1 else { throw OTInputError("batchSize = \(batchSize); expected at least 1") }
        try Validate.positive(psiStepSize, name: "psiStepSize")
        try Validate.positive(thetaStepSize, name: "thetaStepSize")
        try Validate.positive(tolerance, name: "tolerance")
        guard initialTheta.count == 2, initialTheta.allSatisfy(\.isFinite) else {
            throw OTInputError("initialTheta = \(initialTheta); expected 2 finite numbers")
        }
        self.setup = setup
        self.lambda = lambda
        self.outerSteps = outerSteps
        self.psiSteps = psiSteps
        self.batchSize = batchSize
        self.psiStepSize = psiStepSize
        self.thetaStepSize = thetaStepSize
        self.initialTheta = initialTheta
        self.tolerance = tolerance
    }
}

/// The outcome of a ``TranslationToy`` run.
public struct TranslationToyResult: Sendable, Equatable {
    /// θ before the first and after every outer step (`outerSteps + 1` points).
    public var trajectory: [[Double]]
    /// The last θ.
    public var finalTheta: [Double]
    /// `θ* = m_ζ − m_ν`.
    public var targetTheta: [Double]
    /// `‖finalTheta − θ*‖`.
    public var distance: Double
    /// The RMS distance of the second half of the trajectory from its own mean: about the sampling
    /// noise of θ (a few 1e-3) when it converges, the amplitude of the cycle when it oscillates.
    public var oscillation: Double
    /// `distance ≤ tolerance` and `oscillation ≤ tolerance`.
    public var converged: Bool
    /// The final potential ψ on the targets.
    public var potential: [Double]
}

extension TranslationToy {
    /// Runs the alternating algorithm.
    /// - Parameter rng: the source of latent samples (the run is reproducible from its seed).
    /// - Throws: ``OTInputError`` only if the setup's problem is invalid (it is not for the built-in ones).
    /// - Complexity: `outerSteps · (psiSteps + 1)` semi-dual evaluations of `batchSize` points
    ///   against 2 or 3 targets.
    public func run(using rng: inout some RandomNumberGenerator) throws -> TranslationToyResult {
        let problem = try SemiDiscreteProblem(target: setup.targets, lambda: lambda)
        let sgd = try SemiDiscreteSGD<Double>(stepSize: psiStepSize, steps: psiSteps, batchSize: batchSize)
        var theta = initialTheta
        var psi = [Double](repeating: 0, count: problem.targetCount)
        var trajectory = [theta]
        trajectory.reserveCapacity(outerSteps + 1)
        for _ in 0..<outerSteps {
            let source = TranslatedSampler(latent: setup.latent, theta: theta)
            _ = try sgd.ascend(&psi, on: problem, source: source, using: &rng)
            let x = source.sample(count: batchSize, using: &rng)
            let gradient = try problem.semiDual(potential: psi, at: x, potentialGradient: false, sourceGradient: true)
                .sourceGradient!
            // Σ_b ∂F/∂x_b = mean_b ∇_x ψ^{c,λ}(x_b) = −∇_θ; descend: θ ← θ − η ∇_θ.
            for k in 0..<2 { theta[k] += thetaStepSize * gradient.column(k).reduce(0, +) }
            trajectory.append(theta)
        }
        let target = setup.targetTheta
        let distance = Self.norm(zip(theta, target).map { $0 - $1 })
        let oscillation = Self.tailSpread(trajectory)
        return TranslationToyResult(
            trajectory: trajectory, finalTheta: theta, targetTheta: target, distance: distance,
            oscillation: oscillation, converged: distance <= tolerance && oscillation <= tolerance, potential: psi)
    }

    /// The RMS distance of the second half of `points` from its mean.
    static func tailSpread(_ points: [[Double]]) -> Double {
        let tail = points[(points.count / 2)...]
        let mean = (0..<2).map { k in tail.reduce(0) { $0 + $1[k] } / Double(tail.count) }
        let squared = tail.reduce(0) { sum, p in sum + (0..<2).reduce(0) { $0 + (p[$1] - mean[$1]) * (p[$1] - mean[$1]) } }
        return (squared / Double(tail.count)).squareRoot()
    }

    static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}

/// `g_θ # ζ`: latent samples translated by `−θ`.
struct TranslatedSampler: SourceSampler {
    let latent: UniformBoxSampler<Double>
    let theta: [Double]

    var dimension: Int { latent.dimension }

    func sample(count: Int, using rng: inout some RandomNumberGenerator) -> Matrix<Double> {
        var z = latent.sample(count: count, using: &rng)
        z.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<count { for k in 0..<dimension { buffer[i &* dimension &+ k] -= theta[k] } }
        }
        return z
    }
}
