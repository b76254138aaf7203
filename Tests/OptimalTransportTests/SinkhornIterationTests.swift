import OTKernels
import OptimalTransport
import _OTTestSupport
import Testing

/// The solver's one-pass iteration (shifted sums, one exponential per entry, exact fallbacks)
/// against the textbook two-update scheme written out in Double.
@Suite("Sinkhorn iteration")
struct SinkhornIterationTests {
    /// `LSE(z)` with the maximum factored out (`−∞` when every entry is).
    static func logSumExp(_ z: [Double]) -> Double {
        let m = z.max()!
        return m == -.infinity ? m : m + Double.log(z.reduce(0) { $0 + Double.exp($1 - m) })
    }

    /// `iterations` rounds of `f_i ← κ_A (−ε LSE_j(g_j/ε + log b_j − C_ij/ε))`, then
    /// `g_j ← κ_B (−ε LSE_i(f_i/ε + log a_i − C_ij/ε))`, from zero potentials.
    static func reference(_ c: Matrix<Double>, a: [Double], b: [Double], epsilon e: Double, tau: Double?,
                          iterations: Int) -> (f: [Double], g: [Double]) {
        let kappa = tau.map { $0 / ($0 + e) } ?? 1
        var f = [Double](repeating: 0, count: c.rows), g = [Double](repeating: 0, count: c.columns)
        func log(_ w: Double) -> Double { w > 0 ? Double.log(w) : -.infinity }
        for _ in 0..<iterations {
            for i in 0..<c.rows {
                f[i] = -e * kappa * logSumExp((0..<c.columns).map { j in g[j] / e + log(b[j]) - c[i, j] / e })
            }
            for j in 0..<c.columns {
                g[j] = -e * kappa * logSumExp((0..<c.rows).map { i in f[i] / e + log(a[i]) - c[i, j] / e })
            }
        }
        return (f, g)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String, epsilon: Double, tau: Double?, outlier: Bool, zeroWeights: Bool
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "well scaled", epsilon: 0.5, tau: nil, outlier: false, zeroWeights: false),
        // From zero potentials S_i ≈ e^{−C/ε} with costs ~1 and ε = 10⁻³ is far below 2⁻⁴⁰: the
        // first rows take the exact fallback; the target 10 away has T_j ≈ e^{−10⁵} at every
        // iteration (column fallback); zero weights make a column fall back and a row drop out.
        Case(name: "badly scaled with an outlier and zero weights", epsilon: 1e-3, tau: nil, outlier: true,
             zeroWeights: true),
        Case(name: "unbalanced", epsilon: 0.1, tau: 0.7, outlier: false, zeroWeights: false),
        Case(name: "unbalanced, badly scaled", epsilon: 1e-3, tau: 0.2, outlier: true, zeroWeights: true),
    ]

    @Test("Potentials after a few fixed iterations equal the two-update scheme", arguments: cases)
    func matchesTwoUpdateScheme(_ test: Case) throws {
        let x = Fixtures.cloud(37, 3, seed: 21)
        var y = Fixtures.cloud(29, 3, seed: 22)
        if test.outlier { for k in 0..<3 { y[28, k] += 10 } }
        var a = Fixtures.weights(37, seed: 23), b = Fixtures.weights(29, seed: 24)
        if test.zeroWeights {
            a[3] += a[5]
            a[5] = 0
            b[0] += b[7]
            b[7] = 0
        }
        let geometry = try PointCloud(x, y), iterations = 6
        let out = try Sinkhorn<Double>(epsilon: .absolute(test.epsilon), maxIterations: iterations, fixedIterations: true)
            .solve(LinearProblem(geometry, a: a, b: b, tauA: test.tau, tauB: test.tau))
        let (f, g) = Self.reference(geometry.costMatrix(), a: a, b: b, epsilon: test.epsilon, tau: test.tau,
                                    iterations: iterations)
        // Rounding only: g/ε reaches ~10⁵ here, so the exponents carry ~10⁻¹¹ absolute error and the
        // potentials (up to ~100) ε times that; 1e-9 leaves room and still catches any wrong term.
        for (v, r) in zip(out.f, f) { #expect(isClose(v, r, absolute: 1e-9, relative: 1e-9)) }
        for (v, r) in zip(out.g, g) { #expect(isClose(v, r, absolute: 1e-9, relative: 1e-9)) }
    }

    @Test("Row blocks with their own column sums: materialized and online agree with the scheme")
    func largeProblemMatchesOnline() throws {
        // 300 x 280 entries make five row blocks (one per 16384 entries), each with its own column sums.
        let x = Fixtures.cloud(300, 2, seed: 31), y = Fixtures.cloud(280, 2, seed: 32)
        let solver = Sinkhorn<Double>(epsilon: .absolute(0.05), maxIterations: 4, fixedIterations: true)
        let dense = try solver.solve(LinearProblem(PointCloud(x, y)))
        let online = try solver.solve(LinearProblem(PointCloud(x, y, mode: .online)))
        let (f, g) = Self.reference(try PointCloud(x, y).costMatrix(), a: [Double](repeating: 1.0 / 300, count: 300),
                                    b: [Double](repeating: 1.0 / 280, count: 280), epsilon: 0.05, tau: nil,
                                    iterations: 4)
        // The same costs, summed in the same block order: identical.
        #expect(dense.f == online.f)
        #expect(dense.g == online.g)
        // As above: rounding only (g/ε ~ 10²).
        for (v, r) in zip(dense.f, f) { #expect(isClose(v, r, absolute: 1e-11, relative: 1e-11)) }
        for (v, r) in zip(dense.g, g) { #expect(isClose(v, r, absolute: 1e-11, relative: 1e-11)) }
    }
}
