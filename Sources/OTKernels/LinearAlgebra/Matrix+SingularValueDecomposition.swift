extension Matrix {
    /// The thin singular value decomposition
    ///
    /// ```
    /// A = U diag(σ) Vᵀ,   UᵀU = VᵀV = I_k,   σ_0 ≥ σ_1 ≥ ... ≥ σ_{k-1} ≥ 0,   k = min(m, n),
    /// ```
    ///
    /// of an `m x n` matrix by one-sided Jacobi rotations, computed in `Double` for both precisions.
    /// Each singular value is accurate to a small multiple of `k ε` relative to itself when `A` is
    /// well scaled (a property Golub-Kahan methods lack), and `‖A − U Σ Vᵀ‖ = O(k ε ‖A‖)`. Columns
    /// of `U` for a zero singular value are completed to an orthonormal set; each column of `U` has
    /// its largest-magnitude entry positive.
    ///
    /// - Returns: `u` (`m x k`), `singularValues` (descending) and `vt` (`k x n`, the rows are the
    ///   right singular vectors).
    /// - Throws: ``LinearAlgebraError/nonFinite(operation:row:column:)`` for a NaN or infinite entry;
    ///   ``LinearAlgebraError/didNotConverge(operation:iterations:)`` after 60 sweeps.
    /// - Complexity: O(sweeps · k² · max(m, n)) flops with 6 to 10 sweeps on typical inputs;
    ///   O(m n) memory.
    public func singularValueDecomposition() throws -> (u: Matrix<Scalar>, singularValues: [Scalar], vt: Matrix<Scalar>) {
        let operation = "singularValueDecomposition"
        let k = Swift.min(rows, columns)
        let (u, sigma, vt) = try OneSidedJacobi.decompose(
            DenseInput.finiteElements(self, operation: operation), rows: rows, columns: columns, operation: operation)
        return (
            Matrix(rows: rows, columns: k, elements: DenseInput.scalars(u)),
            DenseInput.scalars(sigma),
            Matrix(rows: k, columns: columns, elements: DenseInput.scalars(vt))
        )
    }
}
