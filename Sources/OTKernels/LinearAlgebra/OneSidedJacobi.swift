/// The thin singular value decomposition by one-sided (Hestenes) Jacobi rotations, in `Double`.
///
/// The `p` rows of `W` (`p x q`, `p ≤ q`) are orthogonalized pairwise: for rows `x`, `y` with
/// `α = ‖x‖²`, `β = ‖y‖²`, `γ = x·y`, the rotation with `t = sign(ζ) / (|ζ| + √(1 + ζ²))`,
/// `ζ = (β − α) / 2γ`, `c = 1/√(1 + t²)`, `s = c t` makes them orthogonal, and the same rotation
/// accumulates `V`. Cyclic sweeps stop when every pair satisfies `|γ| ≤ q ε √(α β)`; then
/// `W = Σ Uᵀ` with `σ_i = ‖w_i‖`. Every singular value is computed to high relative accuracy
/// (Demmel and Veselić 1992), and `U` is orthogonal to about `q ε` even for tiny `σ_i`.
enum OneSidedJacobi {
    /// The most cyclic sweeps before giving up; well-conditioned inputs take 6 to 10.
    static let maximumSweeps = 60

    /// A norm below this (about 1.5e-154, whose square is still normal) is treated as zero after the
    /// input is scaled to a largest magnitude in `[0.5, 1)`: such a row is below `ε ‖W‖` by far.
    static let negligibleNorm = Double.leastNormalMagnitude.squareRoot()

    /// Decomposes the row-major `rows x columns` matrix `a` as `A = U diag(σ) Vᵀ`, thin.
    /// - Returns: `u` row-major `rows x k`, `sigma` descending and non-negative, `vt` row-major
    ///   `k x columns`, with `k = min(rows, columns)`.
    /// - Throws: ``LinearAlgebraError/didNotConverge(operation:iterations:)``.
    /// - Complexity: O(sweeps · k² · max(rows, columns)) flops, usually about 10 k² max(rows, columns) · 8.
    static func decompose(
        _ a: [Double], rows m: Int, columns n: Int, operation: String
    ) throws -> (u: [Double], sigma: [Double], vt: [Double]) {
        let k = min(m, n)
        guard k > 0 else {
            return ([Double](repeating: 0, count: m * k), [], [Double](repeating: 0, count: k * n))
        }
        // Orthogonalize the columns of A when it is tall (the rows of Aᵀ), its rows when it is wide:
        // A = U Σ Vᵀ  ⟺  Aᵀ = V Σ Uᵀ.
        let scale = DenseInput.powerOfTwoScale(a)
        let w = (m >= n ? DenseInput.transpose(a, rows: m, columns: n) : a).map { $0 * scale }
        var (left, sigma, right) = try orthogonalizeRows(w, count: k, length: max(m, n), operation: operation)
        for i in sigma.indices { sigma[i] /= scale }
        if m >= n {
            return (DenseInput.transpose(left, rows: k, columns: m), sigma, right)
        }
        return (DenseInput.transpose(right, rows: k, columns: k), sigma, left)
    }

    /// Jacobi on the rows of `w` (`p x q`, `p ≤ q`): returns `left` (`p x q`, orthonormal rows
    /// `u_i`), `sigma` descending and `right` (`p x p`, row `i` is the `i`-th column of the
    /// accumulated rotation `V`), with `w = V diag(σ) left`.
    static func orthogonalizeRows(
        _ w: [Double], count p: Int, length q: Int, operation: String
    ) throws -> (left: [Double], sigma: [Double], right: [Double]) {
        var w = w
        var v = Matrix<Double>.identity(p).elements
        var norms = [Double](repeating: 0, count: p)
        let tolerance = Double(q) * Double.ulpOfOne
        let tiny = negligibleNorm * negligibleNorm
        var converged = false
        w.withUnsafeMutableBufferPointer { wBuffer in
            let wp = wBuffer.baseAddress!
            for i in 0..<p { norms[i] = VectorKernels.dot(wp + i &* q, wp + i &* q, count: q) }
        }
        // Start from rows sorted by decreasing norm: the rotations then keep the larger norm first,
        // which speeds up convergence and leaves σ nearly sorted.
        let start = norms.indices.sorted { norms[$0] > norms[$1] || (norms[$0] == norms[$1] && $0 < $1) }
        w = start.flatMap { w[($0 * q)..<(($0 + 1) * q)] }
        v = start.flatMap { v[($0 * p)..<(($0 + 1) * p)] }
        w.withUnsafeMutableBufferPointer { wBuffer in
            v.withUnsafeMutableBufferPointer { vBuffer in
                let wp = wBuffer.baseAddress!, vp = vBuffer.baseAddress!
                for _ in 0..<maximumSweeps {
                    for i in 0..<p { norms[i] = VectorKernels.dot(wp + i &* q, wp + i &* q, count: q) }
                    var rotated = false
                    for i in 0..<max(0, p &- 1) {
                        for j in (i &+ 1)..<p {
                            let alpha = norms[i], beta = norms[j]
                            if alpha <= tiny || beta <= tiny { continue }
                            let gamma = VectorKernels.dot(wp + i &* q, wp + j &* q, count: q)
                            if abs(gamma) <= tolerance * alpha.squareRoot() * beta.squareRoot() { continue }
                            rotated = true
                            let zeta = (beta - alpha) / (2 * gamma)
                            // For |ζ| > 1e150, √(1 + ζ²) would overflow; t = 1 / 2ζ to full precision.
                            let t = abs(zeta) > 1e150
                                ? 1 / (2 * zeta)
                                : (zeta >= 0 ? 1 : -1) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                            let c = 1 / (1 + t * t).squareRoot(), s = c * t
                            VectorKernels.rotate(wp + i &* q, wp + j &* q, count: q, c: c, s: s)
                            VectorKernels.rotate(vp + i &* p, vp + j &* p, count: p, c: c, s: s)
                            norms[i] = max(0, alpha - t * gamma)
                            norms[j] = max(0, beta + t * gamma)
                        }
                    }
                    if !rotated {
                        converged = true
                        break
                    }
                }
            }
        }
        guard converged else { throw LinearAlgebraError.didNotConverge(operation: operation, iterations: maximumSweeps) }
        return finish(w, right: v, count: p, length: q)
    }

    /// Normalizes the converged rows into `left`, sorts by decreasing `σ`, completes the rows of
    /// zero `σ` to an orthonormal set, and fixes signs (largest-magnitude entry of each `u_i` positive).
    static func finish(
        _ w: [Double], right v: [Double], count p: Int, length q: Int
    ) -> (left: [Double], sigma: [Double], right: [Double]) {
        var w = w
        var sigma = [Double](repeating: 0, count: p)
        w.withUnsafeMutableBufferPointer { wBuffer in
            for i in 0..<p {
                let row = wBuffer.baseAddress! + i * q
                let norm = VectorKernels.dot(row, row, count: q).squareRoot()
                sigma[i] = norm > negligibleNorm ? norm : 0
                for j in 0..<q { row[j] = sigma[i] > 0 ? row[j] / norm : 0 }
            }
        }
        let order = sigma.indices.sorted { sigma[$0] > sigma[$1] || (sigma[$0] == sigma[$1] && $0 < $1) }
        var left = order.flatMap { w[($0 * q)..<(($0 + 1) * q)] }
        var right = order.flatMap { v[($0 * p)..<(($0 + 1) * p)] }
        sigma = order.map { sigma[$0] }
        completeOrthonormalRows(&left, from: sigma.firstIndex(of: 0) ?? p, count: p, length: q)
        for i in 0..<p {
            let row = (i * q)..<((i + 1) * q)
            var pivot = row.lowerBound
            for j in row where abs(left[j]) > abs(left[pivot]) { pivot = j }
            if left[pivot] < 0 {
                for j in row { left[j] = -left[j] }
                for j in (i * p)..<((i + 1) * p) { right[j] = -right[j] }
            }
        }
        return (left, sigma, right)
    }

    /// Replaces rows `first..<count` of `rows` (row-major, rows of `length`, the earlier rows
    /// orthonormal) by unit vectors orthogonal to all earlier rows: coordinate vectors
    /// orthogonalized twice by Gram-Schmidt, taking the next one whose remainder keeps half its norm.
    /// - Complexity: O(count² · length) in the worst case.
    static func completeOrthonormalRows(_ rows: inout [Double], from first: Int, count: Int, length: Int) {
        var candidate = 0
        var row = first
        var work = [Double](repeating: 0, count: length)
        while row < count && candidate < length {
            for j in 0..<length { work[j] = j == candidate ? 1 : 0 }
            candidate += 1
            rows.withUnsafeBufferPointer { basis in
                work.withUnsafeMutableBufferPointer { x in
                    for _ in 0..<2 {
                        for r in 0..<row {
                            let br = basis.baseAddress! + r * length
                            let t = VectorKernels.dot(br, x.baseAddress!, count: length)
                            VectorKernels.axpy(-t, br, x.baseAddress!, count: length)
                        }
                    }
                }
            }
            let norm = work.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0.5 else { continue }
            for j in 0..<length { rows[row * length + j] = work[j] / norm }
            row += 1
        }
    }
}
