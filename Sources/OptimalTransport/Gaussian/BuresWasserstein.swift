import OTKernels

/// Optimal transport between centered Gaussians: the Bures-Wasserstein geometry of positive
/// semidefinite matrices.
///
/// ```
/// BW²(A, B) = tr A + tr B − 2 tr (A^{1/2} B A^{1/2})^{1/2}
/// ```
///
/// is the squared 2-Wasserstein distance between `N(0, A)` and `N(0, B)`. Every function computes
/// in `Double` whatever the scalar type, and validates its matrices (square, finite, symmetric
/// within `√ε · max|A_ij|`, no eigenvalue below `−√ε · max|λ|`), throwing ``OTInputError`` that
/// names the argument.
public enum BuresWasserstein {
    /// The squared Bures-Wasserstein distance `BW²(A, B)`.
    ///
    /// Computed as `tr A + tr B − 2 ‖X_Aᵀ X_B‖_*` with the factors `X = V diag(√λ)` (`X Xᵀ = A`) and
    /// the nuclear norm from a Jacobi SVD: the fidelity `tr (A^{1/2} B A^{1/2})^{1/2}` equals
    /// `‖X_Aᵀ X_B‖_*` for any factors, and this form needs no inverse, so it is exact for
    /// rank-deficient `A` or `B` (eigenvalues at the rounding level are zeroed, see the type's
    /// documentation). Rounding can leave a result of about `−d ε (tr A + tr B)` for equal
    /// inputs; it is clamped at 0.
    /// - Throws: ``OTInputError`` for a matrix that is not a covariance matrix or a dimension mismatch;
    ///   `LinearAlgebraError.didNotConverge` should the SVD fail to converge (not observed).
    /// - Complexity: two symmetric eigendecompositions, one GEMM and one SVD of `d x d` matrices: O(d³).
    public static func squaredDistance<S: OTScalar>(_ a: Matrix<S>, _ b: Matrix<S>) throws -> S {
        let (sa, sb) = try spectra(a, b)
        return S(try squaredDistance(sa, sb))
    }

    /// The Bures-Wasserstein distance `BW(A, B) = √BW²(A, B)`.
    /// - Throws: as ``squaredDistance(_:_:)``.
    /// - Complexity: as ``squaredDistance(_:_:)``.
    public static func distance<S: OTScalar>(_ a: Matrix<S>, _ b: Matrix<S>) throws -> S {
        try squaredDistance(a, b).squareRoot()
    }

    /// Validated spectra of `a` and `b` (named "a" and "b") of the same dimension.
    static func spectra<S: OTScalar>(_ a: Matrix<S>, _ b: Matrix<S>) throws -> (PSDSpectrum, PSDSpectrum) {
        let sa = try PSDSpectrum(a, name: "a"), sb = try PSDSpectrum(b, name: "b")
        guard sa.dimension == sb.dimension else {
            throw OTInputError("a is \(sa.dimension) x \(sa.dimension) but b is \(sb.dimension) x \(sb.dimension)")
        }
        return (sa, sb)
    }

    /// `BW²` from validated spectra, in `Double`.
    static func squaredDistance(_ a: PSDSpectrum, _ b: PSDSpectrum) throws -> Double {
        let fidelity = try matmul(a.factor, b.factor, transposeA: true).nuclearNorm()
        return max(0, a.trace + b.trace - 2 * fidelity)
    }
}
