#if canImport(Glibc)
import Glibc
#endif
import OTKernels

/// The geometry of a transport problem between two point clouds: source points `x` (`n x d`, one
/// per row), target points `y` (`m x d`) and a ground cost `c`, so `C_ij = c(x_i, y_j)`.
///
/// Two storage modes:
/// - `.materialized` computes `C` once (`n m` scalars); Sinkhorn streams its rows once per
///   iteration (both potential updates, see `SinkhornSweep`). Fastest when the memory is there.
///   Exception: a squared-Euclidean cost in dimension `d ≤ 3` is cheaper to recompute (a few
///   vector operations per entry) than to read back from memory, so its rows are recomputed
///   as online; only the exact mean and maximum are computed up front (``storesMatrix``).
///   From `d = 16` the squared-Euclidean `C` is filled from the product `X Yᵀ` (``GEMM``), so its
///   entries may differ from the online ones in the last bits.
/// - `.online` keeps only the points and recomputes cost rows when needed, in O(n + m) memory
///   (one row buffer per thread). For `d = 2` a row costs about as much as reading it from memory.
///
/// - Complexity: `init` costs O(n m d) in `.materialized` mode (building `C`, or its statistics); in `.online` mode
///   O((n + m) d) for the squared-Euclidean cost, O(n m d) otherwise (one pass for the
///   mean and the maximum of the costs).
public struct PointCloud<S: OTScalar>: Sendable {
    /// How the cost matrix is stored.
    public enum Mode: String, Sendable, CaseIterable {
        /// `C` in memory.
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
    /// `C` (row-major `n x m`) when ``storesMatrix``, empty otherwise.
    @usableFromInline let matrix: [S]
    /// Whether `C` is held in memory: `.materialized` mode, unless the cost is squared Euclidean
    /// in dimension ≤ 3 (rows cheaper to recompute than to load).
    public let storesMatrix: Bool

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
            // Every entry is written once, by the thread that later reads it first (no serial zero
            // fill, page faults on both cores); each row's sum and maximum are taken while it is in cache.
            // Squared Euclidean: not stored for d ≤ 3 (see the type's discussion); from d = 16 the
            // products −2 X Yᵀ come from GEMM (one per row block), the norms are added after.
            var stores = true, products = false
            if case .squaredEuclidean = cost {
                stores = x.columns > 3
                products = x.columns >= 16
            }
            var rowSums = [Double](repeating: 0, count: n), rowMaxima = [S](repeating: 0, count: n)
            let c = [S](unsafeUninitializedCapacity: stores ? n &* m : 0) { buffer, initialized in
                let base = buffer.baseAddress
                Self.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
                rowSums.withUnsafeMutableBufferPointer { sums in
                    rowMaxima.withUnsafeMutableBufferPointer { maxima in
                        src.points.withUnsafeBufferPointer { xs in
                        tgt.points.withUnsafeBufferPointer { ys in
                            let (sp, mp, xp, yp) = (sums.baseAddress!, maxima.baseAddress!, xs.baseAddress!, ys.baseAddress!)
                            let d = src.dimension
                            Parallel.forEachBlock(count: n, minimumBlock: Swift.max(1, 16_384 / Swift.max(1, m * d)),
                                                  blocksPerThread: 4) { rows in
                                if products {
                                    GEMM.multiply(transposeA: false, transposeB: true, m: rows.count, n: m, k: d,
                                                  alpha: -2, a: xp + rows.lowerBound &* d, lda: d, b: yp, ldb: d,
                                                  beta: 0, c: base! + rows.lowerBound &* m, ldc: m, threadLimit: 1)
                                }
                                var scratch = [S](repeating: 0, count: stores ? 0 : m)
                                scratch.withUnsafeMutableBufferPointer { sb in
                                    for i in rows {
                                        let row = stores ? base! + i &* m : sb.baseAddress!
                                        if products {
                                            tgt.addNorms(to: row, pSquaredNorm: src.squaredNorms[i])
                                        } else {
                                            tgt.fillCostRow(from: xp + i &* d, pSquaredNorm: src.squaredNorms[i],
                                                            cost: cost, pointIsSource: true, into: row)
                                        }
                                        (sp[i], mp[i]) = Self.sumAndMax(row, count: m)
                                    }
                                }
                            }
                        }
                        }
                    }
                }
                initialized = stores ? n &* m : 0
            }
            storesMatrix = stores
            matrix = c
            (meanCost, maxCost) = (S(rowSums.reduce(0, +) / Double(n &* m)), rowMaxima.max()!)
        } else {
            matrix = []
            storesMatrix = false
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

    /// The cost matrix `C` (`n x m`), computed on demand unless ``storesMatrix``.
    /// - Complexity: O(n m) to copy, O(n m d) to compute.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public func costMatrix() -> Matrix<S> {
        if storesMatrix { return Matrix(rows: sourceCount, columns: targetCount, elements: matrix) }
        var c = [S](repeating: 0, count: sourceCount * targetCount)
        c.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<sourceCount {
                withCostRow(i, transposed: false, scratch: buffer.baseAddress! + i * targetCount) { _ in }
            }
        }
        return Matrix(rows: sourceCount, columns: targetCount, elements: c)
    }

    /// Calls `body` with row `i` of `C` (length `m`), or with row `i` of `Cᵀ` (column `i` of `C`,
    /// length `n`) when `transposed`. Rows of `Cᵀ`, and every row unless ``storesMatrix``, are written to
    /// `scratch` (which must hold `n` or `m` scalars, see ``needsScratch(transposed:)``); a row of a
    /// materialized `C` is passed in place.
    /// - Complexity: O(1) for a row of a materialized `C`, O(n) for a column (strided reads);
    ///   O(row length · d) online.
    @inlinable
    func withCostRow<R>(
        _ i: Int, transposed: Bool, scratch: UnsafeMutablePointer<S>, _ body: (UnsafePointer<S>) -> R
    ) -> R {
        if storesMatrix {
            let m = target.count
            return matrix.withUnsafeBufferPointer { c in
                if !transposed { return body(c.baseAddress! + i &* m) }
                for k in 0..<source.count { scratch[k] = c[k &* m &+ i] }
                return body(scratch)
            }
        }
        let (from, against) = transposed ? (target, source) : (source, target)
        from.points.withUnsafeBufferPointer { ps in
            against.fillCostRow(from: ps.baseAddress! + i &* from.dimension, pSquaredNorm: from.squaredNorms[i],
                                cost: cost, pointIsSource: !transposed, into: scratch)
        }
        return body(scratch)
    }

    /// Whether ``withCostRow(_:transposed:scratch:_:)`` writes to its scratch buffer.
    @inlinable
    func needsScratch(transposed: Bool) -> Bool { !storesMatrix || transposed }

    /// The sum (in `Double`, over chunks of 64 summed in `S`) and the maximum of `count` costs.
    /// - Complexity: O(count), vectorized.
    @inlinable
    static func sumAndMax(_ c: UnsafePointer<S>, count: Int) -> (Double, S) {
        let width = S.Vector.scalarCount, chunk = 4 &* width
        var total = 0.0, mx = S.Vector(repeating: -S.infinity)
        var j = 0
        while j &+ chunk <= count {
            let v0 = VectorAccess.load(c + j) as S.Vector, v1 = VectorAccess.load(c + (j &+ width)) as S.Vector
            let v2 = VectorAccess.load(c + (j &+ 2 &* width)) as S.Vector, v3 = VectorAccess.load(c + (j &+ 3 &* width)) as S.Vector
            total += Double(((v0 + v1) + (v2 + v3)).sum())
            mx = VectorMaximum.maximum(mx, VectorMaximum.maximum(VectorMaximum.maximum(v0, v1), VectorMaximum.maximum(v2, v3)))
            j &+= chunk
        }
        var largest = mx.max()
        while j < count {
            total += Double(c[j])
            largest = Swift.max(largest, c[j])
            j &+= 1
        }
        return (total, largest)
    }

    /// Asks Linux to back the 2 MiB-aligned part of a fresh, untouched buffer with huge pages
    /// (`madvise(MADV_HUGEPAGE)`, honoured when transparent huge pages are in `madvise` or `always`
    /// mode). Streaming a 64 MB `C` then misses the TLB far less: on the 2-core EPYC VM it cut the
    /// user time of 100 Sinkhorn iterations at n = 4000, d = 64 by ~20%, for ~0.1 s more in the
    /// (compacting) page faults of the fill. A no-op elsewhere or for buffers under 4 MiB.
    /// - Complexity: O(1).
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
        let huge = 1 << 21
        guard let base = buffer.baseAddress, buffer.count >= 2 * huge else { return }
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
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
