/// `C ← alpha · op(A) · op(B) + beta · C` on matrices, on all cores when large.
///
/// See ``GEMM`` for the algorithm. With `beta == 0` the old contents of `c` are ignored (a NaN
/// there does not propagate).
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
    // Empty storage may have no base address; nothing to compute then.
    guard m > 0 && n > 0 else { return }
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                // With k == 0, A and B are empty and never read; any valid pointer will do.
                let base = pc.baseAddress!
                GEMM.multiply(
                    transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                    alpha: alpha, a: pa.baseAddress ?? UnsafePointer(base), lda: max(1, a.columns),
                    b: pb.baseAddress ?? UnsafePointer(base), ldb: max(1, b.columns),
                    beta: beta, c: base, ldc: n)
            }
        }
    }
}

/// The product `op(A) · op(B)` as a new matrix.
/// - Precondition: the inner dimensions of `op(A)` and `op(B)` agree.
/// - Complexity: O(m n k).
@inlinable
public func matmul<S: OTScalar>(
    _ a: Matrix<S>, _ b: Matrix<S>, transposeA: Bool = false, transposeB: Bool = false
) -> Matrix<S> {
    var c = Matrix<S>(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
    gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
    return c
}
