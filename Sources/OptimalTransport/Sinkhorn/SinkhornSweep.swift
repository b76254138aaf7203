import OTKernels

/// One full log-domain Sinkhorn iteration (the `f` update, then the `g` update against the new
/// `f`) in a single pass over the rows of `C`, with one exponential per entry.
///
/// With the previous potentials as shifts, row `i` needs
/// ```
/// E_ij = b_j exp((f_i + g_j − C_ij)/ε),   S_i = Σ_j E_ij,   f̃_i = f_i − ε log S_i,   f_i' = κ_A f̃_i
/// ```
/// (`f̃_i = −ε LSE_j(g_j/ε + log b_j − C_ij/ε)`, the update of ``PotentialUpdate``), and the
/// updated row's share of every column is the same entry rescaled:
/// ```
/// a_i b_j exp((f_i' + g_j − C_ij)/ε) = r_i E_ij,   r_i = a_i exp((f_i' − f_i)/ε)
/// b_j T_j = Σ_i r_i E_ij,   g̃_j = g_j − ε log T_j,   g_j' = κ_B g̃_j
/// ```
/// So each row of `C` is read once, while it is in cache, and no transposed copy is needed; the
/// two-update scheme streams `C` and `Cᵀ` and takes two maxima and two exponentials per entry.
///
/// The shifts replace the maximum pass as long as the sums stay moderate. A row whose `S_i`
/// (or `r_i / a_i`) leaves `[2⁻⁴⁰, 2⁴⁰]` is redone exactly (two-pass log-sum-exp, direct
/// exponentials for its column terms), and a column whose `T_j` leaves that range (or has
/// `b_j = 0`) is recomputed exactly from its column of `C`. Inside the range no term overflows and
/// the terms flushed to zero change a sum by less than 2⁻⁴⁶ relative (see
/// `LogSumExp.shiftedExponentials`), so the result is the two-update iteration up to rounding.
/// Near convergence `S_i` and `T_j` are close to 1; fallbacks happen in the first iterations
/// of badly scaled problems.
///
/// The row blocks, and the order in which their column sums are added, depend only on `n`, `m`,
/// the thread count and the parity of the sweep (odd sweeps visit the rows backward, to reuse
/// the cached end of `C`): results do not depend on timing.
@usableFromInline
struct SinkhornSweep<S: OTScalar> {
    @usableFromInline let geometry: PointCloud<S>
    @usableFromInline let a: [S], b: [S], logA: [S], logB: [S]
    /// Row blocks: each has its own column accumulator and scratch rows.
    @usableFromInline let blocks: Int
    /// `h_j = g_j/ε + log b_j` (the row offsets) and `ρ_i = f_i'/ε + log a_i` (the offsets of an
    /// exact column).
    @usableFromInline var h: [S], rho: [S]
    /// Per block: column sums (`m`), exponentials of the current row (`m`), cost row (`m`, when recomputed).
    @usableFromInline var sums: [S], terms: [S], costs: [S]
    /// Sweeps done so far (odd sweeps run backward).
    @usableFromInline var sweeps = 0
    /// Per row / column residual terms of a checked iteration.
    @usableFromInline var rowResiduals: [Double], columnResiduals: [Double]

    /// The largest accepted `|log₂|` of a shifted sum (see the type's discussion).
    @usableFromInline static var rangeExponent: S { 40 }

    @inlinable
    init(_ problem: LinearProblem<S>) {
        geometry = problem.geometry
        a = problem.a
        b = problem.b
        logA = PotentialUpdate.logarithms(a)
        logB = PotentialUpdate.logarithms(b)
        let n = geometry.sourceCount, m = geometry.targetCount
        // Small problems stay on one thread; large ones get several blocks per thread for balance.
        blocks = Swift.max(1, Swift.min(Parallel.threadCount &* 4, n, n &* m / 16_384))
        h = [S](repeating: 0, count: m)
        rho = [S](repeating: 0, count: n)
        sums = [S](repeating: 0, count: blocks &* m)
        terms = [S](repeating: 0, count: blocks &* m)
        costs = [S](repeating: 0, count: geometry.needsScratch(transposed: false) ? blocks &* m : 0)
        rowResiduals = [Double](repeating: 0, count: n)
        columnResiduals = [Double](repeating: 0, count: m)
    }

    /// Updates `f` then `g` at regularization `epsilon` with dampings `kappaA`, `kappaB`
    /// (1 for a hard marginal). With `check`, returns the residual of ``PotentialUpdate`` for the
    /// `f` update (`Σ_i a_i |exp((f_i − f_i')/ε) − 1|`), plus that of the `g` update when
    /// `checkColumns`; otherwise 0.
    /// - Complexity: O(n m) exponentials (+ O(n m d) cost evaluations online), on all cores;
    ///   O(n) more per fallback column.
    @inlinable
    mutating func iterate(f: inout [S], g: inout [S], epsilon: S, kappaA: S, kappaB: S, check: Bool,
                          checkColumns: Bool) -> Double {
        let n = geometry.sourceCount, m = geometry.targetCount, inverse = 1 / epsilon
        for j in 0..<m { h[j] = g[j] * inverse + logB[j] }
        let geometry = geometry, blocks = blocks, a = a, logA = logA
        // Every other sweep runs backward, starting with the rows the previous one read last
        // (still in the last-level cache when C is larger than it).
        let backward = sweeps & 1 == 1
        sweeps &+= 1
        let recomputed = geometry.needsScratch(transposed: false)
        // Squared-Euclidean rows that are not stored are computed inside the exponential loop.
        var inRegisters = false
        if case .squaredEuclidean = geometry.cost, recomputed { inRegisters = true }
        let top = S.exp2(Self.rangeExponent), bottom = 1 / top, limit = Double(Self.rangeExponent) * Double.log(2)
        geometry.matrix.withUnsafeBufferPointer { mb in
        geometry.x.withUnsafeBufferPointer { xb in
        geometry.source.squaredNorms.withUnsafeBufferPointer { pb in
        geometry.target.coordinates.withUnsafeBufferPointer { yb in
        geometry.target.squaredNorms.withUnsafeBufferPointer { nb in
        h.withUnsafeBufferPointer { hb in
        f.withUnsafeMutableBufferPointer { fb in
        rho.withUnsafeMutableBufferPointer { rb in
        rowResiduals.withUnsafeMutableBufferPointer { qb in
        sums.withUnsafeMutableBufferPointer { sb in
        terms.withUnsafeMutableBufferPointer { tb in
        costs.withUnsafeMutableBufferPointer { cb in
            let hp = hb.baseAddress!, fp = fb.baseAddress!, rp = rb.baseAddress!, qp = qb.baseAddress!
            let sp = sb.baseAddress!, tp = tb.baseAddress!, cp = cb.baseAddress, xp = xb.baseAddress!
            let stored = geometry.storesMatrix ? mb.baseAddress : nil, d = geometry.dimension
            Parallel.forEachBlock(count: blocks, blocksPerThread: 4) { range in
                for index in range {
                    let block = backward ? blocks &- 1 &- index : index
                    let sum = sp + block &* m, term = tp + block &* m
                    for j in 0..<m { sum[j] = 0 }
                    let rows = Parallel.blockRange(block, of: blocks, count: n)
                    for k in 0..<rows.count {
                        let i = backward ? rows.upperBound &- 1 &- k : rows.lowerBound &+ k
                        let old = fp[i]
                        // Row i of C: in place when stored, else written to the block's scratch (on demand
                        // when the exponentials compute the costs themselves).
                        var row: UnsafePointer<S>? = stored.map { $0 + i &* m }
                        func costRow() -> UnsafePointer<S> {
                            if let row { return row }
                            let scratch = cp! + block &* m
                            geometry.withCostRow(i, transposed: false, scratch: scratch) { _ in }
                            row = UnsafePointer(scratch)
                            return row!
                        }
                        let total = inRegisters
                            ? PointSet<S>.squaredEuclideanExponentials(
                                from: xp + i &* d, pSquaredNorm: pb[i], coordinates: yb.baseAddress!,
                                squaredNorms: nb.baseAddress!, count: m, dimension: d, offsets: hp, scale: inverse,
                                shift: old * inverse, into: term)
                            : LogSumExp.shiftedExponentials(
                                offsets: hp, values: costRow(), scale: inverse, shift: old * inverse, count: m, into: term)
                        let inRange = total >= bottom && total <= top
                        let new = inRange
                            ? kappaA * (old - epsilon * S.log(total))
                            : -epsilon * kappaA * LogSumExp.affine(offsets: hp, values: costRow(), scale: inverse, count: m)
                        // (f_i' − f_i)/ε, and r_i / a_i = its exponential.
                        let step = (Double(new) - Double(old)) * Double(inverse)
                        if check { qp[i] = a[i] > 0 ? Double(a[i]) * abs(Double.exp(-step) - 1) : 0 }
                        let direct = !inRange || abs(step) > limit
                        fp[i] = new
                        rp[i] = new * inverse + logA[i]
                        guard a[i] > 0 else { continue }
                        if direct {
                            // The column terms a_i b_j exp((f_i' + g_j − C_ij)/ε) themselves.
                            _ = LogSumExp.shiftedExponentials(
                                offsets: hp, values: costRow(), scale: inverse, shift: rp[i], count: m, into: term)
                        }
                        PointSet<S>.accumulate(sum, direct ? 1 : S(Double(a[i]) * Double.exp(step)), term, m)
                    }
                }
            }
            // Column sums of the blocks, in block order.
            for block in 1..<Swift.max(1, blocks) {
                PointSet<S>.accumulate(sp, 1, sp + block &* m, m)
            }
        }}}}}}}}}}}}
        var residual = check ? rowResiduals.reduce(0, +) : 0
        // g̃_j = g_j − ε (log(b_j T_j) − log b_j); columns out of range are recomputed below.
        var fallback = [Int]()
        for j in 0..<m {
            let bt = sums[j], old = g[j]
            guard b[j] > 0, bt >= b[j] * bottom, bt <= b[j] * top else {
                fallback.append(j)
                continue
            }
            g[j] = kappaB * (old - epsilon * (S.log(bt) - logB[j]))
            if checkColumns { columnResiduals[j] = Double(b[j]) * abs(Double.exp(Double((old - g[j]) * inverse)) - 1) }
        }
        if !fallback.isEmpty { exactColumns(fallback, g: &g, epsilon: epsilon, kappa: kappaB, check: checkColumns) }
        if checkColumns { residual += columnResiduals.reduce(0, +) }
        return residual
    }

    /// `g_j ← κ (−ε LSE_i(ρ_i − C_ij/ε))` for the listed columns: the two-pass log-sum-exp over
    /// each column of `C`, on all cores.
    /// - Complexity: O(n) per column (+ O(n d) online), reading `C` with stride `m` when materialized.
    @inlinable
    mutating func exactColumns(_ columns: [Int], g: inout [S], epsilon: S, kappa: S, check: Bool) {
        let n = geometry.sourceCount, inverse = 1 / epsilon, geometry = geometry, b = b
        var results = [S](repeating: 0, count: columns.count)
        rho.withUnsafeBufferPointer { rb in
            results.withUnsafeMutableBufferPointer { ob in
                let rp = rb.baseAddress!, op = ob.baseAddress!
                Parallel.forEachBlock(count: columns.count, minimumBlock: Swift.max(1, 16_384 / Swift.max(1, n))) { range in
                    var column = [S](repeating: 0, count: n)
                    column.withUnsafeMutableBufferPointer { cb in
                        for k in range {
                            op[k] = geometry.withCostRow(columns[k], transposed: true, scratch: cb.baseAddress!) { c in
                                -epsilon * kappa * LogSumExp.affine(offsets: rp, values: c, scale: inverse, count: n)
                            }
                        }
                    }
                }
            }
        }
        for (k, j) in columns.enumerated() {
            if check { columnResiduals[j] = b[j] > 0 ? Double(b[j]) * abs(Double.exp(Double((g[j] - results[k]) * inverse)) - 1) : 0 }
            g[j] = results[k]
        }
    }
}
