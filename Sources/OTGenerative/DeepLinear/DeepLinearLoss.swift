/// The loss a deep linear generator `W` (`d x d0`) is trained with, against a target covariance `S0`.
public enum DeepLinearLoss: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The Bures-Wasserstein loss, exact for rank-deficient `W Wᵀ` when `tau = 0` and smooth for `tau > 0`:
    ///
    /// ```
    /// L_τ(W) = BW²(W Wᵀ + τ I, S0) = ‖W‖_F² + τ d + tr S0 − 2 tr (R0 W Wᵀ R0 + τ S0)^{1/2},
    /// L_0(W) = ‖W‖_F² + tr S0 − 2 ‖R0 W‖_*.
    /// ```
    case buresWasserstein(tau: Double)
    /// The Frobenius baseline `‖W Wᵀ − S0‖_F²`.
    case frobenius

    /// `tau` of the Bures-Wasserstein loss, 0 for the Frobenius loss.
    public var tau: Double {
        if case .buresWasserstein(let tau) = self { return tau }
        return 0
    }

    /// `bw(tau=…)` or `frobenius`.
    public var description: String {
        switch self {
        case .buresWasserstein(let tau): return "bw(tau=\(tau))"
        case .frobenius: return "frobenius"
        }
    }
}
