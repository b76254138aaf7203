import OTKernels

/// Exact optimal transport between discrete measures by the network simplex, on a dense cost
/// matrix (the solver behind POT's `ot.emd`, Bonneel, van de Panne, Paris, Heidrich 2011;
/// written anew for SwiftOT).
///
/// The transportation problem `min <C, P>` over couplings of `a` and `b` is a minimum-cost flow
/// on the complete bipartite graph. The solver keeps a strongly feasible spanning-tree basis
/// (started by the north-west corner rule over a greedy order of the targets), prices arcs by
/// block search and pivots until no arc has a reduced cost below `-tolerance · max|C|`.
/// See ``ExactTransport`` for the output.
///
/// Speed (release, `SWIFTOT_NATIVE=1`, one core, random uniform 2-D clouds, squared Euclidean
/// cost, best CPU time of 3 in the same run as POT 0.9.7's `ot.emd`): uniform weights,
/// n = m = 1000: 0.026 s against 0.091 s (3.5x), n = m = 3000: 0.29 s against 0.93 s (3.2x);
/// random weights: 1.5x and 1.3x. Costs agree to 1e-14 relative (the last digits).
///
/// ```swift
/// let result = try NetworkSimplex().solve(a: a, b: b, cost: c)
/// print(result.cost, result.plan.count)
/// ```
///
/// Unequal masses: the problem is balanced, so `Σa` must equal `Σb`. A relative difference up to
/// ``massTolerance`` is treated as rounding (the solver rescales `b` to `Σa`, and
/// ``ExactTransport/marginalError`` reports the residual); a larger one throws.
/// Zero weights are allowed: those points are removed before solving and get potentials after.
public struct NetworkSimplex: Sendable {
    /// The pivot limit; reaching it returns a feasible plan with `converged == false`.
    /// `nil` means `max(100_000, 50 (n + m))`, well above what random problems need.
    public var maxIterations: Int?
    /// Optimality test: an arc enters while its reduced cost is below `-tolerance · max|C|`.
    /// The default, 1e-12, is well above the rounding of potentials built by chains of
    /// subtractions and well below any cost difference that matters.
    public var tolerance: Double
    /// The accepted relative mismatch of `Σa` and `Σb`; see the type's discussion.
    public var massTolerance: Double
    /// Arcs priced per block; `nil` means `max(10, √(n m))`, the rule of Bonneel et al.
    public var blockSize: Int?

    /// A solver with the given options (all defaulted).
    public init(
        maxIterations: Int? = nil, tolerance: Double = 1e-12,
        massTolerance: Double = Validate.defaultMassTolerance, blockSize: Int? = nil
    ) {
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.massTolerance = massTolerance
        self.blockSize = blockSize
    }

    /// Solves exact transport from weights `a` (one per row of `cost`) to weights `b` (one per
    /// column) for the cost matrix `cost`.
    ///
    /// - Throws: ``OTInputError`` if `cost` is empty or has a non-finite entry, if a weight count
    ///   does not match the cost shape, if a weight is negative or non-finite or a vector has zero
    ///   total mass, or if `Σa` and `Σb` differ by more than ``massTolerance`` relatively.
    /// - Complexity: each pivot costs O(n + m) in the worst case plus pricing (a few blocks of
    ///   `√(nm)` arcs); the number of pivots is not polynomially bounded in theory and grows
    ///   roughly like (n + m)^1.5 on random problems. Memory: 5 bytes per arc (a basis flag and
    ///   a Float copy of the cost for pricing) besides the cost, plus a copy of the cost if some
    ///   weights are zero.
    public func solve(a: [Double], b: [Double], cost: Matrix<Double>) throws -> ExactTransport {
        guard cost.rows > 0, cost.columns > 0 else {
            throw OTInputError(
                "cost is empty (\(cost.rows) x \(cost.columns)); expected at least one source and one target")
        }
        try Validate.weights(a, count: cost.rows, name: "a")
        try Validate.weights(b, count: cost.columns, name: "b")
        try Validate.costMatrix(cost, rows: a.count, columns: b.count, name: "cost")
        if let maxIterations { try Validate.positive(Double(maxIterations), name: "maxIterations") }
        try Validate.positive(tolerance, name: "tolerance")
        if let blockSize { try Validate.positive(Double(blockSize), name: "blockSize") }
        let scale = try Validate.balancedMass(a, b, tolerance: massTolerance, names: ("a", "b"))
        let scaledB = scale == 1 ? b : b.map { $0 * scale }

        let rows = a.indices.filter { a[$0] > 0 }, columns = b.indices.filter { b[$0] > 0 }
        let n = rows.count, m = columns.count
        let activeCost: Matrix<Double> =
            n == a.count && m == b.count ? cost : Matrix(rows: n, columns: m) { cost[rows[$0], columns[$1]] }
        let activeA = rows.map { a[$0] }, activeB = columns.map { scaledB[$0] }

        var f = [Double](repeating: 0, count: a.count), g = [Double](repeating: 0, count: b.count)
        var plan: [TransportEntry<Double>] = []
        var iterations = 0, converged = false
        activeCost.withUnsafeBufferPointer { c in
            let tree = TransportSimplexTree(n: n, m: m, cost: c.baseAddress!)
            defer { tree.deallocate() }
            activeA.withUnsafeBufferPointer { a in
                activeB.withUnsafeBufferPointer { b in
                    tree.northWestCorner(a: a, b: b, order: tree.greedyChain())
                }
            }
            let limit = maxIterations ?? Swift.max(100_000, 50 &* (n &+ m))
            let block = Swift.min(n &* m, blockSize ?? Swift.max(10, Int(Double(n &* m).squareRoot())))
            var start = 0
            // Optimality is accepted only on potentials freshly recomputed from the tree.
            var fresh = false
            while true {
                let entering = tree.findEnteringArc(start: &start, blockSize: block, tolerance: tolerance)
                if entering < 0 {
                    if fresh {
                        converged = true
                        break
                    }
                    tree.recomputePotentials()
                    fresh = true
                    continue
                }
                if iterations == limit { break }
                tree.pivot(entering: entering)
                fresh = false
                iterations &+= 1
            }
            if !fresh { tree.recomputePotentials() }
            for u in 1..<(n &+ m) where tree.flow[u] > 0 {
                let p = tree.parent[u]
                let (i, j) = u < n ? (u, p &- n) : (p, u &- n)
                plan.append(TransportEntry(source: rows[i], target: columns[j], mass: tree.flow[u]))
            }
            for i in 0..<n { f[rows[i]] = tree.potential[i] }
            for j in 0..<m { g[columns[j]] = tree.potential[n &+ j] }
        }
        plan.sort { ($0.source, $0.target) < ($1.source, $1.target) }
        Self.completePotentials(f: &f, g: &g, a: a, b: b, cost: cost)
        Self.center(f: &f, g: &g, a: a, b: scaledB)

        var total = 0.0
        var rowSums = [Double](repeating: 0, count: a.count), columnSums = [Double](repeating: 0, count: b.count)
        for entry in plan {
            total += entry.mass * cost[entry.source, entry.target]
            rowSums[entry.source] += entry.mass
            columnSums[entry.target] += entry.mass
        }
        let marginalError = Swift.max(
            zip(rowSums, a).reduce(0) { Swift.max($0, abs($1.0 - $1.1)) },
            zip(columnSums, b).reduce(0) { Swift.max($0, abs($1.0 - $1.1)) })
        return ExactTransport(
            cost: total, plan: plan, f: f, g: g, iterations: iterations, converged: converged,
            marginalError: marginalError, sourceCount: a.count, targetCount: b.count)
    }

    /// Gives zero-weight sources `f_i = min_j (C_ij − g_j)` over the targets of positive weight,
    /// then zero-weight targets `g_j = min_i (C_ij − f_i)` over all sources: the largest values
    /// that keep `f_i + g_j ≤ C_ij`, so the duals stay feasible and optimal.
    private static func completePotentials(
        f: inout [Double], g: inout [Double], a: [Double], b: [Double], cost: Matrix<Double>
    ) {
        let positiveTargets = b.indices.filter { b[$0] > 0 }
        for i in a.indices where a[i] == 0 {
            f[i] = positiveTargets.map { cost[i, $0] - g[$0] }.min()!
        }
        for j in b.indices where b[j] == 0 {
            g[j] = a.indices.map { cost[$0, j] - f[$0] }.min()!
        }
    }

    /// Shifts `f + c, g − c` so that `Σ a_i f_i = Σ b_j g_j`.
    private static func center(f: inout [Double], g: inout [Double], a: [Double], b: [Double]) {
        let fa = zip(f, a).reduce(0) { $0 + $1.0 * $1.1 }, gb = zip(g, b).reduce(0) { $0 + $1.0 * $1.1 }
        let c = (gb - fa) / (a.reduce(0, +) + b.reduce(0, +))
        for i in f.indices { f[i] += c }
        for j in g.indices { g[j] -= c }
    }
}
