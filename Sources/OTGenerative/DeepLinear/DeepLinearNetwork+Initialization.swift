import OTKernels
import OptimalTransport

extension DeepLinearNetwork {
    /// The balanced factorization of `w0` (`d_N x d_0`) over the widths `d_0, …, d_N`: with the SVD
    /// `w0 = U diag(s) Vᵀ` truncated to `r = min(k, rank)` terms, every layer is `diag(s^{1/N})`
    /// (zero-padded to `d_i x d_{i−1}`), the first times `Vᵀ` on the right and the last times `U` on
    /// the left. Then `W_N ⋯ W_1 = w0` when `rank w0 ≤ k` (the top-`k` truncation otherwise) and
    /// `W_{j+1}ᵀ W_{j+1} = W_j W_jᵀ` for every `j` (balance 0).
    /// - Throws: ``OTInputError`` if `widths` has fewer than two entries, a width below 1, or ends
    ///   that do not match the shape of `w0`.
    /// - Complexity: one SVD of `w0` and O(Σ_i d_i d_{i−1}).
    public static func balanced(factorizing w0: Matrix<Double>, widths: [Int]) throws -> DeepLinearNetwork {
        guard widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else {
            throw OTInputError("widths = \(widths); expected at least two widths, each >= 1")
        }
        guard widths.first! == w0.columns, widths.last! == w0.rows else {
            throw OTInputError(
                "widths = \(widths) do not match W0 (\(w0.rows) x \(w0.columns)); "
                    + "expected \(w0.columns) first and \(w0.rows) last")
        }
        try Validate.points(w0, name: "W0")
        let (u, s, vt) = try w0.singularValueDecomposition()
        let depth = widths.count - 1
        let r = min(widths.min()!, s.count)
        let roots = s.prefix(r).map { Double.pow($0, 1 / Double(depth)) }
        var layers = [Matrix<Double>]()
        for i in 1...depth {
            let rows = widths[i], columns = widths[i - 1]
            layers.append(Matrix(rows: rows, columns: columns) { a, b in
                // (left factor) diag(roots) (right factor), with U on the last layer and Vᵀ on the first.
                var sum = 0.0
                for t in 0..<r {
                    let left = i == depth ? u[a, t] : (a == t ? 1.0 : 0.0)
                    let right = i == 1 ? vt[t, b] : (b == t ? 1.0 : 0.0)
                    sum += left * roots[t] * right
                }
                return sum
            })
        }
        return try DeepLinearNetwork(layers: layers)
    }

    /// The paper's "close" initialization for `L_τ` against `objective.target` (`S0`, eigenvalues
    /// `l`, `d = n`), then balanced over `widths`:
    ///
    /// ```
    /// S_init = (S0 − τ I) + G diag(D) Gᵀ,   D_i = a i + b,   a = −l_min·scale/n,   b = 2·scale·l_min,
    /// W0 = U_k diag(√S_k) V_kᵀ
    /// ```
    ///
    /// (`G` a random rotation, `U_k, S_k` the top-`k` eigenpairs of `S_init`, `V_k` random orthonormal
    /// `d0 x k`), with `scale = 10.95` shrunk by 0.95 until `√l_k − √(L(W0) − L*) > 0`, at most 400
    /// times (scale ≈ 1e-8). Without a bottleneck `L* = 0` and this is the paper's margin
    /// `√l_k − √L(W0)`; with one, `L*` over rank `≤ k` can exceed `l_k` and the paper's margin can
    /// never be positive, so the excess loss `L(W0) − L*` takes its place (our extension).
    /// - Returns: the balanced network and the `scale` used.
    /// - Throws: ``OTInputError`` for invalid widths (see ``balanced(factorizing:widths:)``) or a
    ///   `τ` not below `l_min` (nor, then, below `l_k`).
    /// - Complexity: one eigendecomposition and one loss per shrink, O(d³) each.
    public static func closeInitialization(
        objective: DeepLinearObjective, widths: [Int], using generator: inout some RandomNumberGenerator
    ) throws -> (network: DeepLinearNetwork, scale: Double) {
        let target = objective.target, n = target.dimension, tau = objective.loss.tau
        guard widths.count >= 2, widths.last! == n, widths.allSatisfy({ $0 >= 1 }) else {
            throw OTInputError("widths = \(widths); expected at least two widths >= 1, the last \(n)")
        }
        let lmin = target.eigenvalues.last!
        guard tau < lmin else {
            throw OTInputError(
                "tau = \(tau) is not below the smallest target eigenvalue \(lmin); S0 - tau I must be PSD")
        }
        let k = widths.min()!, d0 = widths[0]
        let lk = target.eigenvalues[k - 1]
        let optimalLoss = try BuresLinearOptimum(objective: objective, rank: k).loss
        let g = RandomRotation.haar(dimension: n, using: &generator)
        let v = RandomRotation.orthonormalColumns(rows: d0, columns: min(k, d0), using: &generator)
        var scale = 10.95
        var w0 = Matrix<Double>(rows: n, columns: d0)
        for _ in 0...400 {
            let perturbation = (1...n).map { -lmin * scale / Double(n) * Double($0) + 2 * scale * lmin }
            var sInit = BuresLinearTarget.spectralFunction(g, perturbation)
            for i in 0..<n {
                for j in 0..<n { sInit[i, j] += target.covariance[i, j] - (i == j ? tau : 0) }
            }
            let (values, vectors) = try sInit.symmetricEigen()
            w0 = Matrix(rows: n, columns: d0) { i, j in
                var sum = 0.0
                for t in 0..<v.columns {
                    let e = n - 1 - t  // eigenvalues ascend: the top one is last
                    sum += vectors[i, e] * max(0, values[e]).squareRoot() * v[j, t]
                }
                return sum
            }
            if lk.squareRoot() - max(0, try objective.value(at: w0) - optimalLoss).squareRoot() > 0 { break }
            scale *= 0.95
        }
        return (try balanced(factorizing: w0, widths: widths), scale)
    }
}
