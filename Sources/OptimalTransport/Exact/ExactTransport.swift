import OTKernels

/// The result of an exact (unregularized) optimal transport solve: the optimal cost, a sparse
/// optimal plan and optimal dual potentials.
///
/// For weights `a` (n) and `b` (m) and cost `C` it solves
/// ```
/// min_P  Σ_ij C_ij P_ij   subject to  P ≥ 0,  P 1 = a,  Pᵀ 1 = b
/// max_{f,g}  Σ_i a_i f_i + Σ_j b_j g_j   subject to  f_i + g_j ≤ C_ij
/// ```
/// At the optimum both values agree, `f_i + g_j = C_ij` wherever `P_ij > 0` (complementary
/// slackness), and the plan is a vertex with at most `n + m − 1` non-zero entries.
public struct ExactTransport: Sendable {
    /// The transport cost `Σ_ij C_ij P_ij` of ``plan``.
    public let cost: Double
    /// The non-zero entries of the plan (at most `n + m − 1`), ordered by source then target.
    public let plan: [TransportEntry<Double>]
    /// Source potentials `f` (n), dual to the row constraints.
    ///
    /// Potentials are defined up to `f + c, g − c`; SwiftOT fixes that gauge so that
    /// `Σ a_i f_i = Σ b_j g_j` (as POT's `center_dual`). A source of zero weight gets the largest
    /// feasible value `f_i = min_j (C_ij − g_j)`, a target of zero weight likewise.
    public let f: [Double]
    /// Target potentials `g` (m), dual to the column constraints; see ``f`` for the gauge.
    public let g: [Double]
    /// Number of simplex pivots performed.
    public let iterations: Int
    /// Whether the solver proved optimality (no arc with reduced cost below the tolerance) before
    /// reaching its iteration limit. When `false`, ``plan`` is feasible but possibly not optimal
    /// and the potentials may violate `f_i + g_j ≤ C_ij`.
    public let converged: Bool
    /// The largest absolute difference between the plan's row and column sums and the given
    /// weights `a` and `b` (rounding, plus the mass mismatch when `b` was rescaled to `Σa`).
    public let marginalError: Double
    /// Number of source points (rows of the plan).
    public let sourceCount: Int
    /// Number of target points (columns of the plan).
    public let targetCount: Int

    /// The plan as a dense `n x m` matrix.
    /// - Complexity: O(n m).
    public func densePlan() -> Matrix<Double> { plan.densePlan(rows: sourceCount, columns: targetCount) }
}
