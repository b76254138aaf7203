/// Allocation-free kernels on small row-major `Double` buffers for the deep-linear training loop,
/// where the matrices are about 20 x 20 and a general GEMM's packing would cost more than it saves.
enum SmallMatrixKernels {
    /// `C = op(A) · B` (or `C += op(A) · B` when `accumulate`), `op(A)` being `A` (`m x k`, row
    /// stride `lda`) or `Aᵀ` (`A` stored `k x m`), `B` `k x n` with stride `ldb`, `C` `m x n` with stride `ldc`.
    ///
    /// i-k-j order: the innermost loop runs along contiguous rows of `B` and `C` and vectorizes.
    /// - Complexity: `m n k` multiply-adds.
    @inline(__always)
    static func multiply(
        m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, transposeA: Bool,
        b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool = false
    ) {
        for i in 0..<m {
            let ci = c + i &* ldc
            if !accumulate { ci.update(repeating: 0, count: n) }
            for p in 0..<k {
                let aip = transposeA ? a[p &* lda &+ i] : a[i &* lda &+ p]
                if aip == 0 { continue }
                let bp = b + p &* ldb
                for j in 0..<n { ci[j] += aip * bp[j] }
            }
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
        for i in 0..<count { total += x[i] * x[i] }
        return total
    }
}
