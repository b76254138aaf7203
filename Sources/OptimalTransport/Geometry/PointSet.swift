import OTKernels

/// One point cloud prepared for streaming cost rows: the points, their coordinates stored
/// coordinate-major (`d x n`, so a coordinate of consecutive points is contiguous) and their norms.
@usableFromInline
struct PointSet<S: OTScalar>: Sendable {
    @usableFromInline let points: Matrix<S>
    /// `coordinates[k * count + j]` is coordinate `k` of point `j`.
    @usableFromInline let coordinates: [S]
    /// `‖p_j‖²`.
    @usableFromInline let squaredNorms: [S]

    @inlinable var count: Int { points.rows }
    @inlinable var dimension: Int { points.columns }

    @inlinable
    init(_ points: Matrix<S>) {
        self.points = points
        coordinates = points.transposed().elements
        squaredNorms = (0..<points.rows).map { i in points.row(i).reduce(0) { $0 + $1 * $1 } }
    }

    /// Writes `out[j] = c(p, q_j)` for every point `q_j` of this set (or `c(q_j, p)` when
    /// `pointIsSource` is false), where `p` has squared norm `pSquaredNorm`.
    ///
    /// Squared-Euclidean, Euclidean and cosine costs use the dot-product form
    /// `‖p‖² + ‖q‖² − 2 p·q`, vectorized along the row one coordinate at a time (the row stays in
    /// L1/L2 cache); p-norm and custom costs call the cost per pair.
    /// - Complexity: O(count · d).
    @inlinable
    func fillCostRow(
        from p: UnsafePointer<S>, pSquaredNorm: S, cost: CostFunction<S>, pointIsSource: Bool,
        into out: UnsafeMutablePointer<S>
    ) {
        let n = count, d = dimension
        switch cost {
        case .squaredEuclidean, .euclidean, .cosine:
            let isCosine: Bool
            if case .cosine = cost { isCosine = true } else { isCosine = false }
            coordinates.withUnsafeBufferPointer { coords in
                squaredNorms.withUnsafeBufferPointer { norms in
                    let c = coords.baseAddress!, q = norms.baseAddress!
                    if isCosine {
                        for j in 0..<n { out[j] = 0 }
                    } else {
                        Self.affineFill(out, q, pSquaredNorm, n)
                    }
                    let factor: S = isCosine ? 1 : -2
                    for k in 0..<d { Self.accumulate(out, factor * p[k], c + k &* n, n) }
                    if isCosine {
                        let pn = pSquaredNorm.squareRoot()
                        for j in 0..<n { out[j] = 1 - out[j] / (pn * q[j].squareRoot()) }
                    } else {
                        for j in 0..<n where out[j] < 0 { out[j] = 0 }
                        if case .euclidean = cost {
                            for j in 0..<n { out[j] = out[j].squareRoot() }
                        }
                    }
                }
            }
        case .pNorm, .custom:
            points.withUnsafeBufferPointer { qs in
                let q = qs.baseAddress!
                for j in 0..<n {
                    let qj = q + j &* d
                    out[j] = pointIsSource ? cost(p, qj, dimension: d) : cost(qj, p, dimension: d)
                }
            }
        }
    }

    /// `out_j = exp(h_j − s · C_j + t)` with the squared-Euclidean costs `C_j = ‖p − q_j‖²` to every
    /// point of this set computed in registers, bit for bit as ``fillCostRow(from:pSquaredNorm:cost:pointIsSource:into:)``
    /// computes them; returns `Σ_j out_j` (see `LogSumExp.shiftedExponentials` for the range caveats).
    ///
    /// For small `d` this is cheaper than reading a stored row of `C` from memory and saves the
    /// stores of a cost row.
    /// - Complexity: O(count · d), one vector `exp` per element.
    /// - Parameters: `c` and `q` are ``coordinates`` and ``squaredNorms`` of a set of `n` points in
    ///   dimension `d`.
    @inlinable
    static func squaredEuclideanExponentials(
        from p: UnsafePointer<S>, pSquaredNorm: S, coordinates c: UnsafePointer<S>, squaredNorms q: UnsafePointer<S>,
        count n: Int, dimension d: Int, offsets h: UnsafePointer<S>, scale s: S, shift t: S,
        into out: UnsafeMutablePointer<S>
    ) -> S {
        let width = S.Vector.scalarCount
        let negativeScale = S.Vector(repeating: -s), shift = S.Vector(repeating: t), pn = S.Vector(repeating: pSquaredNorm)
        let zero = S.Vector(repeating: 0)
        var s0 = zero, s1 = zero
        var j = 0
        while j &+ width <= n {
            var cost = VectorAccess.load(q + j) + pn
            for k in 0..<d { cost = cost + S.Vector(repeating: -2 * p[k]) * VectorAccess.load(c + (k &* n &+ j)) }
            cost = VectorMaximum.maximum(cost, zero)
            let e = VectorExp.expBelowOverflow(VectorExp.multiplyAdd(cost, negativeScale, VectorAccess.load(h + j)) + shift)
            VectorAccess.store(e, to: out + j)
            s0 += e
            j &+= width
        }
        if j < n {
            let rest = n &- j
            var cost = VectorAccess.load(q + j, count: rest, padding: 0) + pn
            for k in 0..<d {
                cost = cost + S.Vector(repeating: -2 * p[k]) * VectorAccess.load(c + (k &* n &+ j), count: rest, padding: 0)
            }
            cost = VectorMaximum.maximum(cost, zero)
            let offset = VectorAccess.load(h + j, count: rest, padding: -S.infinity)
            let e = VectorExp.expBelowOverflow(VectorExp.multiplyAdd(cost, negativeScale, offset) + shift)
            VectorAccess.store(e, to: out + j, count: rest)
            s1 += e
        }
        return (s0 + s1).sum()
    }

    /// `out_j ← max(0, (‖q_j‖² + pSquaredNorm) + out_j)`: a row of squared-Euclidean costs from a
    /// row of the products `−2 p·q_j`.
    /// - Complexity: O(count), vectorized.
    @inlinable
    func addNorms(to out: UnsafeMutablePointer<S>, pSquaredNorm: S) {
        squaredNorms.withUnsafeBufferPointer { norms in
            let q = norms.baseAddress!, n = count, w = S.Vector.scalarCount
            let pn = S.Vector(repeating: pSquaredNorm), zero = S.Vector(repeating: 0)
            var j = 0
            while j &+ w <= n {
                VectorAccess.store(VectorMaximum.maximum((VectorAccess.load(q + j) + pn) + VectorAccess.load(out + j), zero),
                                   to: out + j)
                j &+= w
            }
            while j < n {
                out[j] = Swift.max(0, (q[j] + pSquaredNorm) + out[j])
                j &+= 1
            }
        }
    }

    /// `out[j] = q[j] + s`, vectorized.
    @inlinable @inline(__always)
    static func affineFill(_ out: UnsafeMutablePointer<S>, _ q: UnsafePointer<S>, _ s: S, _ n: Int) {
        let w = S.Vector.scalarCount, sv = S.Vector(repeating: s)
        var j = 0
        while j &+ w <= n {
            VectorAccess.store(VectorAccess.load(q + j) + sv, to: out + j)
            j &+= w
        }
        while j < n {
            out[j] = q[j] + s
            j &+= 1
        }
    }

    /// `out[j] += alpha · x[j]`, vectorized.
    @inlinable @inline(__always)
    static func accumulate(_ out: UnsafeMutablePointer<S>, _ alpha: S, _ x: UnsafePointer<S>, _ n: Int) {
        let w = S.Vector.scalarCount, av = S.Vector(repeating: alpha)
        var j = 0
        while j &+ w <= n {
            VectorAccess.store(VectorAccess.load(out + j) + av * VectorAccess.load(x + j), to: out + j)
            j &+= w
        }
        while j < n {
            out[j] += alpha * x[j]
            j &+= 1
        }
    }
}
