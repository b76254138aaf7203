import OTKernels

/// A linear (Kantorovich) transport problem: a geometry, source weights `a`, target weights `b`,
/// and optionally KL-relaxed marginals.
///
/// Unbalanced convention (POT's `reg_m`, Chizat et al. 2018): with `tauA`/`tauB` set, the
/// entropic problem is
/// ```
/// min_{P ≥ 0} ⟨C, P⟩ + ε KL(P | a bᵀ) + τ_A KL(P 1 | a) + τ_B KL(Pᵀ 1 | b)
/// ```
/// with the generalized `KL(p | q) = Σ p log(p/q) − p + q`. `τ → ∞` is the balanced (hard)
/// constraint; `nil` means exactly that. In OTT-JAX's notation, its `tau_a` is `τ_A / (τ_A + ε)`.
public struct LinearProblem<S: OTScalar>: Sendable {
    /// The geometry (points and cost).
    public let geometry: PointCloud<S>
    /// Source weights, one per source point.
    public let a: [S]
    /// Target weights, one per target point.
    public let b: [S]
    /// KL penalty on the source marginal; `nil` = hard constraint `P 1 = a`.
    public let tauA: S?
    /// KL penalty on the target marginal; `nil` = hard constraint `Pᵀ 1 = b`.
    public let tauB: S?

    /// A problem on `geometry` with weights `a` and `b` (uniform `1/n`, `1/m` when omitted).
    /// - Throws: ``OTInputError`` for a weight count that differs from the point count, a
    ///   negative or non-finite weight, a zero total mass, a `tau` that is not finite and > 0, or
    ///   a balanced problem whose masses differ (relative difference above √ulp, ~3e-4 for Float).
    public init(_ geometry: PointCloud<S>, a: [S]? = nil, b: [S]? = nil, tauA: S? = nil, tauB: S? = nil) throws {
        let a = a ?? [S](repeating: 1 / S(geometry.sourceCount), count: geometry.sourceCount)
        let b = b ?? [S](repeating: 1 / S(geometry.targetCount), count: geometry.targetCount)
        try Validate.weights(a, count: geometry.sourceCount, name: "source weights")
        try Validate.weights(b, count: geometry.targetCount, name: "target weights")
        if let tauA { try Validate.positive(tauA, name: "tauA") }
        if let tauB { try Validate.positive(tauB, name: "tauB") }
        if tauA == nil && tauB == nil {
            let ma = a.reduce(0, +), mb = b.reduce(0, +)
            guard abs(ma - mb) <= S.ulpOfOne.squareRoot() * Swift.max(ma, mb) else {
                throw OTInputError("source weights sum to \(ma) but target weights to \(mb); a balanced problem needs equal masses (normalize them, or set tauA/tauB)")
            }
        }
        self.geometry = geometry
        self.a = a
        self.b = b
        self.tauA = tauA
        self.tauB = tauB
    }

    /// Whether both marginals are hard constraints.
    public var isBalanced: Bool { tauA == nil && tauB == nil }

    /// `τ/(τ + ε)`: the factor of an unbalanced potential update (1 for a hard constraint).
    @inlinable
    func damping(_ tau: S?, epsilon: S) -> S { tau.map { $0 / ($0 + epsilon) } ?? 1 }
}
