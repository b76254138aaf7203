/// General matrix multiply, `C ← alpha · op(A) · op(B) + beta · C`, where `op(X)` is `X` or `Xᵀ`.
///
/// The kernel follows the packed-panel design of Goto and van de Geijn ("Anatomy of
/// high-performance matrix multiplication", ACM TOMS 34(3), 2008): `op(B)` is copied in
/// `KC x NC` blocks into column panels, `op(A)` in `MC x KC` blocks into row panels (with `alpha`
/// folded in), and a register-blocked SIMD micro-kernel multiplies one row panel by one column
/// panel into a `6 x 2·W` tile of `C` held in registers (`W` lanes per vector). Large problems are
/// split into disjoint blocks of `C`, one per core, with
/// ``Parallel/forEachBlock(count:minimumBlock:blocksPerThread:_:)``; each thread packs its own
/// panels, so a product has one fork and one join. Products under a few hundred multiply-adds
/// (and, in debug builds, every product too small for two threads) take plain direct loops
/// that perform the same operations.
///
/// The arithmetic of each element of `C` does not depend on the thread count, the split or the
/// algorithm, so results are bit-identical from run to run and between 1 and many threads.
///
/// Measured on a shared 2-core AMD EPYC (Zen 4) VM while otherwise idle, 512 x 512 x 512 `Float`,
/// median of 50 runs (`swiftot bench kernels`) interleaved with numpy/OpenBLAS (`a @ b`,
/// 2 threads): with `SWIFTOT_NATIVE=1` (AVX-512, fused multiply-add) 105-109 GFLOP/s on one core
/// (the micro-kernel alone: 116) and 199-216 on two, numpy 187-198. Without a CPU target (SSE,
/// no FMA) about 23 GFLOP/s on one core.
public enum GEMM {
    /// `C ← alpha · op(A) · op(B) + beta · C` on raw row-major buffers, on all cores when large.
    ///
    /// - Parameters:
    ///   - transposeA: use `Aᵀ`; `A` is stored `k x m` (leading dimension `lda`) when true, `m x k` otherwise.
    ///   - transposeB: use `Bᵀ`; `B` is stored `n x k` when true, `k x n` otherwise.
    ///   - m, n, k: `op(A)` is `m x k`, `op(B)` is `k x n`, `C` is `m x n`.
    ///   - lda, ldb, ldc: row strides (leading dimensions) of the stored `A`, `B`, `C`.
    ///   - alpha: when 0 (or `k == 0`), `A` and `B` are not read and `C ← beta · C`.
    ///   - beta: when 0, `C` is overwritten (NaN in `C` does not propagate).
    /// - Precondition: sizes are non-negative, each leading dimension is at least the stored row
    ///   width, and `C` does not overlap `A` or `B`.
    /// - Complexity: O(m n k) flops; O(MC·KC + KC·NC) scratch per thread, allocated once per call.
    @inlinable
    public static func multiply<S: OTScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: S, a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
        beta: S, c: UnsafeMutablePointer<S>, ldc: Int
    ) {
        multiply(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc,
            threadLimit: Parallel.threadCount)
    }

    /// `C ← alpha · op(A) · op(B) + beta · C` on at most `threadLimit` threads.
    ///
    /// The same as ``multiply(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``; pass
    /// `threadLimit: 1` when the caller already runs one product per core, or to time one core.
    /// - Precondition: `threadLimit >= 1`, and the preconditions of the all-core version.
    /// - Complexity: O(m n k) flops, divided among `min(threadLimit, Parallel.threadCount)` threads.
    @inlinable
    public static func multiply<S: OTScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: S, a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
        beta: S, c: UnsafeMutablePointer<S>, ldc: Int, threadLimit: Int
    ) {
        multiply(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc,
            threadLimit: threadLimit, algorithm: .automatic)
    }

    /// How a product is computed. Both algorithms give bit-identical results, so the choice is
    /// only about speed; tests force each one to check both.
    @usableFromInline
    enum Algorithm: Sendable {
        /// Direct loops below ``GEMMKernel/directThreshold`` multiply-adds, packed panels above.
        case automatic
        /// Always the direct loops (one thread), see ``GEMMKernel/computeDirect()``.
        case direct
        /// Always packed panels and the register-blocked micro-kernel.
        case packed
    }

    /// ``multiply(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:threadLimit:)`` with the
    /// algorithm chosen by the caller.
    @inlinable
    static func multiply<S: OTScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: S, a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
        beta: S, c: UnsafeMutablePointer<S>, ldc: Int, threadLimit: Int, algorithm: Algorithm,
        prepackedA: PackedPanels<S>? = nil, prepackedB: PackedPanels<S>? = nil
    ) {
        // Specialized entry points compiled inside OTKernels, so the micro-kernel's shape and its use
        // of fused multiply-add follow this module's build flags (see `GEMMKernel`).
        if S.self == Float.self {
            multiplyFloat(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                alpha: unsafeBitCast(alpha, to: Float.self),
                a: UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), lda: lda,
                b: UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), ldb: ldb,
                beta: unsafeBitCast(beta, to: Float.self),
                c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), ldc: ldc, threadLimit: threadLimit,
                algorithm: algorithm, prepackedA: prepackedA?.rebound(to: Float.self),
                prepackedB: prepackedB?.rebound(to: Float.self))
        } else if S.self == Double.self {
            multiplyDouble(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                alpha: unsafeBitCast(alpha, to: Double.self),
                a: UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), lda: lda,
                b: UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), ldb: ldb,
                beta: unsafeBitCast(beta, to: Double.self),
                c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), ldc: ldc, threadLimit: threadLimit,
                algorithm: algorithm, prepackedA: prepackedA?.rebound(to: Double.self),
                prepackedB: prepackedB?.rebound(to: Double.self))
        } else {
            // Another conforming type: the same algorithm, unspecialized (correct, slower).
            GEMMKernel<S.Vector>(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc,
                prepackedA: prepackedA, prepackedB: prepackedB
            ).run(threadLimit: threadLimit, algorithm: algorithm)
        }
    }

    /// The `Float` product, specialized in this module.
    @usableFromInline
    static func multiplyFloat(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, threadLimit: Int, algorithm: Algorithm,
        prepackedA: PackedPanels<Float>?, prepackedB: PackedPanels<Float>?
    ) {
        GEMMKernel<KernelVectors.FloatVector>(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc,
            prepackedA: prepackedA, prepackedB: prepackedB
        ).run(threadLimit: threadLimit, algorithm: algorithm)
    }

    /// The `Double` product, specialized in this module.
    @usableFromInline
    static func multiplyDouble(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int, threadLimit: Int, algorithm: Algorithm,
        prepackedA: PackedPanels<Double>?, prepackedB: PackedPanels<Double>?
    ) {
        GEMMKernel<KernelVectors.DoubleVector>(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc,
            prepackedA: prepackedA, prepackedB: prepackedB
        ).run(threadLimit: threadLimit, algorithm: algorithm)
    }
}
