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
