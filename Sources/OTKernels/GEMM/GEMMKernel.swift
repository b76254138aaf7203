/// One general matrix product `C ← alpha · op(A) · op(B) + beta · C`, blocked for the caches and
/// computed by a `6 x 2·V.scalarCount` register-blocked micro-kernel on vectors `V`.
///
/// The parts live in `GEMMKernel+Packing.swift` (copying blocks of the operands into panels),
/// `GEMMKernel+MicroKernel.swift` (one register tile) and `GEMMKernel+Driver.swift` (the block
/// loops and the split over threads).
@usableFromInline
struct GEMMKernel<V: SIMD> where V.Scalar: OTScalar {
    @usableFromInline typealias S = V.Scalar

    let transposeA: Bool, transposeB: Bool
    let m: Int, n: Int, k: Int
    let alpha: S, beta: S
    let a: UnsafePointer<S>, lda: Int
    let b: UnsafePointer<S>, ldb: Int
    let c: UnsafeMutablePointer<S>, ldc: Int
    /// `op(A)` already in panels (then `a` is not read): see ``GEMM/PackedOperand``.
    let prepackedA: PackedPanels<S>?
    /// `op(B)` already in panels (then `b` is not read).
    let prepackedB: PackedPanels<S>?

    /// Rows of the register tile (the height of an `A` panel).
    static var mr: Int { 6 }
    /// Columns of the register tile (the width of a `B` panel): two vectors.
    static var nr: Int { 2 &* V.scalarCount }
    /// Depth of a block: an `A` panel (`mr x kc`) stays in the L1 cache.
    static var kc: Int { 256 }
    /// Rows of an `A` block packed at once (a multiple of `mr`).
    static var mc: Int { 16 &* mr }
    /// Columns of a `B` block: `kc x nc` scalars fill about half of the 1 MiB L2 cache.
    static var nc: Int { max(nr, (512 * 1024 / (kc &* MemoryLayout<S>.stride)) / nr &* nr) }

    /// A product on raw row-major buffers; see ``GEMM`` for the meaning of the arguments.
    /// - Precondition: sizes are non-negative and each leading dimension covers its stored row.
    @usableFromInline
    init(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: S, a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
        beta: S, c: UnsafeMutablePointer<S>, ldc: Int,
        prepackedA: PackedPanels<S>? = nil, prepackedB: PackedPanels<S>? = nil
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "GEMM: negative size m \(m), n \(n), k \(k)")
        precondition(ldc >= n, "GEMM: ldc \(ldc) is less than n \(n)")
        precondition(k == 0 || m == 0 || lda >= (transposeA ? m : k), "GEMM: lda \(lda) is too small")
        precondition(k == 0 || n == 0 || ldb >= (transposeB ? k : n), "GEMM: ldb \(ldb) is too small")
        self.transposeA = transposeA
        self.transposeB = transposeB
        self.m = m
        self.n = n
        self.k = k
        self.alpha = alpha
        self.beta = beta
        self.a = a
        self.lda = lda
        self.b = b
        self.ldb = ldb
        self.c = c
        self.ldc = ldc
        self.prepackedA = prepackedA
        self.prepackedB = prepackedB
    }
}

/// Where a packed operand's panels are: depth block `p0 ..< p0 + depth` (a block of
/// ``GEMMKernel/kc`` from 0) starts at `base + p0 · padded`, and in it the panel of rows (or
/// columns) from `i` (a multiple of the panel size) at `(offset + i) · depth`, `offset` being where
/// this product's first row (column) sits in the operand.
@usableFromInline
struct PackedPanels<S: OTScalar> {
    @usableFromInline let base: UnsafePointer<S>
    @usableFromInline let padded: Int
    @usableFromInline let offset: Int

    @usableFromInline
    init(base: UnsafePointer<S>, padded: Int, offset: Int) {
        self.base = base
        self.padded = padded
        self.offset = offset
    }

    /// The same panels seen as scalars of type `T` (the caller knows `T` is `S`).
    @inlinable
    func rebound<T: OTScalar>(to _: T.Type) -> PackedPanels<T> {
        PackedPanels<T>(base: UnsafeRawPointer(base).assumingMemoryBound(to: T.self), padded: padded, offset: offset)
    }

    /// The panel of rows (columns) from `i` in the depth block from `p0` of `depth` indices.
    @inline(__always)
    func panel(depth p0: Int, count depth: Int, from i: Int) -> UnsafePointer<S> {
        base + (p0 &* padded &+ (offset &+ i) &* depth)
    }

    /// Writes `count ≤ panelWidth` stored rows (`rows + j · stride`, `depth` scalars each) as the
    /// columns of one `depth x panelWidth` panel: `panel[p · panelWidth + j] = rows[j · stride + p]`,
    /// columns past `count` zero. Each row is read contiguously and written with stride `panelWidth`.
    /// - Complexity: O(depth · panelWidth).
    @inline(__always)
    static func packRows(
        _ rows: UnsafePointer<S>, stride: Int, count: Int, depth: Int, panelWidth: Int,
        into panel: UnsafeMutablePointer<S>
    ) {
        for j in 0..<panelWidth {
            var target = panel + j
            if j < count {
                let source = rows + j &* stride
                for p in 0..<depth {
                    target.pointee = source[p]
                    target += panelWidth
                }
            } else {
                for _ in 0..<depth {
                    target.pointee = 0
                    target += panelWidth
                }
            }
        }
    }
}
