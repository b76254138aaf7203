import OTKernels

/// The monotone (quantile) coupling of two measures on the line, shared by the 1-D solver and
/// sliced Wasserstein.
///
/// With the points of each measure visited in increasing order, it walks the north-west corner
/// of the sorted weights: at each step it moves `min(rest of a, rest of b)` between the current
/// pair and advances the exhausted side. This is the optimal plan for every convex cost
/// `h(x − y)`, in particular `|x − y|^p` with `p ≥ 1`. It visits at most `n + m − 1` pairs.
enum MonotoneCoupling {
    /// Calls `body(i, j, mass)` for every pair of the monotone coupling with positive mass.
    /// - Precondition: the orders are permutations of the weights' indices, sorting the points;
    ///   weights non-negative with equal sums (a rounding residue is dropped at the end).
    /// - Complexity: O(n + m).
    static func forEachPair<S: OTScalar>(
        sourceOrder: UnsafeBufferPointer<Int>, targetOrder: UnsafeBufferPointer<Int>,
        sourceWeights a: UnsafeBufferPointer<S>, targetWeights b: UnsafeBufferPointer<S>,
        _ body: (Int, Int, S) -> Void
    ) {
        let n = sourceOrder.count, m = targetOrder.count
        var k = 0, l = 0
        var restA = a[sourceOrder[0]], restB = b[targetOrder[0]]
        while true {
            let mass = Swift.min(restA, restB)
            if mass > 0 { body(sourceOrder[k], targetOrder[l], mass) }
            restA -= mass
            restB -= mass
            if k == n &- 1 && l == m &- 1 { return }
            if (restA == 0 && k < n &- 1) || l == m &- 1 {
                k &+= 1
                restA = a[sourceOrder[k]]
            } else {
                l &+= 1
                restB = b[targetOrder[l]]
            }
        }
    }

    /// The cost `|d|^p` of a displacement `d` and its derivative `p |d|^(p−1) sign(d)`
    /// (0 at `d = 0`), with the common orders 1 and 2 computed without `pow`.
    static func costAndSlope<S: OTScalar>(_ d: S, p: S) -> (cost: S, slope: S) {
        if p == 2 { return (d * d, 2 * d) }
        let size = abs(d)
        if p == 1 { return (size, d > 0 ? 1 : (d < 0 ? -1 : 0)) }
        if size == 0 { return (0, 0) }
        let power = S.pow(size, p - 1)
        return (power * size, d > 0 ? p * power : -p * power)
    }
}
