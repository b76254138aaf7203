/// The implicit QL iteration with Wilkinson-type shifts for a symmetric tridiagonal matrix.
///
/// For each leading index `l` the iteration looks for the first negligible off-diagonal entry
/// `|e_m| ≤ ε (|d_m| + |d_{m+1}|)` at or after `l`; while `m > l` it performs one implicit QL step on
/// the block `l...m`, shifted by the eigenvalue of the leading 2 x 2 block closest to `d_l`, as a
/// chase of plane rotations from the bottom of the block to its top. Each rotation is applied to two
/// rows of the accumulated transform, so on return row `i` of the transform is the eigenvector of
/// `d[i]` (when the transform started as `Qᵀ` of the tridiagonal reduction).
/// The rotations are recorded in a ``RotationLog`` and applied to the transform in bulk (up to
/// 2²⁰ rotations at a time), column strip by column strip on two threads.
/// Convergence is cubic near the end; typically fewer than two steps per eigenvalue.
enum TridiagonalQL {
    /// The most QL steps spent on one eigenvalue before giving up (30 is the classical bound;
    /// we allow twice that).
    static let maximumStepsPerEigenvalue = 60

    /// Diagonalizes the tridiagonal `(d, e)` in place: on return `d` holds the eigenvalues (unsorted)
    /// and `e` is zero. Rotations are applied to rows of `rows` (row-major `n x n`).
    /// - Throws: ``LinearAlgebraError/didNotConverge(operation:iterations:)`` after
    ///   ``maximumStepsPerEigenvalue`` steps on one eigenvalue.
    /// - Complexity: about 6 n³ flops for the rotations of `rows` (done in bulk by ``RotationLog``),
    ///   O(n²) for the values alone.
    static func diagonalize(
        diagonal d: inout [Double], offDiagonal e: inout [Double], rows: inout [Double], n: Int, operation: String
    ) throws {
        precondition(d.count == n && e.count == n && rows.count == n * n, "TridiagonalQL: inconsistent sizes")
        guard n > 1 else { return }
        e[n - 1] = 0
        let eps = Double.ulpOfOne
        var cosines = [Double](repeating: 0, count: n), sines = [Double](repeating: 0, count: n)
        var log = RotationLog()
        try rows.withUnsafeMutableBufferPointer { rowBuffer in
            let z = rowBuffer.baseAddress!
            for l in 0..<n {
                var steps = 0
                while true {
                    var m = l
                    while m < n &- 1, abs(e[m]) > eps * (abs(d[m]) + abs(d[m &+ 1])) { m &+= 1 }
                    if m == l { break }
                    steps &+= 1
                    if steps > maximumStepsPerEigenvalue {
                        throw LinearAlgebraError.didNotConverge(operation: operation, iterations: steps &- 1)
                    }
                    // Shift: the eigenvalue of [[d_l, e_l], [e_l, d_{l+1}]] nearest d_l, folded into
                    // the first rotation's input g = d_m − shift.
                    let theta = (d[l &+ 1] - d[l]) / (2 * e[l])
                    let radius = hypot(theta, 1)
                    var g = d[m] - d[l] + e[l] / (theta + (theta >= 0 ? radius : -radius))
                    var s = 1.0, c = 1.0, p = 0.0
                    var split = false
                    var i = m &- 1
                    while i >= l {
                        let f = s * e[i], b = c * e[i]
                        let r = hypot(f, g)
                        e[i &+ 1] = r
                        if r == 0 {
                            // f and g underflowed together: the block splits at i + 1.
                            d[i &+ 1] -= p
                            e[m] = 0
                            split = true
                            break
                        }
                        s = f / r
                        c = g / r
                        g = d[i &+ 1] - p
                        let t = (d[i] - g) * s + 2 * c * b
                        p = s * t
                        d[i &+ 1] = g + p
                        g = c * t - b
                        cosines[i] = c
                        sines[i] = s
                        i &-= 1
                    }
                    // Rotations i = m−1 down to i + 1 (all of l..<m unless the block split).
                    log.append(top: i &+ 1, bottom: m, c: cosines, s: sines)
                    if log.rotationCount >= 1 << 20 { log.apply(to: z, rowLength: n) }
                    if split { continue }
                    d[l] -= p
                    e[l] = g
                    e[m] = 0
                }
            }
            log.apply(to: z, rowLength: n)
        }
    }

    /// `sqrt(x² + y²)` without intermediate overflow or underflow: directly when the sum of squares
    /// is safely inside the normal range (the common case, one square root on the QL critical
    /// path), by scaling with the larger magnitude otherwise.
    @inline(__always)
    static func hypot(_ x: Double, _ y: Double) -> Double {
        let sum = x * x + y * y
        if sum > 0x1p-1000 && sum < 0x1p1000 { return sum.squareRoot() }
        let ax = abs(x), ay = abs(y)
        let big = max(ax, ay), small = min(ax, ay)
        if big == 0 { return 0 }
        let ratio = small / big
        return big * (1 + ratio * ratio).squareRoot()
    }
}
