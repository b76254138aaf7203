import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport

/// The c,λ-transform, straight from its definition: the full `B x N` cost matrix, then a
/// max-shifted log-sum-exp per row. Independent of the chunked GEMM kernel.
private struct DirectTransform {
    var values: [Double]
    var assignments: [Int]
    var mass: [Double]
    var barycenters: Matrix<Double>

    init(x: Matrix<Double>, y: Matrix<Double>, nu: [Double], psi: [Double], kappa: Double, lambda: Double) {
        let (b, n, d) = (x.rows, y.rows, x.columns)
        let cost = pairwiseSquaredDistances(x, y)
        values = []
        assignments = []
        mass = [Double](repeating: 0, count: n)
        barycenters = Matrix(rows: b, columns: d)
        for i in 0..<b {
            var pi = [Double](repeating: 0, count: n)
            if lambda == 0 {
                let scores = (0..<n).map { cost[i, $0] / kappa - psi[$0] }
                let best = scores.indices.min { scores[$0] < scores[$1] }!
                values.append(scores[best])
                assignments.append(best)
                pi[best] = 1
            } else {
                let a = (0..<n).map { (psi[$0] - cost[i, $0] / kappa) / lambda + Double.log(nu[$0]) }
                let m = a.max()!
                let lse = m + Double.log(a.reduce(0) { $0 + Double.exp($1 - m) })
                values.append(-lambda * lse)
                assignments.append(a.firstIndex(of: m)!)
                pi = a.map { Double.exp($0 - lse) }
            }
            for j in 0..<n {
                mass[j] += pi[j] / Double(b)
                for k in 0..<d { barycenters[i, k] += pi[j] * y[j, k] }
            }
        }
    }
}

@Suite struct SemiDiscreteTransformTests {
    static func fixture(batch: Int = 11, targets: Int = 37, dimension: Int = 5, seed: UInt64 = 7)
        -> (x: Matrix<Double>, y: Matrix<Double>, nu: [Double], psi: [Double])
    {
        var rng = Xoshiro256(seed: seed)
        let x = Matrix<Double>.normal(rows: batch, columns: dimension, using: &rng)
        let y = Matrix<Double>.normal(rows: targets, columns: dimension, using: &rng)
        var nu = (0..<targets).map { _ in 0.2 + rng.uniform(Double.self) }
        let total = nu.reduce(0, +)
        nu = nu.map { $0 / total }
        let psi = (0..<targets).map { _ in rng.normal(Double.self) }
        return (x, y, nu, psi)
    }

    /// Every chunk width, dividing N = 37 or not, and wider than N, gives the direct result.
    @Test(arguments: [0.0, 0.05, 1.0], [1, 3, 7, 16, 37, 50])
    func chunkedKernelMatchesDirectComputation(lambda: Double, chunk: Int) throws {
        let (x, y, nu, psi) = Self.fixture()
        let kappa = 1.7
        let problem = try SemiDiscreteProblem(target: y, targetWeights: nu, kappa: kappa, lambda: lambda)
        let got = try problem.cTransform(x, potential: psi, computing: [.targetMass, .barycenters], chunkSize: chunk)
        let want = DirectTransform(x: x, y: y, nu: nu, psi: psi, kappa: kappa, lambda: lambda)
        // The kernel expands ‖x − y‖² = ‖x‖² − 2x·y + ‖y‖² and sums in another order: a few ulp of
        // values of size ~10 (costs of normal points in 5-d) times a few dozen terms.
        let tolerance = 1e-12
        for b in 0..<x.rows { #expect(isClose(got.values[b], want.values[b], absolute: tolerance)) }
        #expect(got.assignments == want.assignments)
        let mass = try #require(got.targetMass)
        for j in 0..<y.rows { #expect(isClose(mass[j], want.mass[j], absolute: tolerance)) }
        #expect(maxAbsoluteDifference(try #require(got.barycenters), want.barycenters) < tolerance)
    }

    /// Target masses through every memory plan: logits held for the whole batch (budget ≥ B N),
    /// in balanced row blocks (3 or 4 rows of 11 held), or recomputed chunk by chunk (budget
    /// below a quarter of the batch), at chunk widths that do and do not divide N = 37 or the
    /// vector width; each agrees with the direct computation.
    @Test(arguments: [1, 2 * 37, 3 * 37, 4 * 37, 11 * 37, 1 << 20], [1, 7, 16, 50])
    func everyMemoryPlanMatchesDirectComputation(budget: Int, chunk: Int) throws {
        let (x, y, nu, psi) = Self.fixture(seed: 13)
        let problem = try SemiDiscreteProblem(target: y, targetWeights: nu, kappa: 2.3, lambda: 0.2)
        let weights = (0..<x.rows).map { Double($0 + 1) / 66 }
        let got = try problem.cTransform(
            x, potential: psi, sourceWeights: weights, computing: [.targetMass, .barycenters], chunkSize: chunk,
            logitBudget: budget)
        let want = DirectTransform(x: x, y: y, nu: nu, psi: psi, kappa: 2.3, lambda: 0.2)
        // As in chunkedKernelMatchesDirectComputation: rounding of values ~10 over a few dozen terms.
        let tolerance = 1e-12
        for b in 0..<x.rows { #expect(isClose(got.values[b], want.values[b], absolute: tolerance)) }
        #expect(got.assignments == want.assignments)
        // DirectTransform weighs rows by 1/B; the masses with the weights used here, from its definition.
        let cost = pairwiseSquaredDistances(x, y)
        var expected = [Double](repeating: 0, count: y.rows)
        for b in 0..<x.rows {
            let a = (0..<y.rows).map { k in (psi[k] - cost[b, k] / 2.3) / 0.2 + Double.log(nu[k]) }
            let m = a.max()!
            let lse = m + Double.log(a.reduce(0) { $0 + Double.exp($1 - m) })
            for j in 0..<y.rows { expected[j] += weights[b] * Double.exp(a[j] - lse) }
        }
        let mass = try #require(got.targetMass)
        for j in 0..<y.rows { #expect(isClose(mass[j], expected[j], absolute: tolerance)) }
        #expect(maxAbsoluteDifference(try #require(got.barycenters), want.barycenters) < tolerance)
    }

    /// A budget below 1 is a named error.
    @Test func rejectsEmptyLogitBudget() throws {
        let problem = try SemiDiscreteProblem(target: Matrix<Double>([[0], [1]]), lambda: 1)
        #expect(throws: OTInputError("logitBudget = 0; expected at least 1")) {
            _ = try problem.cTransform(Matrix([[0.5]]), potential: [0, 0], computing: .targetMass, logitBudget: 0)
        }
    }

    /// Float agrees with Double on every memory plan, at sizes that leave vector tails
    /// (N = 37 and d = 21 are not multiples of 16 or 8).
    @Test(arguments: [1, 3 * 53, 1 << 20])
    func floatAgreesWithDoubleOnEveryPlan(budget: Int) throws {
        let (x, y, nu, psi) = Self.fixture(batch: 9, targets: 53, dimension: 21, seed: 17)
        let double = try SemiDiscreteProblem(target: y, targetWeights: nu, kappa: 20, lambda: 0.05)
            .cTransform(x, potential: psi, computing: [.targetMass, .barycenters], chunkSize: 19, logitBudget: budget)
        let float = try SemiDiscreteProblem(
            target: y.converted(to: Float.self), targetWeights: nu.map(Float.init), kappa: 20, lambda: Float(0.05)
        ).cTransform(x.converted(to: Float.self), potential: psi.map(Float.init),
                     computing: [.targetMass, .barycenters], chunkSize: 19, logitBudget: budget)
        // Values ~2 (costs ~40 / κ 20) built from exponents ~40 (c/λ): Float's 6e-8 relative error
        // on exponents of 40 is 2.4e-6 in π, 1e-4 leaves room for sums of 53 and 21 terms.
        for b in 0..<x.rows { #expect(isClose(Double(float.values[b]), double.values[b], absolute: 1e-4)) }
        let massF = try #require(float.targetMass), massD = try #require(double.targetMass)
        for j in 0..<y.rows { #expect(isClose(Double(massF[j]), massD[j], absolute: 1e-4)) }
        let baryF = try #require(float.barycenters), baryD = try #require(double.barycenters)
        #expect(maxAbsoluteDifference(baryF.converted(to: Double.self), baryD) < 1e-4)
    }

    /// κ = mean ‖y‖²: hand-computed on a 3-4-5 triangle, and at a dimension with a vector tail.
    @Test func meanSquaredNormIsTheMeanOfRowNorms() throws {
        #expect(try SemiDiscreteProblem<Double>.meanSquaredNorm(of: Matrix([[3, 4], [1, 0]])) == 13)
        let (_, y, _, _) = Self.fixture(targets: 29, dimension: 37, seed: 19)
        let direct = (0..<y.rows).map { j in (0..<y.columns).reduce(0.0) { $0 + y[j, $1] * y[j, $1] } }
            .reduce(0, +) / 29
        // Sums of 37 squares of normal values (~37) in another order: a few ulp.
        #expect(isClose(try SemiDiscreteProblem<Double>.meanSquaredNorm(of: y), direct, absolute: 1e-12))
        let float = try SemiDiscreteProblem<Float>.meanSquaredNorm(of: y.converted(to: Float.self))
        // Float rounding of 37-term sums of size ~37: relative 1e-6 is ample.
        #expect(isClose(Double(float), direct, absolute: 1e-6 * direct))
    }

    /// The barycenters of the one-pass (online-rescaled) path equal those of the two-pass path.
    @Test(arguments: [1, 5, 37])
    func onlineBarycentersMatchTwoPassBarycenters(chunk: Int) throws {
        let (x, y, nu, psi) = Self.fixture(seed: 11)
        let problem = try SemiDiscreteProblem(target: y, targetWeights: nu, lambda: 0.3)
        let online = try problem.cTransform(x, potential: psi, computing: .barycenters, chunkSize: chunk)
        let exact = try problem.cTransform(x, potential: psi, computing: [.barycenters, .targetMass], chunkSize: chunk)
        #expect(online.targetMass == nil)
        // Same sums, rescaled on the way: rounding only (values of size ~1).
        #expect(maxAbsoluteDifference(try #require(online.barycenters), try #require(exact.barycenters)) < 1e-13)
        #expect(online.values == exact.values)
    }

    /// Targets 0 and 1 on a line: the Laguerre boundary `x² − ψ_1 = (x − 1)² − ψ_2` sits at
    /// `x = (1 + ψ_1 − ψ_2) / 2`; the values are hand-computed.
    @Test func hardTransformOfHandComputedCase() throws {
        let y = Matrix<Double>([[0], [1]])
        let problem = try SemiDiscreteProblem(target: y, lambda: 0)
        let x = Matrix<Double>([[0.2], [0.9]])
        // Boundary 0.5: 0.2 in cell 0 (0.2² = 0.04), 0.9 in cell 1 (0.1² = 0.01).
        let zero = try problem.cTransform(x, potential: [0, 0], computing: [.targetMass, .barycenters])
        #expect(zero.assignments == [0, 1])
        #expect(isClose(zero.values[0], 0.04, absolute: 1e-15) && isClose(zero.values[1], 0.01, absolute: 1e-15))
        #expect(zero.targetMass == [0.5, 0.5])
        #expect(zero.barycenters == Matrix([[0], [1]]))
        // Boundary 0.15: both in cell 1, values 0.8² − 0.7 and 0.1² − 0.7.
        let shifted = try problem.cTransform(x, potential: [0, 0.7], computing: .targetMass)
        #expect(shifted.assignments == [1, 1])
        #expect(shifted.targetMass == [0, 1])
        #expect(isClose(shifted.values[0], 0.64 - 0.7, absolute: 1e-15))
        #expect(isClose(shifted.values[1], 0.01 - 0.7, absolute: 1e-15))
        // Boundary 0.6: 0.2 back in cell 0 with value 0.04 − 0.9.
        let moved = try problem.cTransform(x, potential: [0.9, 0.7])
        #expect(moved.assignments == [0, 1])
        #expect(isClose(moved.values[0], 0.04 - 0.9, absolute: 1e-15))
    }

    /// `0 ≤ ψ^{c,λ} − ψ^c ≤ λ log(1/min_j ν_j)` (`λ log N` for uniform weights): the soft transform
    /// tends to the hard one linearly in λ.
    @Test(arguments: [1.0, 0.1, 0.01, 0.001])
    func softTransformTendsToHardTransform(lambda: Double) throws {
        let (x, y, nu, psi) = Self.fixture(batch: 20, seed: 3)
        let hard = try SemiDiscreteProblem(target: y, targetWeights: nu, lambda: 0).cTransform(x, potential: psi)
        let soft = try SemiDiscreteProblem(target: y, targetWeights: nu, lambda: lambda).cTransform(x, potential: psi)
        let bound = lambda * Double.log(1 / nu.min()!)
        for b in 0..<x.rows {
            let gap = soft.values[b] - hard.values[b]
            // −1e-12: rounding of values of size ~10.
            #expect(gap >= -1e-12 && gap <= bound + 1e-12, "gap \(gap) outside [0, \(bound)]")
        }
        // The largest π is the Laguerre cell unless two cells score within O(λ) of each other,
        // which for λ ≤ 0.01 does not happen in this fixture.
        if lambda <= 0.01 { #expect(soft.assignments == hard.assignments) }
    }

    /// Float runs the same algorithm: it agrees with Double to Float precision.
    @Test func floatAgreesWithDouble() throws {
        let (x, y, nu, psi) = Self.fixture(seed: 5)
        let double = try SemiDiscreteProblem(target: y, targetWeights: nu, lambda: 0.1)
            .cTransform(x, potential: psi, computing: [.targetMass, .barycenters], chunkSize: 8)
        let float = try SemiDiscreteProblem(target: y.converted(to: Float.self), targetWeights: nu.map(Float.init),
                                            lambda: Float(0.1))
            .cTransform(x.converted(to: Float.self), potential: psi.map(Float.init),
                        computing: [.targetMass, .barycenters], chunkSize: 8)
        // Values ~10 and exponents ~100 (costs / λ): Float's 6e-8 relative error times 100, plus slack.
        for b in 0..<x.rows { #expect(isClose(Double(float.values[b]), double.values[b], absolute: 1e-4)) }
        let massF = try #require(float.targetMass), massD = try #require(double.targetMass)
        for j in 0..<y.rows { #expect(isClose(Double(massF[j]), massD[j], absolute: 1e-4)) }
    }

    /// The MNIST regime: 784-d sparse images, κ = mean ‖y‖² (~92 here), λ = 0.025 (the paper's
    /// smallest positive value). The arguments c/λ span 54 ... 76, so exp(−c/λ) without a shift
    /// would be ~1e-24 ... 1e-33, at the edge of Float's range; the Float kernel (shifted by the row
    /// maximum) must agree with Double and stay finite.
    @Test func floatStaysAccurateAtMNISTScale() throws {
        var rng = Xoshiro256(seed: 9)
        let pixels = { (rows: Int) in
            Matrix<Double>(rows: rows, columns: 784) { _, _ in rng.uniform(Double.self) < 0.2 ? 0.5 + 0.5 * rng.uniform(Double.self) : 0 }
        }
        let y = pixels(150), x = pixels(12)
        let kappa = try SemiDiscreteProblem<Double>.meanSquaredNorm(of: y)
        let psi = (0..<150).map { _ in 0.01 * rng.normal(Double.self) }
        let double = try SemiDiscreteProblem(target: y, kappa: kappa, lambda: 0.025)
            .cTransform(x, potential: psi, computing: .targetMass, chunkSize: 64)
        let float = try SemiDiscreteProblem(target: y.converted(to: Float.self), kappa: Float(kappa), lambda: Float(0.025))
            .cTransform(x.converted(to: Float.self), potential: psi.map(Float.init), computing: .targetMass, chunkSize: 64)
        // Values ~1 built from dot products of size ~100/κ: Float's 6e-8 relative error on terms
        // ~40 (2x·y/κ) gives ~1e-5; 1e-4 leaves room for the 784-term sums.
        for b in 0..<x.rows { #expect(isClose(Double(float.values[b]), double.values[b], absolute: 1e-4)) }
        // Masses: errors of 1e-5 in values are 4e-4 relative in exponents / λ; masses are ≤ 1/B each.
        let massF = try #require(float.targetMass), massD = try #require(double.targetMass)
        for j in 0..<y.rows { #expect(isClose(Double(massF[j]), massD[j], absolute: 1e-4)) }
        #expect(massF.allSatisfy { $0.isFinite })
    }
}
