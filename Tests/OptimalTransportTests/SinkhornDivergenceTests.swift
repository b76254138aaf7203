import OTKernels
import OptimalTransport
import _OTTestSupport
import Testing

@Suite("SinkhornDivergence")
struct SinkhornDivergenceTests {
    let tight = Sinkhorn<Double>(epsilon: .absolute(0.1), tolerance: 1e-12, maxIterations: 200_000, checkEvery: 5,
                                 epsilonScaling: EpsilonScaling(decay: 0.5))

    @Test("Reference values", arguments: ReferenceProblem.all.indices)
    func reference(index: Int) throws {
        let p = ReferenceProblem.all[index]
        var solver = tight
        solver.epsilon = .absolute(p.epsilon)
        let s = try solver.divergence(p.x, p.y, a: p.sourceWeights, b: p.targetWeights)
        // Three solves to marginal error 1e-12 on costs of scale ~5.
        #expect(isClose(s.value, p.sinkhornDivergence, absolute: 1e-10))
    }

    @Test("Non-negative, zero on identical inputs, symmetric", arguments: [1, 2] as [UInt64])
    func invariants(seed: UInt64) throws {
        var tight = tight
        // ε comparable to the costs keeps the (debug-build) solves to 1e-12 short.
        tight.epsilon = .absolute(1)
        let x = Fixtures.cloud(4, 2, seed: seed), y = Fixtures.cloud(5, 2, seed: seed + 10, shift: 0.3)
        let a = Fixtures.weights(4, seed: seed + 20), b = Fixtures.weights(5, seed: seed + 30)
        let s = try tight.divergence(x, y, a: a, b: b)
        #expect(s.value > 0)
        let back = try tight.divergence(y, x, a: b, b: a)
        // OT_ε(a, b) = OT_ε(b, a) for a symmetric cost; solves to 1e-12.
        #expect(isClose(s.value, back.value, absolute: 1e-10))
        let same = try tight.divergence(x, x, a: a, b: a)
        #expect(abs(same.value) < 1e-10)
    }

    @Test("Unbalanced: the mass term, non-negative, zero on identical inputs")
    func unbalanced() throws {
        let x = Fixtures.cloud(5, 2, seed: 4), y = Fixtures.cloud(7, 2, seed: 5)
        let a = Fixtures.weights(5, seed: 6), b = Fixtures.weights(7, seed: 7).map { $0 * 2 }
        let s = try tight.divergence(x, y, a: a, b: b, tau: 1)
        // ε (m(a) − m(b))² / 2 with masses 1 and 2.
        #expect(isClose(s.massTerm, 0.1 * 1 / 2, relative: 1e-14))
        #expect(s.value > 0)
        let same = try tight.divergence(x, x, a: a, b: a, tau: 1)
        #expect(abs(same.value) < 1e-10)
    }

    @Test("W2² between Gaussian samples approaches ‖m1 − m2‖² + d (σ1 − σ2)² as n grows")
    func gaussianW2() throws {
        // Isotropic Gaussians in d = 2: m1 = 0, σ1 = 1; m2 = (1, 1), σ2 = 0.5: W2² = 2 + 2 · 0.25 = 2.5.
        // Quasi-random samples (a Fibonacci lattice through Box-Muller, the target lattice shifted)
        // make the sampling error small and steadily decreasing, so a debug-sized n shows the trend.
        let closedForm = 2.5
        let solver = Sinkhorn<Double>(epsilon: .absolute(0.1), tolerance: 1e-5, maxIterations: 20_000)
        var errors = [Double]()
        for n in [8, 16, 32] {
            let x = Fixtures.gaussianLattice(n, shift: (0, 0))
            let z = Fixtures.gaussianLattice(n, shift: (0.37, 0.61))
            let y = Matrix(rows: n, columns: 2, elements: z.elements.map { 1 + 0.5 * $0 })
            errors.append(abs(try solver.divergence(x, y).value - closedForm))
        }
        #expect(errors[1] < errors[0] && errors[2] < errors[1])
        // POT's exact emd2 on the same lattices is 2.5 + 0.53, + 0.20, − 0.064: 0.1 at n = 32 leaves room
        // for the ε = 0.1 divergence's O(ε²) bias.
        #expect(errors[2] < 0.1)
    }
}
