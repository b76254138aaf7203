import OTKernels

extension SinkhornOutput {
    /// The dense plan `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)` (`n x m`).
    /// - Complexity: O(n m) exponentials and memory (+ O(n m d) in online mode).
    @_specialize(where S == Float) @_specialize(where S == Double)
    public func plan() -> Matrix<S> {
        let n = problem.geometry.sourceCount, m = problem.geometry.targetCount, a = problem.a
        var p = [S](repeating: 0, count: n * m)
        p.withUnsafeMutableBufferPointer { out in
            let o = out.baseAddress!
            PlanRows.forEach(f: f, g: g, b: problem.b, geometry: problem.geometry, epsilon: epsilon, transposed: false) { i, q, _ in
                for j in 0..<m { o[i &* m &+ j] = a[i] * q[j] }
            }
        }
        return Matrix(rows: n, columns: m, elements: p)
    }

    /// Row `i` of the plan, `P_i·` (length `m`), for plans too large to hold (online geometries).
    /// - Complexity: O(m) exponentials (+ O(m d) in online mode).
    @_specialize(where S == Float) @_specialize(where S == Double)
    public func planRow(_ i: Int) -> [S] {
        precondition(i >= 0 && i < problem.geometry.sourceCount, "planRow: row \(i) out of \(problem.geometry.sourceCount)")
        let geometry = problem.geometry, m = geometry.targetCount, inverse = 1 / epsilon
        var scratch = [S](repeating: 0, count: m)
        var row = [S](repeating: 0, count: m)
        scratch.withUnsafeMutableBufferPointer { sb in
            geometry.withCostRow(i, transposed: false, scratch: sb.baseAddress!) { c in
                for j in 0..<m {
                    let b = problem.b[j]
                    row[j] = b > 0 ? problem.a[i] * b * S.exp((f[i] + g[j] - c[j]) * inverse) : 0
                }
            }
        }
        return row
    }

    /// The entropic map (barycentric projection) of the source points,
    /// `T(x_i) = Σ_j P_ij y_j / Σ_j P_ij` (`n x d`).
    /// - Complexity: O(n m d) (+ O(n m) exponentials).
    @_specialize(where S == Float) @_specialize(where S == Double)
    public func barycentricProjection() -> Matrix<S> {
        let geometry = problem.geometry, n = geometry.sourceCount, m = geometry.targetCount, d = geometry.dimension
        var out = [S](repeating: 0, count: n * d)
        let y = geometry.y.elements
        out.withUnsafeMutableBufferPointer { ob in
            let o = ob.baseAddress!
            PlanRows.forEach(f: f, g: g, b: problem.b, geometry: geometry, epsilon: epsilon, transposed: false) { i, q, _ in
                var total: S = 0
                let row = o + i &* d
                for j in 0..<m where q[j] > 0 {
                    total += q[j]
                    for k in 0..<d { row[k] += q[j] * y[j &* d &+ k] }
                }
                for k in 0..<d { row[k] /= total }
            }
        }
        return Matrix(rows: n, columns: d, elements: out)
    }
}
