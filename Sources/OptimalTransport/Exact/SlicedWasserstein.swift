import OTKernels

/// The sliced Wasserstein distance between two point clouds and its gradient with respect to the
/// source points.
///
/// For directions `θ_1, ..., θ_L` on the unit sphere,
/// ```
/// SW_p^p(μ, ν) = (1/L) Σ_l W_p^p(θ_l·μ, θ_l·ν)
/// ∂SW/∂x_i     = (1/L) Σ_l w_{l,i} θ_l,   w_{l,i} = ∂W_p^p(θ_l·μ, θ_l·ν)/∂(θ_l·x_i)
/// ```
/// where `θ·μ = Σ a_i δ_{θ·x_i}` is the projected measure and each 1-D term is solved exactly
/// by sorting (``OneDimensionalTransport``). With random directions uniform on the sphere this is
/// an unbiased estimate of `E_θ W_p^p(θ·μ, θ·ν)`. The gradient is that of the estimate for the
/// fixed directions (exact away from ties in the projections).
///
/// Large problems split the directions over ``Parallel/threadCount`` fixed blocks whose partial
/// sums are added in block order: a run repeats bit for bit on one machine; another thread count
/// may change the last bits.
public struct SlicedWasserstein<Scalar: OTScalar>: Sendable {
    /// `SW_p^p`, the average of the projected `W_p^p` over the directions (not its p-th root).
    public let value: Scalar
    /// `∂ value / ∂ x`, one row per source point (n x d).
    public let sourceGradient: Matrix<Scalar>
    /// The directions used, one unit vector per row (L x d).
    public let directions: Matrix<Scalar>

    /// `count` directions drawn uniformly on the unit sphere of `R^dimension` (normalized
    /// standard Gaussian vectors), one per row.
    /// - Precondition: `count >= 0`, `dimension >= 1`.
    /// - Complexity: O(count · dimension).
    public static func randomDirections(
        count: Int, dimension: Int, using rng: inout some RandomNumberGenerator
    ) -> Matrix<Scalar> {
        precondition(count >= 0 && dimension >= 1, "randomDirections: count \(count), dimension \(dimension)")
        var elements = [Scalar]()
        elements.reserveCapacity(count * dimension)
        for _ in 0..<count {
            var v = [Double](repeating: 0, count: dimension), norm = 0.0
            // A zero vector has probability 0 but is redrawn rather than divided by.
            while norm == 0 {
                for k in 0..<dimension { v[k] = rng.normal(Double.self) }
                norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            }
            elements.append(contentsOf: v.map { Scalar($0 / norm) })
        }
        return Matrix(rows: count, columns: dimension, elements: elements)
    }

    /// Sliced Wasserstein over `directionCount` random directions (``randomDirections(count:dimension:using:)``).
    ///
    /// - Parameters:
    ///   - x: source points, n x d.
    ///   - y: target points, m x d.
    ///   - a: source weights; `nil` means uniform `1/n`.
    ///   - b: target weights; `nil` means uniform `1/m`; masses must agree as in ``OneDimensionalTransport``.
    ///   - directionCount: the number of random directions `L >= 1`.
    ///   - p: the order, `p >= 1`.
    ///   - rng: the source of the directions (seed it for reproducible results).
    /// - Throws: ``OTInputError`` for empty or non-finite clouds, different dimensions, bad
    ///   weights, unequal masses, `directionCount < 1` or `p < 1`.
    /// - Complexity: O(L (n + m) d); see the version with given directions.
    public static func compute(
        source x: Matrix<Scalar>, target y: Matrix<Scalar>, sourceWeights a: [Scalar]? = nil,
        targetWeights b: [Scalar]? = nil, directionCount: Int, p: Scalar = 2,
        massTolerance: Double = Validate.defaultMassTolerance, using rng: inout some RandomNumberGenerator
    ) throws -> SlicedWasserstein {
        guard directionCount >= 1 else {
            throw OTInputError("directionCount = \(directionCount); expected at least 1 direction")
        }
        try Validate.points(x, name: "source")
        let directions = randomDirections(count: directionCount, dimension: x.columns, using: &rng)
        return try compute(
            source: x, target: y, sourceWeights: a, targetWeights: b, directions: directions, p: p,
            massTolerance: massTolerance)
    }

    /// Sliced Wasserstein over the given `directions` (one per row, normally unit vectors; they
    /// are used as given, so other lengths scale the projections).
    ///
    /// - Throws: ``OTInputError`` as the random version, and when `directions` is empty, has a
    ///   non-finite entry or a dimension other than the clouds'.
    /// - Complexity: O(L (n + m) d) (the projections are sorted by radix sort), directions split
    ///   over the cores. n = m = 5000, d = 10, L = 200 takes ~0.045 s of CPU time in Float or
    ///   Double (release, `SWIFTOT_NATIVE=1`), about 9x less than POT's
    ///   `sliced_wasserstein_distance`, which also returns no gradient.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func compute(
        source x: Matrix<Scalar>, target y: Matrix<Scalar>, sourceWeights a: [Scalar]? = nil,
        targetWeights b: [Scalar]? = nil, directions: Matrix<Scalar>, p: Scalar = 2,
        massTolerance: Double = Validate.defaultMassTolerance
    ) throws -> SlicedWasserstein {
        try Validate.points(x, name: "source")
        try Validate.points(y, name: "target")
        try Validate.sameDimension(x, y, names: ("source", "target"))
        try Validate.points(directions, name: "directions")
        try Validate.sameDimension(x, directions, names: ("source", "directions"))
        try Validate.wassersteinOrder(p, name: "p")
        let (a, b) = try OneDimensionalTransport<Scalar>.balancedWeights(
            a, b, sourceCount: x.rows, targetCount: y.rows, massTolerance: massTolerance)

        let n = x.rows, m = y.rows, d = x.columns, count = directions.rows
        // Fixed blocks of directions, each with its own partial sums, added in block order:
        // the result depends on the thread count but never on timing.
        let blocks = Swift.min(count, (n &+ m) &* count >= 20_000 ? Parallel.threadCount : 1)
        var partialValues = [Double](repeating: 0, count: blocks)
        var partialGradients = [Scalar](repeating: 0, count: blocks &* n &* d)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                directions.withUnsafeBufferPointer { theta in
                    a.withUnsafeBufferPointer { a in
                        b.withUnsafeBufferPointer { b in
                            partialValues.withUnsafeMutableBufferPointer { values in
                                partialGradients.withUnsafeMutableBufferPointer { gradients in
                                    Parallel.forEachBlock(count: blocks) { blockRange in
                                        for block in blockRange {
                                            let lines = Parallel.blockRange(block, of: blocks, count: count)
                                            values[block] = Self.accumulate(
                                                lines: lines, x: x, y: y, a: a, b: b, directions: theta, d: d, p: p,
                                                gradient: gradients.baseAddress! + block &* n &* d)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let scale = 1 / Scalar(count)
        var gradient = Matrix<Scalar>(rows: n, columns: d)
        gradient.withUnsafeMutableBufferPointer { g in
            for block in 0..<blocks {
                for k in 0..<(n &* d) { g[k] += partialGradients[block &* n &* d &+ k] }
            }
            for k in 0..<(n &* d) { g[k] *= scale }
        }
        let value = partialValues.reduce(0, +) / Double(count)
        return SlicedWasserstein(value: Scalar(value), sourceGradient: gradient, directions: directions)
    }

    /// Adds `Σ_l w_{l,i} θ_l` into `gradient` (n x d) for the directions `lines` and returns
    /// `Σ_l W_p^p` over them (in Double).
    private static func accumulate(
        lines: Range<Int>, x: UnsafeBufferPointer<Scalar>, y: UnsafeBufferPointer<Scalar>,
        a: UnsafeBufferPointer<Scalar>, b: UnsafeBufferPointer<Scalar>, directions: UnsafeBufferPointer<Scalar>,
        d: Int, p: Scalar, gradient: UnsafeMutablePointer<Scalar>
    ) -> Double {
        let n = a.count, m = b.count
        var projectedX = [Scalar](repeating: 0, count: n), projectedY = [Scalar](repeating: 0, count: m)
        var slopes = [Scalar](repeating: 0, count: n)
        var sourceOrder = [Int](repeating: 0, count: n), targetOrder = [Int](repeating: 0, count: m)
        var sorter = SortingPermutation(), targetSorter = SortingPermutation()
        var total = 0.0
        for line in lines {
            let theta = directions.baseAddress! + line &* d
            project(x, onto: theta, d: d, into: &projectedX)
            project(y, onto: theta, d: d, into: &projectedY)
            projectedX.withUnsafeBufferPointer { px in
                projectedY.withUnsafeBufferPointer { py in
                    sourceOrder.withUnsafeMutableBufferPointer { sorter.sort(px, into: $0) }
                    targetOrder.withUnsafeMutableBufferPointer { targetSorter.sort(py, into: $0) }
                    slopes.withUnsafeMutableBufferPointer { slopes in
                        for i in 0..<n { slopes[i] = 0 }
                        sourceOrder.withUnsafeBufferPointer { sourceOrder in
                            targetOrder.withUnsafeBufferPointer { targetOrder in
                                MonotoneCoupling.forEachPair(
                                    sourceOrder: sourceOrder, targetOrder: targetOrder,
                                    sourceWeights: a, targetWeights: b
                                ) { i, j, mass in
                                    let (cost, slope) = MonotoneCoupling.costAndSlope(px[i] - py[j], p: p)
                                    total += Double(mass) * Double(cost)
                                    slopes[i] += mass * slope
                                }
                            }
                        }
                        for i in 0..<n {
                            let row = gradient + i &* d
                            let w = slopes[i]
                            for k in 0..<d { row[k] += w * theta[k] }
                        }
                    }
                }
            }
        }
        return total
    }

    /// `out[i] = θ · points_i` for the rows of a row-major `points.count / d x d` buffer.
    private static func project(
        _ points: UnsafeBufferPointer<Scalar>, onto theta: UnsafePointer<Scalar>, d: Int, into out: inout [Scalar]
    ) {
        out.withUnsafeMutableBufferPointer { out in
            for i in out.indices {
                let row = points.baseAddress! + i &* d
                var s: Scalar = 0
                for k in 0..<d { s += row[k] * theta[k] }
                out[i] = s
            }
        }
    }
}
