import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport

@Suite struct SemiDiscreteSolverTests {
    /// /work/shared/testdata/reference-values.json, key "ot", first case: POT/NumPy Sinkhorn in float64
    /// to a marginal error < 1e-14, squared Euclidean cost (no 1/2), ε = 0.1 absolute. Copied verbatim.
    static let source: [[Double]] = [
        [-2.645487450979539, -1.8692509416647929], [0.6080829130314829, 1.4067418536557301],
        [0.81913899529762, 0.8817397837044753], [0.02424519493729997, -0.6639941433448656],
        [-0.1447436490984641, 0.903088589276971],
    ]
    static let target: [[Double]] = [
        [-0.2947862241469354, 0.004095847868780977], [1.9694017406048476, -0.5993160120540746],
        [-0.8510250565985786, -0.9488862283730488], [0.39607491088596114, -0.12940567702453254],
        [-0.5984068289858169, -0.6420296905171656], [0.04293696297884553, -0.0660401534256061],
        [-0.1603855500133169, 0.4214008442937984],
    ]
    static let sourceWeights = [
        0.2518243702664, 0.1906790372555324, 0.12470708080271554, 0.16819349298584574, 0.2645960186895065,
    ]
    static let targetWeights = [
        0.16504381059618115, 0.08402144605874327, 0.1393844569741498, 0.17340006332622832, 0.17518987061522734,
        0.08344860106290874, 0.1795117513665615,
    ]
    static let epsilon = 0.1
    static let regularizedCost = 2.2734272373019717
    static let potentialF = [
        5.260070285505939, 1.9124854329160812, 0.6972963995476396, -0.06632724248156306, 0.50022439557194,
    ]
    static let potentialG = [
        0.459467057643616, 3.02750707747622, -1.0550014574497577, 0.5657066000563592, 0.5300979859653814,
        0.5227585604133845, -0.23262344588260098,
    ]

    /// With λ = ε the optimal ψ is Sinkhorn's g up to a constant, f = ψ^{c,λ}(x) is Sinkhorn's f up
    /// to the opposite constant, and F(ψ) is the regularized cost.
    @Test func recoversSinkhornDualOfReferenceProblem() throws {
        let problem = try SemiDiscreteProblem(
            target: Matrix(Self.target), targetWeights: Self.targetWeights, lambda: Self.epsilon)
        let solution = try SemiDiscreteSolver(tolerance: 1e-12).solve(
            problem, source: Matrix(Self.source), sourceWeights: Self.sourceWeights)
        #expect(solution.converged)
        #expect(solution.marginalError <= 1e-12)
        // The reference is exact to ~1e-14; a marginal error of 1e-12 moves F by less (F is
        // stationary) and the potentials by ~1e-12 / (ν_min / ε) ~ 1e-11.
        #expect(isClose(solution.value, Self.regularizedCost, absolute: 1e-11))
        let shift = solution.potential[0] - Self.potentialG[0]
        for j in Self.potentialG.indices {
            #expect(isClose(solution.potential[j] - shift, Self.potentialG[j], absolute: 1e-9))
        }
        for i in Self.potentialF.indices {
            #expect(isClose(solution.sourcePotential[i] + shift, Self.potentialF[i], absolute: 1e-9))
        }
    }

    /// 1-D: x = {0, 3} with a = (0.6, 0.4), y = {1, 2} with ν = (0.5, 0.5). The monotone plan sends
    /// 0.5 of x=0 to 1, 0.1 of x=0 to 2 and 0.4 of x=3 to 2: W = 0.5·1 + 0.1·4 + 0.4·1 = 1.3. x = 0 is
    /// split, so it sits on the Laguerre boundary: 1 − ψ_1 = 4 − ψ_2, ψ_2 − ψ_1 = 3 (f = (1, −2)
    /// gives 0.6 − 0.8 + 1.5 = 1.3). For λ > 0, 0 ≤ W^λ − W ≤ λ log 2 (KL(π|a⊗ν) ≤ log min(n, m)),
    /// and the split 0.5 : 0.1 at x = 0 gives (ψ_2 − ψ_1 − 3)/λ ≈ −log 5.
    @Test(arguments: [0.05, 0.01, 0.002])
    func smallLambdaApproachesHandComputedUnregularizedDual(lambda: Double) throws {
        let problem = try SemiDiscreteProblem(target: Matrix([[1], [2]]), lambda: lambda)
        let solution = try SemiDiscreteSolver(tolerance: 1e-11).solve(
            problem, source: Matrix([[0], [3]]), sourceWeights: [0.6, 0.4])
        #expect(solution.converged)
        // Rounding of values ~1 (the bound itself is exact).
        #expect(solution.value >= 1.3 - 1e-12 && solution.value <= 1.3 + lambda * Double.log(2) + 1e-12)
        let gap = solution.potential[1] - solution.potential[0]
        // −log 5 ± the leakage of x = 3 toward y = 1 (weight e^{−6/λ}, negligible): 2λ is a loose bound.
        #expect(abs(gap - 3) <= 2 * lambda)
        #expect(isClose(gap, 3 - lambda * Double.log(5), absolute: 1e-6))
    }

    @Test func floatSolveConverges() throws {
        let problem = try SemiDiscreteProblem(
            target: Matrix(Self.target).converted(to: Float.self), targetWeights: Self.targetWeights.map(Float.init),
            lambda: Float(Self.epsilon))
        let solution = try SemiDiscreteSolver<Float>(tolerance: 1e-4).solve(
            problem, source: Matrix(Self.source).converted(to: Float.self), sourceWeights: Self.sourceWeights.map(Float.init))
        #expect(solution.converged)
        // Float rounding of exponents ~50 (costs / ε) times a few ulp.
        #expect(isClose(Double(solution.value), Self.regularizedCost, absolute: 1e-4))
    }

    @Test func rejectsUnregularizedProblemAndBadSource() throws {
        let hard = try SemiDiscreteProblem(target: Matrix<Double>([[1], [2]]), lambda: 0)
        #expect(throws: OTInputError.self) { try SemiDiscreteSolver().solve(hard, source: Matrix([[0]])) }
        let soft = try SemiDiscreteProblem(target: Matrix<Double>([[1], [2]]), lambda: 0.1)
        #expect(throws: OTInputError.self) { try SemiDiscreteSolver().solve(soft, source: Matrix([[0, 1]])) }
        #expect(throws: OTInputError.self) {
            try SemiDiscreteSolver().solve(soft, source: Matrix([[0]]), sourceWeights: [0])
        }
        #expect(throws: OTInputError.self) { try SemiDiscreteSolver<Double>(tolerance: 0) }
    }
}
