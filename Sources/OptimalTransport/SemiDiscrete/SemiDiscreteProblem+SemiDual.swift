import OTKernels

extension SemiDiscreteProblem {
    /// The semi-dual value `F(ψ) = Σ_b w_b ψ^{c,λ}(x_b) + Σ_j ν_j ψ_j` on the batch `x`, with its
    /// gradient in `ψ` and in the source points (see ``SemiDualEvaluation``).
    ///
    /// `F` is concave in `ψ` and unchanged by `ψ + t` when the source weights sum to 1. The source
    /// gradient is what a generator back-propagates: with `ψ` frozen, `∂F/∂x_b` is the gradient of
    /// the OT cost with respect to the generated point `x_b` (envelope theorem).
    ///
    /// - Parameters:
    ///   - potential: `ψ`, one finite value per target.
    ///   - x: the `B x d` source batch.
    ///   - sourceWeights: `w_b ≥ 0` (default `1/B`: a sample of `μ`).
    ///   - potentialGradient: compute `∂F/∂ψ` (a second pass over the targets when `λ > 0`).
    ///   - sourceGradient: compute `∂F/∂x` (one more GEMM per chunk).
    ///   - chunkSize: targets per chunk of the cost matrix.
    /// - Throws: ``OTInputError`` as ``cTransform(_:potential:sourceWeights:computing:chunkSize:)``.
    /// - Complexity: that of ``cTransform(_:potential:sourceWeights:computing:chunkSize:)`` plus O(N + B d).
    @inlinable
    public func semiDual(
        potential: [S], at x: Matrix<S>, sourceWeights: [S]? = nil, potentialGradient: Bool = true,
        sourceGradient: Bool = false, chunkSize: Int? = nil
    ) throws -> SemiDualEvaluation<S> {
        let weights = try validatedBatch(x, potential: potential, sourceWeights: sourceWeights)
        let chunk = chunkSize ?? SemiDiscreteKernel.defaultChunkSize(batch: x.rows)
        guard chunk >= 1 else { throw OTInputError("chunkSize = \(chunk); expected at least 1") }
        return evaluateSemiDual(
            potential: potential, at: x, sourceWeights: weights, potentialGradient: potentialGradient,
            sourceGradient: sourceGradient, chunkSize: chunk)
    }

    /// ``semiDual(potential:at:sourceWeights:potentialGradient:sourceGradient:chunkSize:)`` on validated inputs.
    @inlinable
    func evaluateSemiDual(
        potential: [S], at x: Matrix<S>, sourceWeights: [S], potentialGradient: Bool, sourceGradient: Bool,
        chunkSize: Int
    ) -> SemiDualEvaluation<S> {
        var outputs: SemiDiscreteOutputs = []
        if potentialGradient { outputs.insert(.targetMass) }
        if sourceGradient { outputs.insert(.barycenters) }
        let transform = SemiDiscreteKernel.evaluate(
            self, x: x, potential: potential, sourceWeights: sourceWeights, outputs: outputs, chunkSize: chunkSize)
        var value: S = 0
        for b in 0..<x.rows { value += sourceWeights[b] * transform.values[b] }
        for j in 0..<targetCount { value += targetWeights[j] * potential[j] }

        var gradientPsi: [S]?
        var marginalError: S?
        if let mass = transform.targetMass {
            let gradient = (0..<targetCount).map { targetWeights[$0] - mass[$0] }
            gradientPsi = gradient
            marginalError = gradient.reduce(0) { $0 + abs($1) }
        }
        var gradientX: Matrix<S>?
        if let barycenters = transform.barycenters {
            var g = x
            let d = dimension
            g.withUnsafeMutableBufferPointer { out in
                barycenters.withUnsafeBufferPointer { bary in
                    for b in 0..<x.rows {
                        let scale = sourceWeights[b] * 2 / kappa
                        for k in 0..<d {
                            let i = b &* d &+ k
                            out[i] = scale * (out[i] - bary[i])
                        }
                    }
                }
            }
            gradientX = g
        }
        return SemiDualEvaluation(
            value: value, potentialGradient: gradientPsi, sourceGradient: gradientX,
            marginalError: marginalError, transform: transform)
    }
}
