/// The thin singular value decomposition by one-sided (Hestenes) Jacobi rotations with QR
/// preconditioning (Drmač and Veselić 2008), in `Double`.
///
/// With `W` the `p x q` matrix (`p ≤ q`) whose rows are to be orthogonalized (`Aᵀ` for a tall `A`,
/// `A` for a wide one):
/// 1. `P W = L Q` by ``PivotedLQ`` (QR with column pivoting of `Wᵀ`), so `R = Lᵀ` is upper
///    triangular with decreasing diagonal;
/// 2. the rows of `R` are orthogonalized pairwise: for rows `x`, `y` with `α = ‖x‖²`, `β = ‖y‖²`,
///    `γ = x·y`, the rotation `t = sign(ζ) / (|ζ| + √(1 + ζ²))`, `ζ = (β − α) / 2γ`, `c = 1/√(1 + t²)`,
///    `s = c t` makes them orthogonal; the rotations accumulate into `J`. Sweeps over all pairs (in
///    a fixed block order, on two threads for large `p`) stop when every pair has
///    `|γ| ≤ √p ε √(α β)` (the threshold LAPACK's `dgesvj` uses), and then `J R = Σ X` with
///    orthonormal rows `X`;
/// 3. `W = Pᵀ Xᵀ Σ (J Q)`: the rows of `J Q` (one GEMM) and of `X P` are the singular vectors.
///
/// Working on the `p x p` triangular factor instead of `W` makes the sweeps cost O(p³) instead of
/// O(p² q) (a large saving for very tall or wide inputs) and keeps Jacobi's accuracy: each singular
/// value to high relative accuracy when `W` is a well-conditioned matrix with scaled rows (Demmel
/// and Veselić 1992). A random dense 200 x 200 matrix takes about 10 sweeps.
enum OneSidedJacobi {
    /// The most sweeps before giving up; dense random inputs take about 10.
    static let maximumSweeps = 60

    /// A norm below this (about 1.5e-154, whose square is still normal) is treated as zero after the
    /// input is scaled to a largest magnitude in `[0.5, 1)`: such a row is below `ε ‖W‖` by far.
    static let negligibleNorm = Double.leastNormalMagnitude.squareRoot()

    /// Decomposes the row-major `rows x columns` matrix `a` as `A = U diag(σ) Vᵀ`, thin.
    /// - Returns: `u` row-major `rows x k`, `sigma` descending and non-negative, `vt` row-major
    ///   `k x columns`, with `k = min(rows, columns)`; each column of `u` has its largest-magnitude
    ///   entry positive.
    /// - Throws: ``LinearAlgebraError/didNotConverge(operation:iterations:)``.
    /// - Complexity: about 4 k² max(m, n) flops for the factorization and its `Q`, 2 k² max(m, n) for
    ///   the final GEMM and 14 k³ per Jacobi sweep.
    static func decompose(
        _ a: [Double], rows m: Int, columns n: Int, operation: String
    ) throws -> (u: [Double], sigma: [Double], vt: [Double]) {
        let p = min(m, n), q = max(m, n)
        guard p > 0 else {
            return ([Double](repeating: 0, count: m * p), [], [Double](repeating: 0, count: p * n))
        }
        // A = U Σ Vᵀ ⟺ Aᵀ = V Σ Uᵀ: orthogonalize the columns of a tall A, the rows of a wide one.
        let scale = DenseInput.powerOfTwoScale(a)
        let w = (m >= n ? DenseInput.transpose(a, rows: m, columns: n) : a).map { $0 * scale }
        let lq = PivotedLQ(w, rows: p, columns: q)
        var rows = DenseInput.transpose(lq.lower, rows: p, columns: p)
        var rotation = Matrix<Double>.identity(p).elements
        try orthogonalizeRows(&rows, accumulating: &rotation, count: p, length: p, operation: operation)
        var (x, sigma, j) = normalizedSortedRows(rows, accumulated: rotation, count: p)
        // W = Pᵀ Xᵀ Σ (J Q): the singular vectors on the side of W's rows are J Q, those on the other
        // side are the rows of X with the pivoting undone.
        var long = matmul(
            Matrix(rows: p, columns: p, elements: j), Matrix(rows: p, columns: q, elements: lq.orthonormalRows)
        ).elements
        var short = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for r in 0..<p { short[i * p + lq.pivots[r]] = x[i * p + r] }
        }
        x = []
        j = []
        for i in sigma.indices { sigma[i] /= scale }
        if m >= n {
            fixSigns(columnsOf: &long, rows: p, length: q, partner: &short, partnerLength: p)
            return (DenseInput.transpose(long, rows: p, columns: q), sigma, short)
        }
        fixSigns(columnsOf: &short, rows: p, length: p, partner: &long, partnerLength: q)
        return (DenseInput.transpose(short, rows: p, columns: p), sigma, long)
    }

    /// The smallest `p` for which a sweep runs on two threads.
    static let parallelThreshold = 96

    /// Jacobi sweeps on the rows of `w` (`p x q`) until every pair is orthogonal to within `√p ε`,
    /// applying every rotation also to the rows of `accumulated` (`p x p`).
    ///
    /// A sweep visits every pair once. For `p ≥ 96` it splits the rows into four blocks `B₀...B₃`
    /// and runs three rounds of two tasks on disjoint rows, on two threads: `(B₀ ∪ B₁, B₂ ∪ B₃)`
    /// all pairs within, then `(B₀ × B₂, B₁ × B₃)`, then `(B₀ × B₃, B₁ × B₂)`. The order is fixed,
    /// so the result does not depend on the number of threads or on timing.
    /// - Throws: ``LinearAlgebraError/didNotConverge(operation:iterations:)`` after ``maximumSweeps``.
    /// - Complexity: (2 q + 6 q + 6 p) flops per rotation, p (p − 1) / 2 pairs per sweep.
    static func orthogonalizeRows(
        _ w: inout [Double], accumulating v: inout [Double], count p: Int, length q: Int, operation: String
    ) throws {
        var norms = [Double](repeating: 0, count: p)
        var converged = false
        let bounds = (0...4).map { p * $0 / 4 }
        let rounds: [[(Range<Int>, Range<Int>?)]] = p >= parallelThreshold
            ? [
                [(bounds[0]..<bounds[2], nil), (bounds[2]..<bounds[4], nil)],
                [(bounds[0]..<bounds[1], bounds[2]..<bounds[3]), (bounds[1]..<bounds[2], bounds[3]..<bounds[4])],
                [(bounds[0]..<bounds[1], bounds[3]..<bounds[4]), (bounds[1]..<bounds[2], bounds[2]..<bounds[3])],
            ]
            : [[(0..<p, nil)]]
        var rotatedByTask = [Bool](repeating: false, count: 2)
        w.withUnsafeMutableBufferPointer { wBuffer in
            v.withUnsafeMutableBufferPointer { vBuffer in
                norms.withUnsafeMutableBufferPointer { nBuffer in
                    rotatedByTask.withUnsafeMutableBufferPointer { flags in
                        let rows = RowPairs(
                            w: wBuffer.baseAddress!, v: vBuffer.baseAddress!, norms: nBuffer.baseAddress!,
                            count: p, length: q)
                        for _ in 0..<maximumSweeps {
                            // Exact norms at the start of each sweep; inside it they are updated by
                            // the rotation identities ‖x'‖² = α − t γ, ‖y'‖² = β + t γ.
                            for i in 0..<p {
                                rows.norms[i] = VectorKernels.dot(rows.w + i &* q, rows.w + i &* q, count: q)
                            }
                            flags[0] = false
                            flags[1] = false
                            for round in rounds {
                                Parallel.forEachBlock(count: round.count) { tasks in
                                    for task in tasks where rows.orthogonalize(round[task].0, against: round[task].1) {
                                        flags[task] = true
                                    }
                                }
                            }
                            if !flags[0] && !flags[1] {
                                converged = true
                                break
                            }
                        }
                    }
                }
            }
        }
        guard converged else {
            throw LinearAlgebraError.didNotConverge(operation: operation, iterations: maximumSweeps)
        }
    }

    /// The buffers of one Jacobi run: rows `w` (`count x length`), the accumulated rotation `v`
    /// (`count x count`) and the squared row norms.
    struct RowPairs {
        let w: UnsafeMutablePointer<Double>
        let v: UnsafeMutablePointer<Double>
        let norms: UnsafeMutablePointer<Double>
        let count: Int
        let length: Int

        /// Rotates every pair `i < j` of `first` (when `second` is nil) or every pair
        /// `(i, j) ∈ first × second` that is not orthogonal to within `√count ε`; touches only
        /// those rows. Returns whether any pair was rotated.
        func orthogonalize(_ first: Range<Int>, against second: Range<Int>?) -> Bool {
            let tolerance = Double(count).squareRoot() * Double.ulpOfOne
            let tiny = OneSidedJacobi.negligibleNorm * OneSidedJacobi.negligibleNorm
            let p = count, q = length
            var rotated = false
            for i in first {
                for j in second ?? ((i &+ 1)..<first.upperBound) {
                    let alpha = norms[i], beta = norms[j]
                    if alpha <= tiny || beta <= tiny { continue }
                    let gamma = VectorKernels.dot(w + i &* q, w + j &* q, count: q)
                    // One square root while α β is safely normal (the rows are scaled to entries ≤ 1).
                    let product = alpha * beta
                    let scale = product > 0x1p-1000
                        ? product.squareRoot() : alpha.squareRoot() * beta.squareRoot()
                    if abs(gamma) <= tolerance * scale { continue }
                    rotated = true
                    let zeta = (beta - alpha) / (2 * gamma)
                    // For |ζ| > 1e150, √(1 + ζ²) would overflow; t = 1 / 2ζ to full precision.
                    let t = abs(zeta) > 1e150
                        ? 1 / (2 * zeta)
                        : (zeta >= 0 ? 1 : -1) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot(), s = c * t
                    VectorKernels.rotate(w + i &* q, w + j &* q, count: q, c: c, s: s)
                    VectorKernels.rotate(v + i &* p, v + j &* p, count: p, c: c, s: s)
                    norms[i] = max(0, alpha - t * gamma)
                    norms[j] = max(0, beta + t * gamma)
                }
            }
            return rotated
        }
    }

    /// From converged rows `w = Σ X` (`p x p`) and the accumulated `J`: `X` with unit rows, `σ`
    /// descending and `J` in the same order; rows of `X` for `σ = 0` are completed to an
    /// orthonormal set.
    static func normalizedSortedRows(
        _ w: [Double], accumulated j: [Double], count p: Int
    ) -> (x: [Double], sigma: [Double], j: [Double]) {
        var w = w
        var sigma = [Double](repeating: 0, count: p)
        w.withUnsafeMutableBufferPointer { wBuffer in
            for i in 0..<p {
                let row = wBuffer.baseAddress! + i * p
                let norm = VectorKernels.dot(row, row, count: p).squareRoot()
                sigma[i] = norm > negligibleNorm ? norm : 0
                for k in 0..<p { row[k] = sigma[i] > 0 ? row[k] / norm : 0 }
            }
        }
        let order = sigma.indices.sorted { sigma[$0] > sigma[$1] || (sigma[$0] == sigma[$1] && $0 < $1) }
        var x = order.flatMap { w[($0 * p)..<(($0 + 1) * p)] }
        let sortedJ = order.flatMap { j[($0 * p)..<(($0 + 1) * p)] }
        sigma = order.map { sigma[$0] }
        completeOrthonormalRows(&x, from: sigma.firstIndex(of: 0) ?? p, count: p, length: p)
        return (x, sigma, sortedJ)
    }

    /// Flips row `i` of `rows` (and of `partner`) so that the largest-magnitude entry of `rows[i]`
    /// is positive (the first such entry on ties): a deterministic sign for each singular pair.
    static func fixSigns(
        columnsOf rows: inout [Double], rows p: Int, length: Int, partner: inout [Double], partnerLength: Int
    ) {
        for i in 0..<p {
            let range = (i * length)..<((i + 1) * length)
            var pivot = range.lowerBound
            for k in range where abs(rows[k]) > abs(rows[pivot]) { pivot = k }
            guard rows[pivot] < 0 else { continue }
            for k in range { rows[k] = -rows[k] }
            for k in (i * partnerLength)..<((i + 1) * partnerLength) { partner[k] = -partner[k] }
        }
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
