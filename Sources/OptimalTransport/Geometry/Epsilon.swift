import OTKernels

/// The entropic regularization strength ε of `OT_ε = min_P ⟨C, P⟩ + ε KL(P | a bᵀ)`.
///
/// Say which one you mean: `.absolute(0.05)` is ε = 0.05 in cost units; `.relative(0.05)` is
/// ε = 0.05 × the mean of the cost matrix (unweighted mean over all `n × m` pairs, as OTT-JAX's
/// `relative_epsilon="mean"`). Outputs always report the absolute value used.
public enum Epsilon<S: OTScalar>: Sendable, Equatable {
    /// ε itself.
    case absolute(S)
    /// ε = r × mean cost.
    case relative(S)

    /// The absolute ε for a geometry whose mean cost is `meanCost`.
    /// - Throws: ``OTInputError`` unless the result is finite and > 0.
    public func resolved(meanCost: S) throws -> S {
        switch self {
        case .absolute(let e):
            try Validate.positive(e, name: "epsilon")
            return e
        case .relative(let r):
            try Validate.positive(r, name: "relative epsilon")
            let e = r * meanCost
            guard e.isFinite, e > 0 else {
                throw OTInputError("relative epsilon \(r) x mean cost \(meanCost) = \(e); expected a finite value > 0 (is every cost 0?)")
            }
            return e
        }
    }
}

/// ε-scaling (annealing): iteration `t` uses `ε_t = max(ε, ε₀ · decay^t)`, starting from the cost
/// scale and shrinking geometrically to the target ε; convergence is only checked once `ε_t = ε`.
/// Large ε are solved in a few iterations, and their potentials warm-start the smaller ones.
public struct EpsilonScaling<S: OTScalar>: Sendable, Equatable {
    /// ε₀; `nil` uses the largest cost of the geometry (the squared diameter for `‖x − y‖²`).
    public var start: S?
    /// The factor in (0, 1) applied to ε at each iteration.
    public var decay: S

    /// A schedule from `start` (default: the largest cost) down by `decay` per iteration.
    public init(start: S? = nil, decay: S = 0.5) {
        self.start = start
        self.decay = decay
    }

    /// The ε of iteration `t` (0-based) for the target `epsilon` and the starting value `start`.
    /// - Complexity: O(1).
    @inlinable
    public func epsilon(at t: Int, target: S, start: S) -> S {
        Swift.max(target, start * S.pow(decay, S(t)))
    }
}
