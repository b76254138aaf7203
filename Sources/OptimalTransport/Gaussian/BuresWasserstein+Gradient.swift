import OTKernels

extension BuresWasserstein {
    /// `BW²(A, B)` and its gradient with respect to `A`,
    ///
    /// ```
    /// ∇_A BW²(A, B) = I − T,   T = A^{-1/2} (A^{1/2} B A^{1/2})^{1/2} A^{-1/2}
    /// ```
    ///
    /// (`T` is ``mongeMap(from:to:)``), for a positive definite `A`. The gradient is symmetric: it is
    /// the gradient over symmetric matrices, `d BW² = ⟨I − T, dA⟩` for symmetric `dA`.
    ///
    /// The formula holds for any spectrum of `A`: it needs no divided differences
    /// `(f(λ_i) − f(λ_j)) / (λ_i − λ_j)`, so repeated or clustered eigenvalues of `A` (e.g. `A = I`)
    /// cost no accuracy, unlike differentiating through an eigendecomposition.
    /// - Throws: ``OTInputError`` for invalid matrices, a dimension mismatch, or a singular `a` (where
    ///   the gradient is unbounded).
    /// - Complexity: O(d³): the work of ``mongeMap(from:to:)`` plus one SVD.
    public static func squaredDistanceWithGradient<S: OTScalar>(
        _ a: Matrix<S>, _ b: Matrix<S>
    ) throws -> (value: S, gradient: Matrix<S>) {
        let (sa, sb) = try spectra(a, b)
        let t = try transportMatrix(sa, b: sb)
        var gradient = t
        for i in 0..<t.rows {
            for j in 0..<t.columns { gradient[i, j] = (i == j ? 1 : 0) - t[i, j] }
        }
        return (S(try squaredDistance(sa, sb)), gradient.converted(to: S.self))
    }
}
