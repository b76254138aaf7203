import RealModule

/// Allocation-free kernels on small row-major `Double` buffers for the deep-linear training loop,
/// where the matrices are about 20 x 20 and a general GEMM's packing would cost more than it saves.
enum SmallMatrixKernels {
    /// `C = op(A) · B` (or `C += op(A) · B` when `accumulate`), `op(A)` being `A` (`m x k`, row
    /// stride `lda`) or `Aᵀ` (`A` stored `k x m`), `B` `k x n` with stride `ldb`, `C` `m x n` with stride `ldc`.
    ///
    /// Each row of `C` is built in registers, eight columns at a time (`SIMD8`, then `SIMD4`, then
    /// scalars for the last columns), over the whole inner dimension: one load of `B` per
    /// multiply-add and one store per element of `C`. Measured at d = 20 (release, native CPU):
    /// about 3x the i-k-j loop that loads and stores `C` at every `p`.
    /// - Complexity: `m n k` multiply-adds.
    @inline(__always)
    static func multiply(
        m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, transposeA: Bool,
        b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool = false
    ) {
        let rowStride = transposeA ? 1 : lda, innerStride = transposeA ? lda : 1
        let raw = UnsafeRawPointer(b)
        for i in 0..<m {
            let ai = a + i &* rowStride, ci = c + i &* ldc
            var j = 0
            while j &+ 8 <= n {
                var sum = SIMD8<Double>()
                for p in 0..<k {
                    let bp = raw.loadUnaligned(
                        fromByteOffset: (p &* ldb &+ j) &* MemoryLayout<Double>.stride, as: SIMD8<Double>.self)
                    sum.addProduct(SIMD8(repeating: ai[p &* innerStride]), bp)
                }
                store(sum, at: ci + j, accumulate: accumulate)
                j &+= 8
            }
            if j &+ 4 <= n {
                var sum = SIMD4<Double>()
                for p in 0..<k {
                    let bp = raw.loadUnaligned(
                        fromByteOffset: (p &* ldb &+ j) &* MemoryLayout<Double>.stride, as: SIMD4<Double>.self)
                    sum.addProduct(SIMD4(repeating: ai[p &* innerStride]), bp)
                }
                store(sum, at: ci + j, accumulate: accumulate)
                j &+= 4
            }
            while j < n {
                var sum = 0.0
                for p in 0..<k { sum += ai[p &* innerStride] * b[p &* ldb &+ j] }
                ci[j] = accumulate ? ci[j] + sum : sum
                j &+= 1
            }
        }
    }

    /// Writes (or adds) the lanes of `v` to `count` consecutive doubles at `destination`.
    @inline(__always)
    private static func store<V: SIMD>(_ v: V, at destination: UnsafeMutablePointer<Double>, accumulate: Bool)
    where V.Scalar == Double {
        let raw = UnsafeMutableRawPointer(destination)
        if accumulate {
            raw.storeBytes(of: v + UnsafeRawPointer(destination).loadUnaligned(as: V.self), as: V.self)
        } else {
            raw.storeBytes(of: v, as: V.self)
        }
    }

    /// `T = Aᵀ` for `A` `rows x columns` (stride `lda`); `T` is `columns x rows` (stride `rows`).
    /// - Complexity: O(rows · columns).
    @inline(__always)
    static func transpose(
        _ a: UnsafePointer<Double>, rows: Int, columns: Int, lda: Int, into t: UnsafeMutablePointer<Double>
    ) {
        for i in 0..<rows {
            let ai = a + i &* lda
            for j in 0..<columns { t[j &* rows &+ i] = ai[j] }
        }
    }

    /// `Σ_i x_i²` over `count` contiguous values.
    /// - Complexity: O(count).
    @inline(__always)
    static func sumOfSquares(_ x: UnsafePointer<Double>, count: Int) -> Double {
        var total = 0.0
        for i in 0..<count { total = Relaxed.multiplyAdd(x[i], x[i], total) }
        return total
    }
}
