/// The reduction of a real symmetric matrix to tridiagonal form by Householder reflections,
/// `A = Q T Qᵀ`, with `T` tridiagonal and `Q` orthogonal.
///
/// Step `k` reflects row `k` of the trailing block onto its first entry with
/// `H = I − β v vᵀ` and updates the trailing block as `H A H = A − v wᵀ − w vᵀ`, where
/// `p = β A v` and `w = p − (β vᵀp / 2) v` (a symmetric rank-2 update, computed on full rows so
/// every inner loop is contiguous). The reflectors are kept in the zeroed part of the rows and
/// accumulated backwards into `Qᵀ`. Backward stable: `T` is exactly similar to `A + E` with
/// `‖E‖ = O(n ε ‖A‖)`.
struct HouseholderTridiagonalization {
    /// The diagonal of `T`, `n` entries.
    var diagonal: [Double]
    /// The off-diagonal of `T`: `offDiagonal[i] = T[i, i + 1]` for `i < n − 1`; the last entry is 0.
    var offDiagonal: [Double]
    /// `Qᵀ`, row-major `n x n`: row `i` is column `i` of `Q`.
    var transformRows: [Double]

    /// Reduces the symmetric row-major `n x n` matrix `a` (both triangles filled).
    /// - Complexity: 2 n³ flops for `T` plus 4/3 n³ for `Qᵀ`; O(n²) memory.
    init(symmetric a: [Double], n: Int) {
        precondition(a.count == n * n, "HouseholderTridiagonalization: \(a.count) elements for n = \(n)")
        var work = a
        var d = [Double](repeating: 0, count: n), e = [Double](repeating: 0, count: n)
        var betas = [Double](repeating: 0, count: n)
        var p = [Double](repeating: 0, count: n)
        var q = Matrix<Double>.identity(n).elements
        work.withUnsafeMutableBufferPointer { workBuffer in
            p.withUnsafeMutableBufferPointer { pBuffer in
                let w = workBuffer.baseAddress!, pw = pBuffer.baseAddress!
                for k in 0..<max(0, n &- 2) {
                    d[k] = w[k &* n &+ k]
                    let length = n &- k &- 1
                    let v = w + (k &* n &+ k &+ 1)
                    let tail = VectorKernels.dot(v + 1, v + 1, count: length &- 1)
                    if tail == 0 {
                        e[k] = v[0]
                        continue
                    }
                    let sigma = (v[0] * v[0] + tail).squareRoot()
                    let alpha = v[0] >= 0 ? -sigma : sigma
                    v[0] -= alpha
                    let beta = 1 / (sigma * abs(v[0]))
                    e[k] = alpha
                    betas[k] = beta
                    let block = w + ((k &+ 1) &* n &+ k &+ 1)
                    for i in 0..<length {
                        pw[i] = beta * VectorKernels.dot(block + i &* n, v, count: length)
                    }
                    let half = 0.5 * beta * VectorKernels.dot(v, pw, count: length)
                    VectorKernels.axpy(-half, v, pw, count: length)
                    for i in 0..<length {
                        let row = block + i &* n
                        let vi = v[i], pi = pw[i]
                        // Both products in one expression keep the block exactly symmetric.
                        for j in 0..<length { row[j] -= vi * pw[j] + pi * v[j] }
                    }
                }
                if n >= 2 {
                    d[n &- 2] = w[(n &- 2) &* n &+ n &- 2]
                    e[n &- 2] = w[(n &- 2) &* n &+ n &- 1]
                }
                if n >= 1 { d[n &- 1] = w[n &* n &- 1] }
            }
            q.withUnsafeMutableBufferPointer { qBuffer in
                let w = UnsafePointer(workBuffer.baseAddress!), qt = qBuffer.baseAddress!
                // Qᵀ = H_{n-3} ... H_0, built as M ← M H_k from the last reflector down; M H_k
                // changes only rows and columns k + 1 ..< n while M is the identity elsewhere.
                for k in stride(from: n &- 3, through: 0, by: -1) where betas[k] != 0 {
                    let length = n &- k &- 1
                    let v = w + (k &* n &+ k &+ 1)
                    for r in (k &+ 1)..<n {
                        let row = qt + (r &* n &+ k &+ 1)
                        let t = betas[k] * VectorKernels.dot(UnsafePointer(row), v, count: length)
                        VectorKernels.axpy(-t, v, row, count: length)
                    }
                }
            }
        }
        diagonal = d
        offDiagonal = e
        transformRows = q
    }
}
