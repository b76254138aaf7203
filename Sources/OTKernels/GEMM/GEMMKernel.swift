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
        beta: S, c: UnsafeMutablePointer<S>, ldc: Int
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
    }
}
