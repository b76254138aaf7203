import OTKernels
import OptimalTransport
import RealModule

/// What is logged about a deep linear network during training, measured on its product `W`
/// (`d x d0`, singular values `s_1 ≥ s_2 ≥ …`, left singular vectors `u_i`) against the optimum `S*`.
public struct DeepLinearDiagnostics: Sendable, Codable, Equatable {
    /// The relative level below which a singular value of `W` does not count in the rank: the
    /// product of layers through a bottleneck leaves its exact zeros near `1e-16 s_1`.
    public static let rankTolerance = 1e-10

    /// The eigenvalues of `W Wᵀ`, `s_i²`, descending.
    public let spectrum: [Double]
    /// The numerical rank of `W`: singular values above `rankTolerance · s_1`.
    public let rank: Int
    /// The effective rank `exp(−Σ p_i ln p_i)`, `p_i = s_i / Σ_j s_j`.
    public let effectiveRank: Double
    /// The gaps `s_i² − λ_i(S*)` for `i ≤ k` (`λ_i(S*) = l_i − τ`).
    public let eigenvalueGaps: [Double]
    /// `|⟨u_i, q_i⟩|` for `i ≤ k`: near 1 when `W` aligns with the target's top eigenvectors.
    public let cosines: [Double]
    /// `BW(W Wᵀ, S*)`.
    public let buresDistanceToOptimum: Double
    /// `‖W Wᵀ − S*‖_F`.
    public let euclideanDistanceToOptimum: Double

    /// The diagnostics of `w` against `optimum` and the target's eigenvectors `target.eigenvectors`.
    /// - Throws: ``OTInputError`` if `w` is not `d x d0` or not finite.
    /// - Complexity: one SVD of `w`, one Bures-Wasserstein distance: O(d³).
    public init(product w: Matrix<Double>, target: BuresLinearTarget, optimum: BuresLinearOptimum) throws {
        try Validate.points(w, name: "W")
        guard w.rows == target.dimension else {
            throw OTInputError("W has \(w.rows) rows; expected \(target.dimension)")
        }
        let (u, s, _) = try w.singularValueDecomposition()
        let d = w.rows, k = optimum.rank
        let spectrum = (0..<d).map { $0 < s.count ? s[$0] * s[$0] : 0 }
        self.spectrum = spectrum
        let top = s.first ?? 0
        rank = s.filter { $0 > DeepLinearDiagnostics.rankTolerance * top }.count
        let total = s.reduce(0, +)
        effectiveRank = total > 0
            ? Double.exp(-s.reduce(0) { $1 > 0 ? $0 + $1 / total * Double.log($1 / total) : $0 }) : 0
        eigenvalueGaps = (0..<k).map { spectrum[$0] - optimum.eigenvalues[$0] }
        cosines = (0..<min(k, u.columns)).map { i in
            abs((0..<d).reduce(0) { $0 + u[$1, i] * target.eigenvectors[$1, i] })
        }
        let covariance = matmul(w, w, transposeB: true)
        buresDistanceToOptimum = try BuresWasserstein.distance(covariance, optimum.covariance)
        var difference = covariance
        for i in 0..<d {
            for j in 0..<d { difference[i, j] -= optimum.covariance[i, j] }
        }
        euclideanDistanceToOptimum = difference.frobeniusNorm
    }
}
