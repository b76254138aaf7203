import OTKernels

/// Averaged stochastic gradient ascent on the semi-dual `F(ψ)` of a semi-discrete problem, with
/// restarts, as in generator training with semi-discrete OT (Genevay, Cuturi, Peyré, Bach 2016,
/// "Stochastic optimization for large-scale optimal transport", averaged SGD).
///
/// One call of ``ascend(_:on:source:using:)`` is one restart: starting from `ψ_0 = ψ`,
/// ```
/// x_1..x_B ~ μ,   ψ_t = ψ_{t−1} + η_t (ν − (1/B) Σ_b π(x_b))   (t = 1..T),   η_t = η or η/√t
/// ψ ← (1/T) Σ_t ψ_t   (or ψ_T without averaging)
/// ```
/// The next call starts from that average, with a fresh step count: psi lags the source slowly,
/// which is the two time-scale regime of alternating generator training.
///
/// With `targetBatchSize = M`, step `t` also draws `M` distinct targets `J` uniformly and takes
/// a full gradient step on the problem restricted to them (weights `ν̃_j = ν_j / ν(J)`): only
/// `ψ_J` moves, by `η_t (ν̃_j − π̃_j)`. Each target is drawn with probability `M/N` and its step is
/// `N/M` times the full one (for uniform weights), so in expectation a step moves `ψ` like a
/// full-data step and the step size means the same with and without target minibatches; the cost
/// of a step drops by `M/N`. The estimate is biased (the normalizer of `π̃` sees only `J`).
public struct SemiDiscreteSGD<S: OTScalar>: Sendable {
    /// How the step size evolves within a restart.
    public enum Schedule: Sendable, Equatable {
        /// `η_t = η`.
        case constant
        /// `η_t = η / √t` (Genevay et al.'s averaged SGD).
        case inverseSquareRoot
    }

    /// The step size `η > 0`.
    public var stepSize: S
    /// Ascent steps per restart, `T ≥ 1`.
    public var steps: Int
    /// Source samples per step, `B ≥ 1`.
    public var batchSize: Int
    /// Return the average of the iterates (true) or the last iterate.
    public var averaging: Bool
    /// The step-size schedule within a restart.
    public var schedule: Schedule
    /// Targets per step (`nil`: all of them).
    public var targetBatchSize: Int?
    /// Targets per chunk of the cost matrix (`nil`: the kernel's default).
    public var chunkSize: Int?

    /// A configuration; the defaults are the authors' MNIST script (lr 0.05, 10 steps, batch 200).
    /// - Throws: ``OTInputError`` when `stepSize` is not positive, `steps`, `batchSize`,
    ///   `targetBatchSize` or `chunkSize` is below 1.
    /// - Complexity: O(1).
    public init(
        stepSize: S = 0.05, steps: Int = 10, batchSize: Int = 200, averaging: Bool = true,
        schedule: Schedule = .constant, targetBatchSize: Int? = nil, chunkSize: Int? = nil
    ) throws {
        try Validate.positive(stepSize, name: "stepSize")
        guard steps >= 1 else { throw OTInputError("steps = \(steps); expected at least 1") }
        guard batchSize >= 1 else { throw OTInputError("batchSize = \(batchSize); expected at least 1") }
        if let m = targetBatchSize, m < 1 { throw OTInputError("targetBatchSize = \(m); expected at least 1") }
        if let c = chunkSize, c < 1 { throw OTInputError("chunkSize = \(c); expected at least 1") }
        self.stepSize = stepSize
        self.steps = steps
        self.batchSize = batchSize
        self.averaging = averaging
        self.schedule = schedule
        self.targetBatchSize = targetBatchSize
        self.chunkSize = chunkSize
    }
}

/// What one restart of ``SemiDiscreteSGD`` measured.
public struct SemiDiscreteSGDReport<S: OTScalar>: Sendable, Equatable {
    /// Ascent steps taken.
    public var steps: Int
    /// The mean over the steps of the batch estimates of `F(ψ_{t−1})`.
    public var value: S
    /// The mean over the steps of the batch estimates `Σ_j |ν_j − (1/B) Σ_b π_j(x_b)|` (on the
    /// target minibatch when there is one). Sampling noise biases it upward: with `B` samples and
    /// `N ≫ B` targets it stays large even at the optimum.
    public var marginalError: S

    /// Bundles the measurements.
    public init(steps: Int, value: S, marginalError: S) {
        self.steps = steps
        self.value = value
        self.marginalError = marginalError
    }
}

extension SemiDiscreteSGD {
    /// One restart: ``steps`` ascent steps on `F` from `potential`, which is replaced by the
    /// average of the iterates (or the last one).
    ///
    /// - Parameters:
    ///   - potential: `ψ`, one finite value per target; updated in place.
    ///   - problem: the target, cost and `λ` (`λ = 0` gives the subgradient `ν − Laguerre-cell masses`).
    ///   - source: the sampler of `μ`.
    ///   - rng: the random source (source samples, then target indices, per step).
    /// - Returns: the step's batch estimates of the value and marginal error, averaged.
    /// - Throws: ``OTInputError`` when `potential` has the wrong length or non-finite entries,
    ///   the sampler's dimension differs from the targets', or `targetBatchSize > N`.
    /// - Complexity: ``steps`` evaluations of ``SemiDiscreteProblem/semiDual(potential:at:sourceWeights:potentialGradient:sourceGradient:chunkSize:)``
    ///   on `B` points against `N` (or `M`) targets.
    @inlinable
    public func ascend<Source: SourceSampler<S>>(
        _ potential: inout [S], on problem: SemiDiscreteProblem<S>, source: Source,
        using rng: inout some RandomNumberGenerator
    ) throws -> SemiDiscreteSGDReport<S> {
        try SemiDiscreteProblem<S>.validatePotential(potential, count: problem.targetCount)
        guard source.dimension == problem.dimension else {
            throw OTInputError("source has dimension \(source.dimension) but target has \(problem.dimension)")
        }
        if let m = targetBatchSize, m > problem.targetCount {
            throw OTInputError("targetBatchSize = \(m) exceeds the \(problem.targetCount) target points")
        }
        let count = problem.targetCount
        let weights = [S](repeating: 1 / S(batchSize), count: batchSize)
        var current = potential
        var sum = [S](repeating: 0, count: averaging ? count : 0)
        var valueSum: S = 0, errorSum: S = 0
        for t in 1...steps {
            let eta = schedule == .constant ? stepSize : stepSize / S(t).squareRoot()
            let x = source.sample(count: batchSize, using: &rng)
            if let m = targetBatchSize, m < count {
                let indices = Self.distinctIndices(m, of: count, using: &rng)
                let sub = problem.restricted(to: indices)
                let evaluation = sub.evaluateSemiDual(
                    potential: indices.map { current[$0] }, at: x, sourceWeights: weights, potentialGradient: true,
                    sourceGradient: false, chunkSize: chunkSize ?? SemiDiscreteKernel.defaultChunkSize(batch: batchSize))
                let gradient = evaluation.potentialGradient!
                for (position, j) in indices.enumerated() { current[j] += eta * gradient[position] }
                valueSum += evaluation.value
                errorSum += evaluation.marginalError!
            } else {
                let evaluation = problem.evaluateSemiDual(
                    potential: current, at: x, sourceWeights: weights, potentialGradient: true, sourceGradient: false,
                    chunkSize: chunkSize ?? SemiDiscreteKernel.defaultChunkSize(batch: batchSize))
                let gradient = evaluation.potentialGradient!
                for j in 0..<count { current[j] += eta * gradient[j] }
                valueSum += evaluation.value
                errorSum += evaluation.marginalError!
            }
            if averaging { for j in 0..<count { sum[j] += current[j] } }
        }
        potential = averaging ? sum.map { $0 / S(steps) } : current
        return SemiDiscreteSGDReport(steps: steps, value: valueSum / S(steps), marginalError: errorSum / S(steps))
    }

    /// `m` distinct indices of `0..<n`, uniformly (a partial Fisher-Yates shuffle).
    /// - Complexity: O(n) memory and O(n + m) time.
    @inlinable
    static func distinctIndices(_ m: Int, of n: Int, using rng: inout some RandomNumberGenerator) -> [Int] {
        var pool = Array(0..<n)
        for i in 0..<m { pool.swapAt(i, i + Int.random(in: 0..<(n - i), using: &rng)) }
        return Array(pool[0..<m])
    }
}
