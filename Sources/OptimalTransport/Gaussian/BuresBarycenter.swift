import OTKernels

/// The result of ``BuresWasserstein/barycenter(of:weights:tolerance:maximumIterations:)``: the
/// Bures-Wasserstein barycenter of covariance matrices and how the fixed-point iteration ended.
public struct BuresBarycenter<Scalar: OTScalar>: Sendable {
    /// The barycenter `S` (exactly symmetric, positive definite).
    public let covariance: Matrix<Scalar>
    /// Fixed-point iterations performed.
    public let iterations: Int
    /// Whether the last step's relative change `‖S_{k+1} − S_k‖_F / ‖S_k‖_F` fell to the tolerance.
    public let converged: Bool
    /// The relative change of the last step.
    public let relativeChange: Double
}

extension BuresWasserstein {
    /// The Bures-Wasserstein barycenter `argmin_S Σ_i w_i BW²(S, Σ_i)` of covariance matrices, the
    /// covariance of the Wasserstein barycenter of the Gaussians `N(m_i, Σ_i)`.
    ///
    /// The fixed-point iteration of Álvarez-Esteban, del Barrio, Cuesta-Albertos and Matrán (2016),
    ///
    /// ```
    /// S ← S^{-1/2} (Σ_i w_i (S^{1/2} Σ_i S^{1/2})^{1/2})² S^{-1/2},
    /// ```
    ///
    /// started from the weighted mean `Σ_i w_i Σ_i` (weights normalized to sum to 1), converges to the
    /// unique barycenter when one `Σ_i` is positive definite. For commuting inputs it reaches the
    /// closed form `(Σ_i w_i Σ_i^{1/2})²` in one step.
    /// - Parameters:
    ///   - covariances: the `Σ_i`, all `d x d`, at least one.
    ///   - weights: non-negative with a positive sum, one per matrix.
    ///   - tolerance: stop when the relative change in Frobenius norm is at most this (default 1e-12;
    ///     the change stalls near `d ε` in `Double`).
    ///   - maximumIterations: the most fixed-point steps.
    /// - Returns: the barycenter and the iteration report; a run that hits `maximumIterations`
    ///   returns its last iterate with `converged == false`.
    /// - Throws: ``OTInputError`` for invalid matrices or weights, mismatched dimensions, a
    ///   non-positive tolerance or iteration count, or an iterate that became singular (all `Σ_i`
    ///   singular).
    /// - Complexity: per step, `n + 1` symmetric eigendecompositions and about `3 n + 4` GEMMs of
    ///   `d x d` matrices: O(n d³).
    public static func barycenter<S: OTScalar>(
        of covariances: [Matrix<S>], weights: [S], tolerance: Double = 1e-12, maximumIterations: Int = 1000
    ) throws -> BuresBarycenter<S> {
        guard !covariances.isEmpty else { throw OTInputError("covariances is empty; expected at least one matrix") }
        try Validate.weights(weights, count: covariances.count, name: "weights")
        try Validate.positive(tolerance, name: "tolerance")
        guard maximumIterations > 0 else {
            throw OTInputError("maximumIterations = \(maximumIterations); expected a positive count")
        }
        let spectra = try covariances.enumerated().map { try PSDSpectrum($1, name: "covariances[\($0)]") }
        let d = spectra[0].dimension
        if let bad = spectra.firstIndex(where: { $0.dimension != d }) {
            let size = spectra[bad].dimension
            throw OTInputError("covariances[\(bad)] is \(size) x \(size) but covariances[0] is \(d) x \(d)")
        }
        let total = weights.reduce(0.0) { $0 + Double($1) }
        let w = weights.map { Double($0) / total }
        let matrices = spectra.map { $0.function { $0 } }
        var s = Matrix<Double>(rows: d, columns: d)
        for (wi, m) in zip(w, matrices) {
            for i in 0..<d { for j in 0..<d { s[i, j] += wi * m[i, j] } }
        }
        var iterations = 0, change = Double.infinity
        while iterations < maximumIterations && change > tolerance {
            let current = try PSDSpectrum(s, name: "the barycenter iterate")
            let root = current.squareRoot
            let inverseRoot = try current.inverseSquareRoot(
                name: "the barycenter iterate (at least one covariance must be positive definite)")
            var mean = Matrix<Double>(rows: d, columns: d)
            for (wi, m) in zip(w, matrices) where wi > 0 {
                let term = try PSDSpectrum.symmetrized(matmul(matmul(root, m), root)).psdSquareRoot()
                for i in 0..<d { for j in 0..<d { mean[i, j] += wi * term[i, j] } }
            }
            let half = matmul(inverseRoot, mean)
            let next = PSDSpectrum.symmetrized(matmul(half, half, transposeB: true))
            var difference = next
            for i in 0..<d { for j in 0..<d { difference[i, j] -= s[i, j] } }
            change = difference.frobeniusNorm / max(s.frobeniusNorm, Double.leastNormalMagnitude)
            s = next
            iterations += 1
        }
        return BuresBarycenter(
            covariance: s.converted(to: S.self), iterations: iterations, converged: change <= tolerance,
            relativeChange: change)
    }
}
