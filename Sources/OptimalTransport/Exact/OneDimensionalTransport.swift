import OTKernels

/// Exact optimal transport on the real line for the cost `|x − y|^p`, `p ≥ 1`, by sorting.
///
/// For `μ = Σ a_i δ_{x_i}` and `ν = Σ b_j δ_{y_j}` of equal mass `M`,
/// ```
/// W_p^p(μ, ν) = ∫_0^M |F_μ⁻¹(t) − F_ν⁻¹(t)|^p dt = Σ_k P_k |x_{i_k} − y_{j_k}|^p
/// ```
/// where `F⁻¹` are the quantile functions and `P` is the monotone coupling (merge of the sorted
/// points), optimal for every `p ≥ 1`. For uniform measures of equal size `n` this is
/// `(1/n) Σ |x_(i) − y_(i)|^p` over the sorted points.
///
/// The gradient with respect to the positions is that of the cost at the fixed plan (the plan is
/// locally constant while no two points of a measure swap order):
/// `∂W/∂x_i = Σ_j P_ij p |x_i − y_j|^(p−1) sign(x_i − y_j)`, and `∂W/∂y_j` with the opposite sign.
/// At ties (equal points in one measure) it is one element of the subdifferential.
public struct OneDimensionalTransport<Scalar: OTScalar>: Sendable {
    /// `W_p^p`, the optimal transport cost (not its p-th root).
    public let cost: Scalar
    /// The monotone optimal plan (at most `n + m − 1` entries of positive mass), in increasing
    /// order of the source and target positions.
    public let plan: [TransportEntry<Scalar>]
    /// `∂ cost / ∂ x_i` for every source point.
    public let sourceGradient: [Scalar]
    /// `∂ cost / ∂ y_j` for every target point.
    public let targetGradient: [Scalar]

    /// Solves 1-D exact transport from points `x` with weights `a` to points `y` with weights `b`
    /// for the cost `|x − y|^p`.
    ///
    /// - Parameters:
    ///   - x: the source points (n).
    ///   - y: the target points (m).
    ///   - a: source weights; `nil` means uniform `1/n`.
    ///   - b: target weights; `nil` means uniform `1/m`. Total masses must agree up to
    ///     `massTolerance` (relative); `b` is then rescaled to `Σa`, as ``NetworkSimplex`` does.
    ///   - p: the order, `p ≥ 1`.
    /// - Throws: ``OTInputError`` for empty or non-finite points, weight counts that do not match,
    ///   negative or non-finite weights, zero total mass, unequal masses, or `p < 1`.
    /// - Complexity: O(n + m) time and memory (two radix sorts of 64-bit keys, one merge).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func solve(
        source x: [Scalar], target y: [Scalar], sourceWeights a: [Scalar]? = nil, targetWeights b: [Scalar]? = nil,
        p: Scalar = 2, massTolerance: Double = Validate.defaultMassTolerance
    ) throws -> OneDimensionalTransport {
        try Validate.finiteValues(x, name: "source")
        try Validate.finiteValues(y, name: "target")
        try Validate.wassersteinOrder(p, name: "p")
        let (a, b) = try balancedWeights(a, b, sourceCount: x.count, targetCount: y.count, massTolerance: massTolerance)

        var plan: [TransportEntry<Scalar>] = []
        var total = 0.0
        var sourceGradient = [Scalar](repeating: 0, count: x.count)
        var targetGradient = [Scalar](repeating: 0, count: y.count)
        var sourceOrder = [Int](repeating: 0, count: x.count), targetOrder = [Int](repeating: 0, count: y.count)
        var sorter = SortingPermutation()
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                sourceOrder.withUnsafeMutableBufferPointer { sorter.sort(x, into: $0) }
                targetOrder.withUnsafeMutableBufferPointer { sorter.sort(y, into: $0) }
                sourceOrder.withUnsafeBufferPointer { sourceOrder in
                    targetOrder.withUnsafeBufferPointer { targetOrder in
                        a.withUnsafeBufferPointer { a in
                            b.withUnsafeBufferPointer { b in
                                MonotoneCoupling.forEachPair(
                                    sourceOrder: sourceOrder, targetOrder: targetOrder,
                                    sourceWeights: a, targetWeights: b
                                ) { i, j, mass in
                                    let (cost, slope) = MonotoneCoupling.costAndSlope(x[i] - y[j], p: p)
                                    plan.append(TransportEntry(source: i, target: j, mass: mass))
                                    total += Double(mass) * Double(cost)
                                    sourceGradient[i] += mass * slope
                                    targetGradient[j] -= mass * slope
                                }
                            }
                        }
                    }
                }
            }
        }
        return OneDimensionalTransport(
            cost: Scalar(total), plan: plan, sourceGradient: sourceGradient, targetGradient: targetGradient)
    }

    /// Validated weights for `n` sources and `m` targets (uniform when `nil`), `b` rescaled to `Σa`.
    static func balancedWeights(
        _ a: [Scalar]?, _ b: [Scalar]?, sourceCount n: Int, targetCount m: Int, massTolerance: Double
    ) throws -> ([Scalar], [Scalar]) {
        let a = a ?? [Scalar](repeating: 1 / Scalar(n), count: n)
        let b = b ?? [Scalar](repeating: 1 / Scalar(m), count: m)
        try Validate.weights(a, count: n, name: "source weights")
        try Validate.weights(b, count: m, name: "target weights")
        let scale = try Validate.balancedMass(
            a, b, tolerance: massTolerance, names: ("source weights", "target weights"))
        return (a, scale == 1 ? b : b.map { $0 * scale })
    }
}
