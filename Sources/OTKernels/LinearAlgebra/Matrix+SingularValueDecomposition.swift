extension Matrix {
    /// The thin singular value decomposition
    ///
    /// ```
    /// A = U diag(σ) Vᵀ,   UᵀU = VᵀV = I_k,   σ_0 ≥ σ_1 ≥ ... ≥ σ_{k-1} ≥ 0,   k = min(m, n),
    /// ```
    ///
    /// of an `m x n` matrix by one-sided Jacobi rotations on the triangular factor of a pivoted QR
    /// factorization (Drmač-Veselić preconditioning), computed in `Double` for both precisions.
    /// `‖A − U Σ Vᵀ‖ = O(k ε ‖A‖)`, and when `A = B D` with `B` well conditioned and `D` a diagonal
    /// scaling, each singular value is accurate relative to itself (a property Golub-Kahan methods
    /// lack). `U` and `V` have orthonormal columns even when some `σ_i` are 0; each column of `U`
    /// has its largest-magnitude entry positive. For `k ≥ 96` the sweeps run on two threads in a
    /// fixed order, so the result does not depend on the thread count.
    ///
    /// - Returns: `u` (`m x k`), `singularValues` (descending) and `vt` (`k x n`, the rows are the
    ///   right singular vectors).
    /// - Throws: ``LinearAlgebraError/nonFinite(operation:row:column:)`` for a NaN or infinite entry;
    ///   ``LinearAlgebraError/didNotConverge(operation:iterations:)`` after 60 sweeps.
    /// - Complexity: about 6 k² max(m, n) flops for the QR factorization, its `Q` and the final GEMM,
    ///   plus 7 k³ per sweep, with about 10 sweeps on dense random inputs; O(m n) memory.
    public func singularValueDecomposition() throws
        -> (u: Matrix<Scalar>, singularValues: [Scalar], vt: Matrix<Scalar>)
    {
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
