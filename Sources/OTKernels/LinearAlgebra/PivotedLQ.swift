/// The LQ factorization with row pivoting, `P W = L Q`, of a `p x q` matrix with `p ≤ q`: `P` a
/// permutation, `L` lower triangular `p x p` with `|L_00| ≥ |L_11| ≥ ...`, `Q` with orthonormal rows.
///
/// It is the transpose of the QR factorization with column pivoting, `Wᵀ Pᵀ = Qᵀ Lᵀ`, done on
/// rows so every loop is contiguous: step `k` brings the row of largest remaining norm (over
/// columns `k..<q`) to position `k` and reflects its tail onto `e_k` with `H_k = I − β v vᵀ`,
/// applied from the right to the rows below. Backward stable.
struct PivotedLQ {
    /// `L`, row-major `p x p`, zero above the diagonal.
    var lower: [Double]
    /// `Q`, row-major `p x q`, orthonormal rows.
    var orthonormalRows: [Double]
    /// Row `i` of `P W` is row `pivots[i]` of `W`.
    var pivots: [Int]

    /// Factors the row-major `p x q` matrix `w`.
    /// - Precondition: `p ≤ q`.
    /// - Complexity: 2 p² q − 2/3 p³ flops for `L`, as many for `Q`, and p² q / 2 for the exact
    ///   remaining norms used by the pivoting.
    init(_ w: [Double], rows p: Int, columns q: Int) {
        precondition(p <= q && w.count == p * q, "PivotedLQ: needs p <= q and p * q elements")
        var w = w
        var pivots = Array(0..<p)
        var betas = [Double](repeating: 0, count: p)
        var diagonal = [Double](repeating: 0, count: p)
        var rank = p
        w.withUnsafeMutableBufferPointer { buffer in
            let a = buffer.baseAddress!
            for k in 0..<p {
                let length = q &- k
                var best = k, bestNorm = -1.0
                for r in k..<p {
                    let tail = a + (r &* q &+ k)
                    let norm = VectorKernels.dot(tail, tail, count: length)
                    if norm > bestNorm { (best, bestNorm) = (r, norm) }
                }
                if best != k {
                    for j in 0..<q { swap(&a[k &* q &+ j], &a[best &* q &+ j]) }
                    pivots.swapAt(k, best)
                }
                guard bestNorm > 0 else {
                    // Every remaining row is zero: L is zero from here on and H_k = I.
                    rank = k
                    break
                }
                let v = a + (k &* q &+ k)
                let sigma = bestNorm.squareRoot()
                let alpha = v[0] >= 0 ? -sigma : sigma
                v[0] -= alpha
                let beta = 1 / (sigma * abs(v[0]))
                diagonal[k] = alpha
                betas[k] = beta
                for r in (k &+ 1)..<max(k &+ 1, p) {
                    let row = a + (r &* q &+ k)
                    let t = beta * VectorKernels.dot(row, v, count: length)
                    VectorKernels.axpy(-t, v, row, count: length)
                }
            }
        }
        var l = [Double](repeating: 0, count: p * p)
        for i in 0..<rank {
            for j in 0..<i { l[i * p + j] = w[i * q + j] }
            l[i * p + i] = diagonal[i]
        }
        for i in rank..<p {
            for j in 0..<rank { l[i * p + j] = w[i * q + j] }
        }
        // Q = [I_p 0] H_{p-1} ... H_0, built from the last reflector down; while H_{p-1} ... H_{k+1}
        // is applied, rows r < k are still e_r, so H_k changes only rows k..<p, columns k..<q.
        var rows = [Double](repeating: 0, count: p * q)
        for i in 0..<p { rows[i * q + i] = 1 }
        rows.withUnsafeMutableBufferPointer { buffer in
            w.withUnsafeBufferPointer { reflectors in
                let e = buffer.baseAddress!, a = reflectors.baseAddress!
                for k in stride(from: rank &- 1, through: 0, by: -1) {
                    let length = q &- k
                    let v = a + (k &* q &+ k)
                    for r in k..<p {
                        let row = e + (r &* q &+ k)
                        let t = betas[k] * VectorKernels.dot(UnsafePointer(row), v, count: length)
                        VectorKernels.axpy(-t, v, row, count: length)
                    }
                }
            }
        }
        lower = l
        orthonormalRows = rows
        self.pivots = pivots
    }
}
