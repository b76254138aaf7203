extension Matrix {
    /// The default relative tolerance of the positive-semidefinite functions, `√ε` (1.5e-8 for
    /// `Double`, 3.5e-4 for `Float`): the rounding of a product like `X Xᵀ`, or of an input stored
    /// in `Float`, stays far below it, while a matrix that is meant to be indefinite does not.
    @inlinable
    public static var defaultPSDTolerance: Scalar { Scalar.ulpOfOne.squareRoot() }

    /// The spectral function `f(A) = V diag(f(λ)) Vᵀ` of a symmetric matrix `A = V diag(λ) Vᵀ`.
    ///
    /// Computed from ``symmetricEigen(symmetryTolerance:)`` in `Double`; `f` is called once per
    /// eigenvalue (converted to `Scalar`), and the result is exactly symmetric.
    /// - Parameters:
    ///   - symmetryTolerance: as for ``symmetricEigen(symmetryTolerance:)``.
    ///   - f: the scalar function.
    /// - Throws: ``LinearAlgebraError`` as ``symmetricEigen(symmetryTolerance:)``.
    /// - Complexity: the eigendecomposition (about 9 n³ flops) plus one n x n x n GEMM.
    public func symmetricFunction(
        symmetryTolerance: Scalar = Scalar.ulpOfOne.squareRoot(), _ f: (Scalar) -> Scalar
    ) throws -> Matrix {
        let system = try symmetricEigensystem(tolerance: symmetryTolerance, operation: "symmetricFunction")
        return DenseInput.matrix(system.function { Double(f(Scalar($0))) })
    }

    /// The principal square root `A^{1/2} = V diag(√λ) Vᵀ` of a symmetric positive semidefinite
    /// matrix: the unique PSD `R` with `R R = A`.
    ///
    /// Eigenvalues in `[−tolerance · max|λ|, 4 n ε max|λ|]` are rounding and become 0 (see
    /// ``psdEigen(tolerance:)``).
    /// - Parameter tolerance: relative tolerance for asymmetry (times `max|A_ij|`) and negative
    ///   eigenvalues (times `max|λ|`); default ``defaultPSDTolerance``.
    /// - Throws: ``LinearAlgebraError/notPositiveSemidefinite(operation:eigenvalue:tolerance:)`` for an
    ///   eigenvalue below `−tolerance · max|λ|`, and the errors of ``symmetricEigen(symmetryTolerance:)``.
    /// - Complexity: about 9 n³ flops plus one n x n x n GEMM.
    public func psdSquareRoot(tolerance: Scalar = defaultPSDTolerance) throws -> Matrix {
        let system = try positiveSemidefiniteEigensystem(tolerance: tolerance, operation: "psdSquareRoot")
        return DenseInput.matrix(system.function { $0.squareRoot() })
    }

    /// The inverse square root `A^{-1/2} = V diag(max(λ, floor)^{-1/2}) Vᵀ` of a symmetric positive
    /// semidefinite matrix, with eigenvalues raised to `floor` first (a regularization: with
    /// `floor > 0` the result is finite for a singular `A`).
    ///
    /// Eigenvalues in `[−tolerance · max|λ|, 4 n ε max|λ|]` are rounding and become 0 (see
    /// ``psdEigen(tolerance:)``), so a numerically singular `A` needs `floor > 0`.
    /// - Parameters:
    ///   - floor: the smallest eigenvalue used, `≥ 0`. With the default 0 a singular `A` throws.
    ///   - tolerance: as for ``psdSquareRoot(tolerance:)``.
    /// - Throws: ``LinearAlgebraError/notPositiveSemidefinite(operation:eigenvalue:tolerance:)`` for a
    ///   clearly negative eigenvalue; ``LinearAlgebraError/notPositiveDefinite(operation:detail:)`` when
    ///   an eigenvalue is 0 after clamping and `floor` is 0;
    ///   ``LinearAlgebraError/invalidArgument(operation:name:detail:)`` for a negative or non-finite `floor`; the errors of ``symmetricEigen(symmetryTolerance:)``.
    /// - Complexity: about 9 n³ flops plus one n x n x n GEMM.
    public func psdInverseSquareRoot(floor: Scalar = 0, tolerance: Scalar = defaultPSDTolerance) throws -> Matrix {
        let operation = "psdInverseSquareRoot"
        guard floor >= 0, floor.isFinite else {
            throw LinearAlgebraError.invalidArgument(
                operation: operation, name: "floor", detail: "= \(floor); expected a finite value >= 0")
        }
        let system = try positiveSemidefiniteEigensystem(tolerance: tolerance, operation: operation)
        let lowest = max(system.values.first ?? 1, Double(floor))
        guard lowest > 0 else {
            throw LinearAlgebraError.notPositiveDefinite(
                operation: operation, detail: "it has the eigenvalue 0 (pass floor > 0 to regularize)")
        }
        return DenseInput.matrix(system.function { 1 / max($0, Double(floor)).squareRoot() })
    }

    /// The eigendecomposition `A = V diag(λ) Vᵀ` of a symmetric positive semidefinite matrix, with
    /// the eigenvalues at the eigensolver's rounding level set to exactly 0.
    ///
    /// Eigenvalues below `−tolerance · max|λ|` make the matrix not PSD. Every eigenvalue
    /// `λ ≤ 4 n ε max|λ|` (ε of `Scalar`), including small negative ones, is at the rounding level
    /// of the input and the eigensolver and becomes 0: an exactly rank-deficient input then has
    /// exact zeros, so `√λ` does not turn rounding noise of 1e-16 (in `Double`) into components of
    /// 1e-8. The functions
    /// ``psdSquareRoot(tolerance:)`` and ``psdInverseSquareRoot(floor:tolerance:)`` use these values.
    /// - Parameter tolerance: as for ``psdSquareRoot(tolerance:)``.
    /// - Returns: `values` ascending and non-negative, `vectors` as in ``symmetricEigen(symmetryTolerance:)``.
    /// - Throws: ``LinearAlgebraError/notPositiveSemidefinite(operation:eigenvalue:tolerance:)`` and the
    ///   errors of ``symmetricEigen(symmetryTolerance:)``.
    /// - Complexity: about 9 n³ flops.
    public func psdEigen(
        tolerance: Scalar = defaultPSDTolerance
    ) throws -> (values: [Scalar], vectors: Matrix<Scalar>) {
        let system = try positiveSemidefiniteEigensystem(tolerance: tolerance, operation: "psdEigen")
        let rows = Matrix<Double>(rows: rows, columns: columns, elements: system.vectorRows)
        return (DenseInput.scalars(system.values), DenseInput.matrix(rows.transposed()))
    }

    /// The eigensystem of a PSD matrix with its rounding-level eigenvalues set to 0 (see ``psdEigen(tolerance:)``).
    func positiveSemidefiniteEigensystem(tolerance: Scalar, operation: String) throws -> SymmetricEigensystem {
        var system = try symmetricEigensystem(tolerance: tolerance, operation: operation)
        let largest = system.values.reduce(0) { max($0, abs($1)) }
        let allowed = Double(tolerance) * largest
        if let lowest = system.values.first, lowest < -allowed {
            throw LinearAlgebraError.notPositiveSemidefinite(
                operation: operation, eigenvalue: lowest, tolerance: allowed)
        }
        let roundingLevel = 4 * Double(system.n) * Double(Scalar.ulpOfOne) * largest
        for i in system.values.indices where system.values[i] <= roundingLevel { system.values[i] = 0 }
        return system
    }
}
