import OTKernels

/// The geometry of a transport problem between two point clouds: source points `x` (`n x d`, one
/// per row), target points `y` (`m x d`) and a ground cost `c`, so `C_ij = c(x_i, y_j)`.
///
/// Two storage modes:
/// - `.materialized` computes `C` and a transposed copy `Cᵀ` once (`2 n m` scalars), so both
///   Sinkhorn half-iterations stream contiguous rows. Fastest when the memory is there.
/// - `.online` keeps only the points and recomputes cost rows when needed, in O(n + m) memory
///   (one row buffer per thread). For `d = 2` a row costs about as much as reading it from memory.
///
/// - Complexity: `init` costs O(n m d) in `.materialized` mode (building `C`); in `.online` mode
///   O((n + m) d) for the squared-Euclidean cost, O(n m d) otherwise (one pass for the
///   mean and the maximum of the costs).
public struct PointCloud<S: OTScalar>: Sendable {
    /// How the cost matrix is stored.
    public enum Mode: String, Sendable, CaseIterable {
        /// `C` and `Cᵀ` in memory.
        case materialized
        /// Cost rows recomputed on the fly, O(n + m) memory.
        case online
    }

    /// The ground cost.
    public let cost: CostFunction<S>
    /// The storage mode.
    public let mode: Mode
    /// The mean of `C` over all `n m` pairs (unweighted): the unit of `Epsilon.relative`.
    public let meanCost: S
    /// The largest cost (for the online squared-Euclidean cost, an upper bound from the bounding
    /// boxes of the clouds): where ε-scaling starts.
    public let maxCost: S

    @usableFromInline let source: PointSet<S>
    @usableFromInline let target: PointSet<S>
    /// `C` (row-major `n x m`) and `Cᵀ` (`m x n`) in `.materialized` mode, empty otherwise.
    @usableFromInline let matrix: [S]
    @usableFromInline let transposedMatrix: [S]

    /// The source points (rows).
    public var x: Matrix<S> { source.points }
    /// The target points (rows).
    public var y: Matrix<S> { target.points }
    /// `n`, the number of source points.
    public var sourceCount: Int { source.count }
    /// `m`, the number of target points.
    public var targetCount: Int { target.count }
    /// `d`, the dimension of the points.
    public var dimension: Int { source.dimension }

    /// The geometry of `x` (source rows) and `y` (target rows) under `cost`.
    /// - Throws: ``OTInputError`` for an empty cloud, a NaN or infinite coordinate, clouds of
    ///   different dimensions, a zero point under the cosine cost, or `p < 1` for `.pNorm(p)`.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public init(_ x: Matrix<S>, _ y: Matrix<S>, cost: CostFunction<S> = .squaredEuclidean,
                mode: Mode = .materialized) throws {
        try Validate.points(x, name: "source points")
        try Validate.points(y, name: "target points")
        try Validate.sameDimension(x, y, names: ("source points", "target points"))
        if case .pNorm(let p) = cost, !(p >= 1 && p.isFinite) {
            throw OTInputError("p-norm cost exponent p = \(p); expected a finite p >= 1")
        }
        let src = PointSet(x), tgt = PointSet(y)
        source = src
        target = tgt
        if case .cosine = cost {
            for (name, set) in [("source points", src), ("target points", tgt)] {
                if let i = set.squaredNorms.firstIndex(where: { $0 == 0 }) {
                    throw OTInputError("\(name) row \(i) is the zero vector; the cosine cost needs non-zero points")
                }
            }
        }
        self.cost = cost
        self.mode = mode
        let n = x.rows, m = y.rows
        if mode == .materialized {
            // Every entry is written once by the fill below: no serial zero-fill pass first.
            let c = [S](unsafeUninitializedCapacity: n &* m) { buffer, initialized in
                let base = buffer.baseAddress!
                Parallel.forEachBlock(count: n, minimumBlock: Swift.max(1, 16_384 / Swift.max(1, m * x.columns))) { rows in
                    src.points.withUnsafeBufferPointer { xs in
                        for i in rows {
                            tgt.fillCostRow(from: xs.baseAddress! + i &* src.dimension, pSquaredNorm: src.squaredNorms[i],
                                            cost: cost, pointIsSource: true, into: base + i &* m)
                        }
                    }
                }
                initialized = n &* m
            }
            let matrix = Matrix(rows: n, columns: m, elements: c)
            self.matrix = c
            transposedMatrix = matrix.transposed().elements
            (meanCost, maxCost) = Self.meanAndMax(of: c)
        } else {
            matrix = []
            transposedMatrix = []
            switch cost {
            case .squaredEuclidean:
                (meanCost, maxCost) = Self.squaredEuclideanStatistics(src, tgt)
            default:
                var mean = 0.0, mx = -S.infinity
                var row = [S](repeating: 0, count: m)
                x.withUnsafeBufferPointer { xs in
                    row.withUnsafeMutableBufferPointer { r in
                        for i in 0..<n {
                            tgt.fillCostRow(from: xs.baseAddress! + i &* x.columns, pSquaredNorm: src.squaredNorms[i],
                                               cost: cost, pointIsSource: true, into: r.baseAddress!)
                            for v in r {
                                mean += Double(v)
                                mx = Swift.max(mx, v)
                            }
                        }
                    }
                }
                (meanCost, maxCost) = (S(mean / Double(n * m)), mx)
            }
        }
    }

    /// The cost matrix `C` (`n x m`), materialized on demand in `.online` mode.
    /// - Complexity: O(n m) to copy, O(n m d) in `.online` mode.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public func costMatrix() -> Matrix<S> {
        if mode == .materialized { return Matrix(rows: sourceCount, columns: targetCount, elements: matrix) }
        var c = [S](repeating: 0, count: sourceCount * targetCount)
        c.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<sourceCount {
                withCostRow(i, transposed: false, scratch: buffer.baseAddress! + i * targetCount) { _ in }
            }
        }
        return Matrix(rows: sourceCount, columns: targetCount, elements: c)
    }

    /// Calls `body` with row `i` of `C` (length `m`), or with row `i` of `Cᵀ` (column `i` of `C`,
    /// length `n`) when `transposed`. In `.online` mode the row is computed into `scratch`, which
    /// must hold `m` (or `n`) scalars; in `.materialized` mode `scratch` is not touched.
    /// - Complexity: O(1) materialized, O(row length · d) online.
    @inlinable
    func withCostRow<R>(
        _ i: Int, transposed: Bool, scratch: UnsafeMutablePointer<S>, _ body: (UnsafePointer<S>) -> R
    ) -> R {
        let length = transposed ? source.count : target.count
        if mode == .materialized {
            return (transposed ? transposedMatrix : matrix).withUnsafeBufferPointer { body($0.baseAddress! + i &* length) }
        }
        let (from, against) = transposed ? (target, source) : (source, target)
        from.points.withUnsafeBufferPointer { ps in
            against.fillCostRow(from: ps.baseAddress! + i &* from.dimension, pSquaredNorm: from.squaredNorms[i],
                                cost: cost, pointIsSource: !transposed, into: scratch)
        }
        return body(scratch)
    }

    /// The mean and the maximum of a buffer of costs, summed in `Double` over fixed blocks on all
    /// cores (the blocks depend only on the count, so the result does not depend on timing).
    /// - Complexity: O(c.count).
    static func meanAndMax(of c: [S]) -> (S, S) {
        let blocks = Parallel.threadCount
        var sums = [Double](repeating: 0, count: blocks), maxima = [S](repeating: -S.infinity, count: blocks)
        c.withUnsafeBufferPointer { values in
            sums.withUnsafeMutableBufferPointer { sums in
                maxima.withUnsafeMutableBufferPointer { maxima in
                    Parallel.forEachBlock(count: blocks) { range in
                        for b in range {
                            var sum = 0.0, mx = -S.infinity
                            for v in values[Parallel.blockRange(b, of: blocks, count: values.count)] {
                                sum += Double(v)
                                mx = Swift.max(mx, v)
                            }
                            sums[b] = sum
                            maxima[b] = mx
                        }
                    }
                }
            }
        }
        return (S(sums.reduce(0, +) / Double(c.count)), maxima.max()!)
    }

    /// Mean of `‖x_i − y_j‖²` in closed form (`mean‖x‖² + mean‖y‖² − 2 x̄·ȳ`) and the largest
    /// squared distance between the bounding boxes of the clouds (an upper bound of the max cost).
    static func squaredEuclideanStatistics(_ x: PointSet<S>, _ y: PointSet<S>) -> (S, S) {
        var mean = Double(x.squaredNorms.reduce(0, +)) / Double(x.count) + Double(y.squaredNorms.reduce(0, +)) / Double(y.count)
        var widest = 0.0
        for k in 0..<x.dimension {
            let xs = x.coordinates[(k * x.count)..<((k + 1) * x.count)], ys = y.coordinates[(k * y.count)..<((k + 1) * y.count)]
            let xm = xs.reduce(0.0) { $0 + Double($1) } / Double(x.count), ym = ys.reduce(0.0) { $0 + Double($1) } / Double(y.count)
            mean -= 2 * xm * ym
            let span = Swift.max(Double(xs.max()! - ys.min()!), Double(ys.max()! - xs.min()!))
            widest += span * span
        }
        return (S(Swift.max(mean, 0)), S(widest))
    }
}
