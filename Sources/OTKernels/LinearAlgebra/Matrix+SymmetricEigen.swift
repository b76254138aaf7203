extension Matrix {
    /// The eigendecomposition of a real symmetric matrix,
    ///
    /// ```
    /// A = V diag(λ) Vᵀ,   VᵀV = I,   λ_0 ≤ λ_1 ≤ ... ≤ λ_{n-1},
    /// ```
    ///
    /// by Householder tridiagonalization and the implicit QL iteration with Wilkinson-type shifts,
    /// computed in `Double` for both precisions (a `Float` result is the `Double` result rounded).
    /// Backward stable: the eigenvalues are exact for a matrix within `O(n ε ‖A‖₂)` of `A`, so each
    /// `λ_i` is within about `n ε ‖A‖₂` of the true one and `‖A V − V diag(λ)‖ = O(n ε ‖A‖)`.
    /// Each eigenvector column is scaled so its largest-magnitude entry is positive; vectors of a
    /// repeated eigenvalue are an orthonormal basis of its eigenspace.
    ///
    /// The input is symmetrized as `(A + Aᵀ) / 2` after the symmetry check.
    ///
    /// - Parameter symmetryTolerance: largest accepted `|A_ij − A_ji|`, relative to `max |A_ij|`;
    ///   the default `√ε` (1.5e-8 for `Double`, 3.5e-4 for `Float`) accepts the rounding of a
    ///   product like `X Xᵀ` and rejects a matrix that is not meant to be symmetric.
    /// - Returns: `values` ascending and `vectors` with the unit eigenvector of `values[i]` in column `i`.
    /// - Throws: ``LinearAlgebraError`` if the matrix is not square, has a non-finite entry, is not
    ///   symmetric within the tolerance, or if the QL iteration does not converge (60 steps per eigenvalue).
    /// - Complexity: about 9 n³ flops, O(n²) memory.
    public func symmetricEigen(
        symmetryTolerance: Scalar = Scalar.ulpOfOne.squareRoot()
    ) throws -> (values: [Scalar], vectors: Matrix<Scalar>) {
        let system = try symmetricEigensystem(tolerance: symmetryTolerance, operation: "symmetricEigen")
        let rows = Matrix<Double>(rows: rows, columns: columns, elements: system.vectorRows)
        return (DenseInput.scalars(system.values), DenseInput.matrix(rows.transposed()))
    }

    /// The validated `Double` eigensystem of `self` for the routines in this folder.
    func symmetricEigensystem(tolerance: Scalar, operation: String) throws -> SymmetricEigensystem {
        let a = try DenseInput.symmetricElements(self, relativeTolerance: tolerance, operation: operation)
        return try SymmetricEigensystem(symmetric: a, n: rows, operation: operation)
    }
}
