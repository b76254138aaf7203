import OTKernels
import OptimalTransport

/// Seeded fixtures shared by the suites.
enum Fixtures {
    /// `n x d` standard normal points times `scale`, shifted by `shift`, from seed `seed`.
    static func cloud(_ n: Int, _ d: Int, seed: UInt64, scale: Double = 1, shift: Double = 0) -> Matrix<Double> {
        var rng = Xoshiro256(seed: seed)
        return Matrix<Double>.normal(rows: n, columns: d, mean: shift, standardDeviation: scale, using: &rng)
    }

    /// `n` quasi-random standard normal points in 2-D: the Fibonacci lattice
    /// `u_i = (i + 1/2)/n, v_i = i/φ` (shifted mod 1 by `shift`) through Box-Muller.
    static func gaussianLattice(_ n: Int, shift: (Double, Double)) -> Matrix<Double> {
        let phi = (1 + Double(5).squareRoot()) / 2
        var points = [Double]()
        for i in 0..<n {
            let u = ((Double(i) + 0.5) / Double(n) + shift.0).truncatingRemainder(dividingBy: 1)
            let v = (Double(i) / phi + shift.1).truncatingRemainder(dividingBy: 1)
            let r = (-2 * Double.log(1 - u)).squareRoot()
            points += [r * Double.cos(2 * Double.pi * v), r * Double.sin(2 * Double.pi * v)]
        }
        return Matrix(rows: n, columns: 2, elements: points)
    }

    /// `n` positive weights summing to 1, from seed `seed`.
    static func weights(_ n: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256(seed: seed)
        let w = (0..<n).map { _ in 0.5 + rng.uniform(Double.self) }
        let total = w.reduce(0, +)
        return w.map { $0 / total }
    }

    /// A tightly converged Double solve (marginal error ≤ 1e-12), annealed from the largest cost
    /// so that small ε converge in few iterations (the test suite runs in a debug build).
    static func solve(
        _ x: Matrix<Double>, _ y: Matrix<Double>, a: [Double]? = nil, b: [Double]? = nil, epsilon: Double,
        cost: CostFunction<Double> = .squaredEuclidean, tau: Double? = nil
    ) throws -> SinkhornOutput<Double> {
        try Sinkhorn(epsilon: .absolute(epsilon), tolerance: 1e-12, maxIterations: 200_000, checkEvery: 5,
                     epsilonScaling: EpsilonScaling(decay: 0.5))
            .solve(LinearProblem(PointCloud(x, y, cost: cost), a: a, b: b, tauA: tau, tauB: tau))
    }
}
