import OTKernels

/// Rows of the transport plan, computed on demand (dense plans never need to exist).
///
/// Row `i` of `Q = diag(a)⁻¹ P` is `Q_ij = b_j exp((f_i + g_j − C_ij)/ε)`: the plan without its
/// source weight, so `(P1)_i / a_i = Σ_j Q_ij` is exact even for `a_i = 0`. With `transposed`, the
/// roles of the sides swap (pass `g, f, a`): row `j` of `Cᵀ`, `Q_ij = a_i exp((f_i + g_j − C_ij)/ε)`.
@usableFromInline
enum PlanRows {
    /// Calls `body(i, Q_i·, C_i·)` for every row, concurrently over row blocks; `body` must write
    /// only what belongs to row `i`.
    /// - Complexity: O(n m) vector exponentials (+ O(n m d) in online mode).
    @inlinable
    static func forEach<S: OTScalar>(
        f: [S], g: [S], b: [S], geometry: PointCloud<S>, epsilon: S, transposed: Bool,
        _ body: (Int, UnsafePointer<S>, UnsafePointer<S>) -> Void
    ) {
        let rows = f.count, length = g.count
        let inverse = 1 / epsilon
        var h = [S](repeating: 0, count: length)
        for j in 0..<length { h[j] = b[j] > 0 ? g[j] * inverse + S.log(b[j]) : -S.infinity }
        h.withUnsafeBufferPointer { hb in
            let hp = hb.baseAddress!
            Parallel.forEachBlock(count: rows, minimumBlock: Swift.max(1, 32_768 / Swift.max(1, length))) { block in
                var scratch = [S](repeating: 0, count: geometry.needsScratch(transposed: transposed) ? length : 0)
                var q = [S](repeating: 0, count: length)
                scratch.withUnsafeMutableBufferPointer { sb in
                    q.withUnsafeMutableBufferPointer { qb in
                        let qp = qb.baseAddress!
                        let sp = sb.baseAddress ?? qp
                        for i in block {
                            geometry.withCostRow(i, transposed: transposed, scratch: sp) { c in
                                let shift = f[i] * inverse
                                for j in 0..<length { qp[j] = hp[j] - c[j] * inverse + shift }
                                VectorExp.exp(inPlace: qb)
                                body(i, qp, c)
                            }
                        }
                    }
                }
            }
        }
    }
}
