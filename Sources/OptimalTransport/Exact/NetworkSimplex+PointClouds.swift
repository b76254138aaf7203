import OTKernels

extension NetworkSimplex {
    /// The ground cost between two points for ``solve(source:target:sourceWeights:targetWeights:cost:)``.
    public enum GroundCost: Sendable, Equatable {
        /// `‖x − y‖²` (no 1/2 factor, as in POT and OTT-JAX): the optimal cost is `W_2²`.
        case squaredEuclidean
        /// `‖x − y‖^p` for an order `p ≥ 1`: the optimal cost is `W_p^p` (`p = 1`: earth mover's distance).
        case euclideanPower(Double)

        /// The cost of a squared distance `s = ‖x − y‖²`.
        @inline(__always)
        func callAsFunction(squaredDistance s: Double) -> Double {
            switch self {
            case .squaredEuclidean: return s
            case .euclideanPower(let p): return p == 2 ? s : Double.pow(s, p / 2)
            }
        }
    }

    /// Solves exact transport between two point clouds (one point per row) for a Euclidean
    /// ground cost.
    ///
    /// The cost matrix is computed entry by entry as `Σ_k (x_ik − y_jk)²` (no cancellation from
    /// the `‖x‖² + ‖y‖² − 2⟨x, y⟩` expansion, so coincident points cost exactly 0).
    ///
    /// - Parameters:
    ///   - x: source points, n x d.
    ///   - y: target points, m x d.
    ///   - a: source weights; `nil` means uniform `1/n`.
    ///   - b: target weights; `nil` means uniform `1/m`.
    ///   - cost: the ground cost, squared Euclidean by default.
    /// - Throws: ``OTInputError`` for empty or non-finite clouds, different dimensions, an order
    ///   `p < 1`, and every error of ``solve(a:b:cost:)``.
    /// - Complexity: O(n m d) for the cost (on all cores) plus the solve.
    public func solve(
        source x: Matrix<Double>, target y: Matrix<Double>, sourceWeights a: [Double]? = nil,
        targetWeights b: [Double]? = nil, cost: GroundCost = .squaredEuclidean
    ) throws -> ExactTransport {
        try Validate.points(x, name: "source")
        try Validate.points(y, name: "target")
        try Validate.sameDimension(x, y, names: ("source", "target"))
        if case .euclideanPower(let p) = cost { try Validate.wassersteinOrder(p, name: "cost order p") }
        let a = a ?? [Double](repeating: 1 / Double(x.rows), count: x.rows)
        let b = b ?? [Double](repeating: 1 / Double(y.rows), count: y.rows)
        try Validate.weights(a, count: x.rows, name: "source weights")
        try Validate.weights(b, count: y.rows, name: "target weights")
        return try solve(a: a, b: b, cost: Self.costMatrix(x, y, cost: cost))
    }

    /// The `n x m` matrix of `cost(x_i, y_j)`, rows split over the cores.
    static func costMatrix(_ x: Matrix<Double>, _ y: Matrix<Double>, cost: GroundCost) -> Matrix<Double> {
        let n = x.rows, m = y.rows, d = x.columns
        var c = Matrix<Double>(rows: n, columns: m)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                c.withUnsafeMutableBufferPointer { c in
                    Parallel.forEachBlock(count: n, minimumBlock: Swift.max(1, 65_536 / Swift.max(1, m &* d))) { rows in
                        for i in rows {
                            let xi = x.baseAddress! + i &* d
                            let row = c.baseAddress! + i &* m
                            for j in 0..<m {
                                let yj = y.baseAddress! + j &* d
                                var s = 0.0
                                for k in 0..<d {
                                    let t = xi[k] - yj[k]
                                    s += t * t
                                }
                                row[j] = cost(squaredDistance: s)
                            }
                        }
                    }
                }
            }
        }
        return c
    }
}
