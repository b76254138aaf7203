import OTKernels

extension BuresWasserstein {
    /// The linear optimal transport map from `N(0, A)` to `N(0, B)`,
    ///
    /// ```
    /// T = A^{-1/2} (A^{1/2} B A^{1/2})^{1/2} A^{-1/2},
    /// ```
    ///
    /// the unique symmetric positive semidefinite `T` with `T A T = B`; `x ↦ T x` pushes `N(0, A)`
    /// forward to `N(0, B)` at the smallest expected squared displacement, `BW²(A, B)`.
    /// - Parameters:
    ///   - a: the source covariance, positive definite (the map is not unique otherwise).
    ///   - b: the target covariance, positive semidefinite.
    /// - Returns: `T`, exactly symmetric.
    /// - Throws: ``OTInputError`` for invalid matrices, a dimension mismatch or a singular `a`.
    /// - Complexity: three symmetric eigendecompositions and four GEMMs of `d x d` matrices: O(d³).
    public static func mongeMap<S: OTScalar>(from a: Matrix<S>, to b: Matrix<S>) throws -> Matrix<S> {
        let (sa, sb) = try spectra(a, b)
        return try transportMatrix(sa, b: sb).converted(to: S.self)
    }

    /// `T` from validated spectra, in `Double`.
    static func transportMatrix(_ a: PSDSpectrum, b: PSDSpectrum) throws -> Matrix<Double> {
        let root = a.squareRoot, inverseRoot = try a.inverseSquareRoot(name: "a")
        let bMatrix = b.function { $0 }
        let middle = PSDSpectrum.symmetrized(matmul(matmul(root, bMatrix), root))
        // `middle` is PSD in exact arithmetic; psdSquareRoot clamps its rounding-level negative
        // eigenvalues and rejects nothing a valid B can produce.
        let middleRoot = try middle.psdSquareRoot()
        return PSDSpectrum.symmetrized(matmul(matmul(inverseRoot, middleRoot), inverseRoot))
    }
}
