import RealModule

/// One-sided (Hestenes) Jacobi on the rows of a small row-major matrix: plane rotations `J`, applied
/// on the left, until the rows of `J B` are mutually orthogonal. Then
///
/// ```
/// B = Jᵀ (J B),   B Bᵀ = Jᵀ diag(‖(J B)_i‖²) J,
/// ```
///
/// which is at once the SVD of `B` (left singular vectors = rows of `J`, `σ_i = ‖(J B)_i‖`, right
/// singular vectors = the normalized rows of `J B`) and the symmetric eigendecomposition of `B Bᵀ`,
/// without forming `B Bᵀ`: each `σ_i` is accurate relative to itself and the eigenvalues `σ_i²` are
/// non-negative by construction.
///
/// The loop passes in the previous rotation as a warm start: the matrix moves little per step, so
/// one or two sweeps suffice instead of the six to ten of a cold start.
enum RowJacobi {
    /// Rotates the rows of `b` (`rows x columns`, row-major) and of `rotation` (`rows x rows`) by the
    /// same plane rotations until every pair of rows of `b` has `|⟨b_p, b_q⟩| ≤ ε ‖b_p‖ ‖b_q‖`.
    ///
    /// Rows of zero norm are left as they are. The caller starts `rotation` as the identity with
    /// `b = B`, or as a previous rotation `J₀` with `b = J₀ B`.
    /// - Returns: the number of sweeps; `maxSweeps + 1` if the rows were still not orthogonal.
    /// - Complexity: per sweep, `rows (rows − 1) / 2` pairs of about `6 columns + 4 rows` flops each.
    @inline(__always)
    static func orthogonalizeRows(
        _ b: UnsafeMutablePointer<Double>, rows: Int, columns: Int,
        rotation: UnsafeMutablePointer<Double>, maxSweeps: Int = 60
    ) -> Int {
        let epsilon = Double.ulpOfOne
        for sweep in 1...maxSweeps {
            var rotated = false
            for p in 0..<rows {
                let bp = b + p &* columns, jp = rotation + p &* rows
                for q in (p &+ 1)..<max(p &+ 1, rows) {
                    let bq = b + q &* columns, jq = rotation + q &* rows
                    var alpha = 0.0, beta = 0.0, gamma = 0.0
                    for j in 0..<columns {
                        // Relaxed: reassociable sums, so the compiler vectorizes the three reductions.
                        alpha = Relaxed.multiplyAdd(bp[j], bp[j], alpha)
                        beta = Relaxed.multiplyAdd(bq[j], bq[j], beta)
                        gamma = Relaxed.multiplyAdd(bp[j], bq[j], gamma)
                    }
                    guard gamma != 0, abs(gamma) > epsilon * (alpha * beta).squareRoot() else { continue }
                    rotated = true
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot(), s = c * t
                    for j in 0..<columns {
                        let x = bp[j], y = bq[j]
                        bp[j] = c * x - s * y
                        bq[j] = s * x + c * y
                    }
                    for j in 0..<rows {
                        let x = jp[j], y = jq[j]
                        jp[j] = c * x - s * y
                        jq[j] = s * x + c * y
                    }
                }
            }
            if !rotated { return sweep }
        }
        return maxSweeps + 1
    }
}

extension RowJacobi {
    /// Makes the rows of the `n x n` row-major `q` orthonormal by modified Gram-Schmidt, in order.
    /// Applied to a warm-start rotation, it removes the loss of orthogonality (about ε per plane
    /// rotation) that would otherwise pile up over many calls and bias `‖(J B)_i‖` as singular values.
    /// - Complexity: about `2 n³` flops.
    @inline(__always)
    static func orthonormalizeRows(_ q: UnsafeMutablePointer<Double>, n: Int) {
        for i in 0..<n {
            let qi = q + i &* n
            for p in 0..<i {
                let qp = q + p &* n
                var dot = 0.0
                for j in 0..<n { dot = Relaxed.multiplyAdd(qi[j], qp[j], dot) }
                for j in 0..<n { qi[j] -= dot * qp[j] }
            }
            var norm = 0.0
            for j in 0..<n { norm = Relaxed.multiplyAdd(qi[j], qi[j], norm) }
            let scale = 1 / norm.squareRoot()
            for j in 0..<n { qi[j] *= scale }
        }
    }
}
