/// General matrix multiply, `C ← alpha · op(A) · op(B) + beta · C`, where `op(X)` is `X` or `Xᵀ`.
///
/// Reference implementation (i-k-j loop order). To be replaced by the packed SIMD kernel.
public enum GEMM {
    /// `C ← alpha · op(A) · op(B) + beta · C` on raw row-major buffers.
    ///
    /// - Parameters:
    ///   - transposeA: use `Aᵀ`; `A` is stored `k x m` (leading dimension `lda`) when true, `m x k` otherwise.
    ///   - transposeB: use `Bᵀ`; `B` is stored `n x k` when true, `k x n` otherwise.
    ///   - m, n, k: `op(A)` is `m x k`, `op(B)` is `k x n`, `C` is `m x n`.
    ///   - lda, ldb, ldc: row strides (leading dimensions) of the stored `A`, `B`, `C`.
    ///   - beta: when 0, `C` is overwritten (NaN in `C` does not propagate).
    /// - Complexity: O(m n k) flops.
    @inlinable
    public static func multiply<S: OTScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: S, a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
        beta: S, c: UnsafeMutablePointer<S>, ldc: Int
    ) {
        for i in 0..<m {
            let ci = c + i &* ldc
            if beta == 0 {
                for j in 0..<n { ci[j] = 0 }
            } else if beta != 1 {
                for j in 0..<n { ci[j] *= beta }
            }
            for p in 0..<k {
                let aip = alpha * (transposeA ? a[p &* lda &+ i] : a[i &* lda &+ p])
                if transposeB {
                    for j in 0..<n { ci[j] += aip * b[j &* ldb &+ p] }
                } else {
                    let bp = b + p &* ldb
                    for j in 0..<n { ci[j] += aip * bp[j] }
                }
            }
        }
    }
}

/// `C ← alpha · op(A) · op(B) + beta · C` on matrices.
/// - Precondition: the shapes agree: `op(A)` is `m x k`, `op(B)` is `k x n`, `C` is `m x n`.
/// - Complexity: O(m n k).
@inlinable
public func gemm<S: OTScalar>(
    alpha: S = 1, _ a: Matrix<S>, transposeA: Bool = false, _ b: Matrix<S>, transposeB: Bool = false,
    beta: S = 0, into c: inout Matrix<S>
) {
    let m = transposeA ? a.columns : a.rows, k = transposeA ? a.rows : a.columns
    let kb = transposeB ? b.columns : b.rows, n = transposeB ? b.rows : b.columns
    precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
    precondition(c.rows == m && c.columns == n, "gemm: C is \(c.rows) x \(c.columns), expected \(m) x \(n)")
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                GEMM.multiply(
                    transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                    alpha: alpha, a: pa.baseAddress!, lda: a.columns, b: pb.baseAddress!, ldb: b.columns,
                    beta: beta, c: pc.baseAddress!, ldc: n)
            }
        }
    }
}

/// The product `op(A) · op(B)` as a new matrix.
/// - Complexity: O(m n k).
@inlinable
public func matmul<S: OTScalar>(
    _ a: Matrix<S>, _ b: Matrix<S>, transposeA: Bool = false, transposeB: Bool = false
) -> Matrix<S> {
    var c = Matrix<S>(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
    gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
    return c
}
