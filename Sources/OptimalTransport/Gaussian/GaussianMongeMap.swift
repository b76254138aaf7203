import OTKernels

/// The optimal transport map between two Gaussians, `x ↦ m₂ + T (x − m₁)`, from
/// ``Gaussian/mongeMap(to:)``.
public struct GaussianMongeMap<Scalar: OTScalar>: Sendable {
    /// The source mean `m₁`.
    public let sourceMean: [Scalar]
    /// The target mean `m₂`.
    public let targetMean: [Scalar]
    /// The symmetric positive semidefinite `T` (`d x d`).
    public let linear: Matrix<Scalar>

    /// The images of `points` (one point per row): row `x` maps to `m₂ + T (x − m₁)`.
    /// - Throws: ``OTInputError`` when `points` does not have `d` columns or has a non-finite value.
    /// - Complexity: O(n d²) for `n` points (one GEMM).
    public func apply(to points: Matrix<Scalar>) throws -> Matrix<Scalar> {
        try Validate.points(points, name: "points")
        guard points.columns == sourceMean.count else {
            throw OTInputError("points have dimension \(points.columns); expected \(sourceMean.count)")
        }
        var centered = points
        for i in 0..<points.rows {
            for j in 0..<points.columns { centered[i, j] -= sourceMean[j] }
        }
        // Rows: (x − m₁)ᵀ Tᵀ = (x − m₁)ᵀ T, as T is symmetric.
        var images = matmul(centered, linear)
        for i in 0..<images.rows {
            for j in 0..<images.columns { images[i, j] += targetMean[j] }
        }
        return images
    }
}
