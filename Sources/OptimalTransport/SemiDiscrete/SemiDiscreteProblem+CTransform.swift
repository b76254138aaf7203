import OTKernels

extension SemiDiscreteProblem {
    /// The regularized c,λ-transform `ψ^{c,λ}(x_b)` of the potential `ψ` at every row `x_b` of `x`,
    /// with the assignments, and on request the target masses and barycenters (see
    /// ``SemiDiscreteTransform``).
    ///
    /// ```
    /// ψ^{c,λ}(x) = −λ log Σ_j ν_j exp((ψ_j − c(x, y_j)) / λ)    (λ > 0, log-domain, stable)
    /// ψ^c(x)     = min_j (c(x, y_j) − ψ_j)                      (λ = 0)
    /// ```
    /// For `λ > 0`, `ψ^c(x) ≤ ψ^{c,λ}(x) ≤ ψ^c(x) + λ log(1/min_j ν_j)` (`λ log N` for uniform
    /// weights): the soft transform tends to the hard one as `λ → 0`.
    ///
    /// - Parameters:
    ///   - x: the `B x d` source batch, `B ≥ 1`, finite.
    ///   - potential: `ψ`, one finite value per target.
    ///   - sourceWeights: `w_b ≥ 0` used in ``SemiDiscreteTransform/targetMass`` (default `1/B`).
    ///   - outputs: the optional results to compute.
    ///   - chunkSize: targets per chunk of the cost matrix (default about 2^19 / B).
    ///   - logitBudget: the most entries `(ψ_j − c(x_b, y_j))/λ` held at once for target masses
    ///     (default 2^23): with room for whole rows of a quarter of the batch or more, one pass
    ///     over the targets; otherwise two, the second recomputing each chunk.
    /// - Throws: ``OTInputError`` for an empty or non-finite batch, a dimension mismatch, a
    ///   potential or weight vector of the wrong length or with non-finite entries, or
    ///   `chunkSize < 1` or `logitBudget < 1`.
    /// - Complexity: O(B N d) flops (doubled for target masses when `λ > 0` and the budget is too
    ///   small, and for barycenters), O(B N) exponentials, O(min(budget, B · chunk) + N + B d)
    ///   memory; see ``SemiDiscreteKernel``.
    @inlinable
    public func cTransform(
        _ x: Matrix<S>, potential: [S], sourceWeights: [S]? = nil, computing outputs: SemiDiscreteOutputs = [],
        chunkSize: Int? = nil, logitBudget: Int? = nil
    ) throws -> SemiDiscreteTransform<S> {
        let weights = try validatedBatch(x, potential: potential, sourceWeights: sourceWeights)
        let chunk = chunkSize ?? SemiDiscreteKernel.defaultChunkSize(batch: x.rows)
        guard chunk >= 1 else { throw OTInputError("chunkSize = \(chunk); expected at least 1") }
        let budget = logitBudget ?? SemiDiscreteKernel.defaultLogitBudget
        guard budget >= 1 else { throw OTInputError("logitBudget = \(budget); expected at least 1") }
        return SemiDiscreteKernel.evaluate(
            self, x: x, potential: potential, sourceWeights: weights, outputs: outputs, chunkSize: chunk,
            logitBudget: budget)
    }

    /// Checks a batch against the problem; returns the source weights (`1/B` each when `nil`).
    /// - Throws: ``OTInputError`` naming `x`, `potential` or `sourceWeights`.
    @inlinable
    func validatedBatch(_ x: Matrix<S>, potential: [S], sourceWeights: [S]?) throws -> [S] {
        guard x.rows > 0 else { throw OTInputError("x has batch size 0; expected at least one source point") }
        try Validate.points(x, name: "x")
        try Validate.sameDimension(x, target, names: ("x", "target"))
        try Self.validatePotential(potential, count: targetCount)
        guard let sourceWeights else { return [S](repeating: 1 / S(x.rows), count: x.rows) }
        guard sourceWeights.count == x.rows else {
            throw OTInputError("sourceWeights has \(sourceWeights.count) entries for \(x.rows) points")
        }
        if let i = sourceWeights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw OTInputError("sourceWeights[\(i)] = \(sourceWeights[i]); expected a finite non-negative weight")
        }
        return sourceWeights
    }

    /// Throws ``OTInputError`` unless `potential` has `count` finite entries.
    @inlinable
    static func validatePotential(_ potential: [S], count: Int) throws {
        guard potential.count == count else {
            throw OTInputError("potential has \(potential.count) entries for \(count) target points")
        }
        if let i = potential.firstIndex(where: { !$0.isFinite }) {
            throw OTInputError("potential[\(i)] = \(potential[i]); expected a finite value")
        }
    }
}
