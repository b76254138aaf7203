import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport

@Suite struct SemiDiscreteSGDTests {
    /// μ = U[0, 1], y = {0.25, 0.75}, ν = (0.3, 0.7): the Laguerre boundary must sit at x = 0.3, where
    /// (0.3 − 0.25)² − ψ_1 = (0.3 − 0.75)² − ψ_2, so ψ_2 − ψ_1 = 0.2025 − 0.0025 = 0.2 (hand-computed).
    @Test func averagedSGDFindsLaguerreBoundaryOfUniformSource() throws {
        let problem = try SemiDiscreteProblem(target: Matrix<Double>([[0.25], [0.75]]), targetWeights: [0.3, 0.7], lambda: 0)
        let source = try UniformBoxSampler<Double>(lower: [0], upper: [1])
        let sgd = try SemiDiscreteSGD<Double>(stepSize: 0.1, steps: 50, batchSize: 200, schedule: .inverseSquareRoot)
        var rng = Xoshiro256(seed: 1)
        var psi = [0.0, 0.0]
        var report = try sgd.ascend(&psi, on: problem, source: source, using: &rng)
        for _ in 0..<40 { report = try sgd.ascend(&psi, on: problem, source: source, using: &rng) }
        #expect(report.steps == 50)
        // The boundary moves by Δψ/(2·0.5) per unit of Δψ; a batch of 200 estimates the cell masses
        // with standard deviation ~0.03, averaged over 50 steps and damped by the step size: 0.02 in
        // Δψ is 0.01 in the boundary, well outside what a wrong gradient sign or scale would reach.
        #expect(abs(psi[1] - psi[0] - 0.2) < 0.02)
        // A batch estimate of |ν − cell masses| summed over 2 cells: ~2 · 0.03.
        #expect(report.marginalError < 0.15)
    }

    /// A target minibatch moves only the potentials of the drawn targets.
    @Test func targetMinibatchUpdatesOnlyDrawnTargets() throws {
        let problem = try SemiDiscreteProblem(target: Matrix<Double>([[0], [1], [2], [3]]), lambda: 0.1)
        let source = try UniformBoxSampler<Double>(lower: [0], upper: [3])
        let sgd = try SemiDiscreteSGD<Double>(stepSize: 0.5, steps: 1, batchSize: 10, averaging: false, targetBatchSize: 2)
        var rng = Xoshiro256(seed: 3)
        var psi = [Double](repeating: 0, count: 4)
        _ = try sgd.ascend(&psi, on: problem, source: source, using: &rng)
        #expect(psi.filter { $0 != 0 }.count == 2)
        // Σ_{j∈J} (ν_j − ν(J) π̃_j) = ν(J) − ν(J) = 0: the step preserves the sum of ψ.
        #expect(abs(psi.reduce(0, +)) < 1e-15)
    }

    /// A target-minibatch step is a full gradient step on the problem restricted to the drawn
    /// targets (weights renormalized to 1/M), which is N/M times the full-data step per target: with
    /// the whole source at y_0 and λ = 0.01 (the other targets are ≥ 1 away, weight e^{-100}), the
    /// nearest drawn target gets mass 1, so the two drawn targets move by exactly η(1/2 − 1) and
    /// η(1/2 − 0) = ∓η/2 (the full-data step would be −3η/4 and +η/4).
    @Test func targetMinibatchStepIsTheRestrictedGradientStep() throws {
        let problem = try SemiDiscreteProblem(target: Matrix<Double>([[0], [1], [2], [3]]), lambda: 0.01)
        let source = try UniformBoxSampler<Double>(lower: [0], upper: [0])
        let eta = 0.5
        let sgd = try SemiDiscreteSGD<Double>(stepSize: eta, steps: 1, batchSize: 4, averaging: false, targetBatchSize: 2)
        for seed in 0..<6 as Range<UInt64> {
            var rng = Xoshiro256(seed: seed)
            var psi = [Double](repeating: 0, count: 4)
            _ = try sgd.ascend(&psi, on: problem, source: source, using: &rng)
            let moved = psi.filter { $0 != 0 }.sorted()
            // e^{-100} ≈ 4e-44 of mass leaks to the farther target: far below Double's resolution at η/2.
            #expect(moved == [-eta / 2, eta / 2], "seed \(seed): \(psi)")
        }
    }

    @Test func invalidConfigurationsThrow() throws {
        #expect(throws: OTInputError.self) { try SemiDiscreteSGD<Double>(batchSize: 0) }
        #expect(throws: OTInputError.self) { try SemiDiscreteSGD<Double>(stepSize: -1) }
        #expect(throws: OTInputError.self) { try SemiDiscreteSGD<Double>(steps: 0) }
        #expect(throws: OTInputError.self) { try SemiDiscreteSGD<Double>(targetBatchSize: 0) }
        #expect(throws: OTInputError.self) { try UniformBoxSampler<Double>(lower: [1], upper: [0]) }
        let problem = try SemiDiscreteProblem(target: Matrix<Double>([[0], [1]]), lambda: 0.1)
        let sgd = try SemiDiscreteSGD<Double>(targetBatchSize: 3)
        var rng = Xoshiro256(seed: 0)
        var psi = [0.0, 0.0]
        #expect(throws: OTInputError.self) {
            try sgd.ascend(&psi, on: problem, source: UniformBoxSampler<Double>(lower: [0], upper: [1]), using: &rng)
        }
        #expect(throws: OTInputError.self) {
            try SemiDiscreteSGD<Double>().ascend(
                &psi, on: problem, source: UniformBoxSampler<Double>(lower: [0, 0], upper: [1, 1]), using: &rng)
        }
    }
}
