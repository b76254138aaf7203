import OTKernels
import OTNeural
import OptimalTransport

/// Generator training with the gradient of entropic semi-discrete OT (the alternating algorithm of
/// Genevay-style semi-discrete training): a generator `g_θ` pushes `z ~ U[−1, 1]^latent` toward the
/// data `ν = (1/N) Σ_j δ_{y_j}` under the cost `c(x, y) = ‖x − y‖² / κ`, `κ = mean_j ‖y_j‖²` (or
/// ``SemiDiscreteTrainingConfiguration/costScale``).
///
/// Each outer step (``step()``):
/// ```
/// ψ ← averaged SGD restart from ψ: psiSteps steps of ψ += η_ψ (ν − mean_b π(g_θ(z_b)))   (θ fixed;
///     before it, ψ follows the mean generated sample if asked (``followMeanSample()``); the first
///     outer step runs warmupPsiSteps more ascent steps)
/// θ ← Adam step on  L(θ) = mean_b ψ^{c,λ}(g_θ(z_b)) + Σ_j ν_j ψ_j                       (ψ frozen)
///     ∇_θ L = Σ_b (∂g_θ(z_b)/∂θ)ᵀ ∂F/∂x_b,   ∂F/∂x_b = (1/B)(2/κ)(x_b − Σ_j π_j(x_b) y_j)
/// ```
/// The generator runs in training mode in both phases (batch statistics in batch norm). The ψ
/// restart's averaging state lives only inside one outer step, so the state between outer steps
/// is exactly: generator parameters and buffers, Adam's moments and step count, ψ, the step count,
/// the random generator and the log (``history``); ``checkpoint()`` saves all of it and
/// ``restore(from:)`` resumes bit for bit.
public struct SemiDiscreteTrainer<S: OTScalar>: Sendable {
    /// The data, cost scale `κ` and `λ`.
    public let problem: SemiDiscreteProblem<S>
    /// The settings.
    public let configuration: SemiDiscreteTrainingConfiguration
    /// The generator `g_θ`.
    public var generator: Sequential<S>
    /// Adam on the generator's parameters.
    public var optimizer: Adam<S>
    /// The dual potential `ψ`, one value per data point.
    public internal(set) var potential: [S]
    /// Outer steps done.
    public internal(set) var stepCount = 0
    /// The random source of latent samples and data minibatches.
    public internal(set) var rng: Xoshiro256
    /// One report per outer step done.
    public internal(set) var history: [SemiDiscreteStepReport] = []
    /// The mean generated sample `x̄_t` of the last ``followMeanSample()`` (`nil` before the first).
    public internal(set) var meanSample: [S]?
    @usableFromInline let ascent: SemiDiscreteSGD<S>
    /// ``ascent`` with ``SemiDiscreteTrainingConfiguration/warmupPsiSteps`` more steps, for step 1.
    @usableFromInline let firstAscent: SemiDiscreteSGD<S>

    /// A trainer at step 0 with `ψ = 0` on `data` (one point per row, uniform weights).
    /// - Parameters:
    ///   - data: `N x d` finite points, not all zero.
    ///   - generator: maps `latentDimension` values to `d` per row.
    ///   - configuration: the settings.
    ///   - rng: the random source of the run.
    /// - Throws: ``OTInputError`` for invalid data, a `targetBatchSize` above `N`, or a generator
    ///   whose output width is not `d`.
    /// - Complexity: O(N d) plus one generator forward pass on 2 points.
    public init(
        data: Matrix<S>, generator: Sequential<S>, configuration: SemiDiscreteTrainingConfiguration, rng: Xoshiro256
    ) throws {
        let kappa = try configuration.costScale.map { S($0) } ?? SemiDiscreteProblem<S>.meanSquaredNorm(of: data)
        problem = try SemiDiscreteProblem(target: data, kappa: kappa, lambda: S(configuration.lambda))
        if let m = configuration.targetBatchSize, m > data.rows {
            throw OTInputError("targetBatchSize = \(m) exceeds the \(data.rows) data points")
        }
        var probe = generator
        let width = probe.forward(Matrix(rows: 2, columns: configuration.latentDimension), training: true).columns
        guard width == data.columns else {
            throw OTInputError(
                "the generator makes \(width) values per sample from \(configuration.latentDimension) latent values; "
                    + "the data has \(data.columns) per point")
        }
        ascent = try SemiDiscreteSGD(
            stepSize: S(configuration.psiStepSize), steps: configuration.psiSteps, batchSize: configuration.batchSize,
            targetBatchSize: configuration.targetBatchSize)
        var first = ascent
        first.steps += configuration.warmupPsiSteps
        firstAscent = first
        self.configuration = configuration
        self.generator = generator
        self.optimizer = Adam(learningRate: S(configuration.learningRate))
        self.potential = [S](repeating: 0, count: data.rows)
        self.rng = rng
    }

    /// The push-forward `g_θ # U[−1, 1]^latent` as a sampler (generator in training mode).
    public var generatedDistribution: GeneratedSampler<S> {
        GeneratedSampler(generator: generator, latentDimension: configuration.latentDimension,
                         dimension: problem.dimension)
    }

    /// One outer step: a ψ restart, then one Adam step on the generator; appends its report to
    /// ``history``.
    /// - Complexity: `psiSteps + 1` semi-dual evaluations of `batchSize` points against the
    ///   `N` data points (O(B N d) each), plus `psiSteps + 1` generator forward passes and one backward.
    @discardableResult
    @_specialize(where S == Float) @_specialize(where S == Double)
    public mutating func step() throws -> SemiDiscreteStepReport {
        if configuration.followMean { followMeanSample() }
        let psiReport = try (stepCount == 0 ? firstAscent : ascent).ascend(
            &potential, on: problem, source: generatedDistribution, using: &rng)
        let z = GeneratedSampler<S>.latent(count: configuration.batchSize, dimension: configuration.latentDimension,
                                           using: &rng)
        let loss = try generatorLoss(latent: z)
        optimizer.step(&generator)
        stepCount += 1
        let report = SemiDiscreteStepReport(
            step: stepCount, semiDual: Double(psiReport.value), marginalError: Double(psiReport.marginalError),
            generatorLoss: Double(loss))
        history.append(report)
        return report
    }

    /// Moves ``potential`` with the mean `x̄_t` of ``SemiDiscreteTrainingConfiguration/batchSize``
    /// generated samples: `ψ_j += c(x̄_t, y_j) − c(x̄_{t−1}, y_j)`, or at the first call
    /// `ψ_j = c(x̄_1, y_j) − mean_k c(x̄_1, y_k)`; records `x̄_t` in ``meanSample``.
    ///
    /// So `ψ = c(x̄_t, ·) + ψ̃`, with `ψ̃` what the ascent has learned. `c(x̄, ·)` is the optimal ψ (up
    /// to a constant) if every generated sample were `x̄` (then `π_j(x̄) = ν_j`), and for the
    /// quadratic cost the optimal ψ of a translated distribution is the old one plus
    /// `c(x̄_new, ·) − c(x̄_old, ·)` (an affine function of `y`): ψ follows the bulk motion of the
    /// generated samples exactly, and the ascent only has to learn their shape. Without it, ψ starts
    /// at 0, where every sample of a fresh generator prefers the same few images of small norm, and
    /// the ascent moves `ψ_j` by about `η ν_j` per step, far slower than the generator moves (two
    /// time scales): measured on MNIST, the generator collapses onto one digit within 10 outer steps.
    /// - Complexity: one generator forward pass on `batchSize` rows and O(N d).
    public mutating func followMeanSample() {
        let x = generatedDistribution.sample(count: configuration.batchSize, using: &rng)
        let mean = (0..<x.columns).map { k in x.column(k).reduce(0, +) / S(x.rows) }
        let current = costs(from: mean)
        if let previous = meanSample {
            let old = costs(from: previous)
            for j in potential.indices { potential[j] += current[j] - old[j] }
        } else {
            let average = current.reduce(0, +) / S(current.count)
            potential = current.map { $0 - average }
        }
        meanSample = mean
    }

    /// `c(x, y_j) = ‖x − y_j‖² / κ` for every data point.
    func costs(from x: [S]) -> [S] {
        pairwiseSquaredDistances(Matrix(rows: 1, columns: x.count, elements: x), problem.target).elements
            .map { $0 / problem.kappa }
    }

    /// The generator loss `L(θ) = mean_b ψ^{c,λ}(g_θ(z_b)) + Σ_j ν_j ψ_j` on the latent batch `z` with
    /// ``potential`` frozen; leaves `∇_θ L` in the generator's parameter gradients (zeroed first).
    ///
    /// The gradient is the envelope-theorem gradient of `W^λ` when `ψ` is optimal:
    /// `∂L/∂x_b = (1/B)(2/κ)(x_b − Σ_j π_j(x_b) y_j)` from the OT core, back-propagated through `g_θ`.
    /// - Throws: ``OTInputError`` when `z` is not `B x latentDimension` or the generator output is
    ///   not finite.
    /// - Complexity: one generator forward and backward pass and one semi-dual evaluation, O(B N d).
    @_specialize(where S == Float) @_specialize(where S == Double)
    public mutating func generatorLoss(latent z: Matrix<S>) throws -> S {
        guard z.columns == configuration.latentDimension, z.rows >= 1 else {
            throw OTInputError("latent batch is \(z.rows) x \(z.columns); expected B x \(configuration.latentDimension)")
        }
        let x = generator.forward(z, training: true)
        let evaluation = try problem.semiDual(
            potential: potential, at: x, potentialGradient: false, sourceGradient: true)
        generator.zeroGradients()
        _ = generator.backward(evaluation.sourceGradient!)
        return evaluation.value
    }

    /// `count` generated samples (one per row) in batches of ``SemiDiscreteTrainingConfiguration/batchSize``,
    /// from a random source of the caller's (the trainer's own is not touched).
    /// - Complexity: `count / batchSize` generator forward passes.
    public func samples(count: Int, using rng: inout some RandomNumberGenerator) -> Matrix<S> {
        let sampler = generatedDistribution
        var rows = [S]()
        rows.reserveCapacity(count * problem.dimension)
        var done = 0
        while done < count {
            let n = min(configuration.batchSize, count - done)
            rows += sampler.sample(count: n, using: &rng).elements
            done += n
        }
        return Matrix(rows: count, columns: problem.dimension, elements: rows)
    }
}

/// `g_θ # U[−1, 1]^latent`: a generator applied to uniform latent samples, in training mode (batch
/// statistics); the generator's running statistics are left unchanged.
public struct GeneratedSampler<S: OTScalar>: SourceSampler, Sendable {
    /// The generator.
    public let generator: Sequential<S>
    /// The latent dimension.
    public let latentDimension: Int
    /// The output dimension.
    public let dimension: Int

    /// A sampler of `generator` on `latentDimension` uniform inputs producing `dimension` values.
    public init(generator: Sequential<S>, latentDimension: Int, dimension: Int) {
        self.generator = generator
        self.latentDimension = latentDimension
        self.dimension = dimension
    }

    /// `count` latent rows `z ~ U[−1, 1]^dimension`.
    /// - Complexity: O(count · dimension) draws.
    @inlinable
    public static func latent(count: Int, dimension: Int, using rng: inout some RandomNumberGenerator) -> Matrix<S> {
        Matrix.uniform(rows: count, columns: dimension, in: -1..<1, using: &rng)
    }

    /// `g(z)` for `count` fresh latent rows.
    /// - Complexity: one generator forward pass on `count` rows.
    public func sample(count: Int, using rng: inout some RandomNumberGenerator) -> Matrix<S> {
        var copy = generator
        return copy.forward(Self.latent(count: count, dimension: latentDimension, using: &rng), training: true)
    }
}
