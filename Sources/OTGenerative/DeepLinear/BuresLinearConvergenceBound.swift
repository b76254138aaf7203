import RealModule

/// The gradient-flow convergence guarantee for a depth-`N` linear network trained with `L_τ`,
/// `τ > 0`, from an initialization with a positive margin:
///
/// ```
/// c = √l_k − √L(0) > 0,   C0 = 2 (L(0) + Σ_i l_i),   K = √(τ l_min) / (2 C0²),
/// L(t) ≤ L(0) exp(−r t),   r = 8 N c^{2(2N−1)/N} K,
/// ```
///
/// with `t` = iterations × step size. For `τ = 0`, `K = 0`: the theory gives no rate.
public struct BuresLinearConvergenceBound: Sendable, Codable, Equatable {
    /// The loss at initialization `L(0)`.
    public let initialLoss: Double
    /// The margin `c = √l_k − √L(0)` (the bound needs `c > 0`).
    public let margin: Double
    /// `C0 = 2 (L(0) + tr S0)`.
    public let c0: Double
    /// `K = √(τ l_min) / (2 C0²)`.
    public let k: Double
    /// The predicted rate `r` of `L(t) ≤ L(0) e^{−r t}`, natural log per unit time; 0 when `c ≤ 0` or `τ = 0`.
    public let rate: Double

    /// The bound for depth `depth`, `τ = tau`, target eigenvalues `eigenvalues` (descending),
    /// rank bound `rank` and initial loss `initialLoss`.
    /// - Complexity: O(d).
    public init(depth: Int, tau: Double, eigenvalues: [Double], rank: Int, initialLoss: Double) {
        self.initialLoss = initialLoss
        margin = eigenvalues[rank - 1].squareRoot() - max(0, initialLoss).squareRoot()
        c0 = 2 * (initialLoss + eigenvalues.reduce(0, +))
        k = (tau * eigenvalues.last!).squareRoot() / (2 * c0 * c0)
        let n = Double(depth)
        rate = margin > 0 ? 8 * n * Double.pow(margin, 2 * (2 * n - 1) / n) * k : 0
    }

    /// `L(0) e^{−r t}`.
    public func bound(atTime t: Double) -> Double { initialLoss * Double.exp(-rate * t) }
}
