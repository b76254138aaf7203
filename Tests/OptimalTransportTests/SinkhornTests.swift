import OTKernels
import OptimalTransport
import _OTTestSupport
import Testing

@Suite("Sinkhorn")
struct SinkhornTests {
    func solve(_ p: ReferenceProblem, tolerance: Double = 1e-13) throws -> SinkhornOutput<Double> {
        let geometry = try PointCloud(p.x, p.y)
        let problem = try LinearProblem(geometry, a: p.sourceWeights, b: p.targetWeights)
        return try Sinkhorn(epsilon: .absolute(p.epsilon), tolerance: tolerance, maxIterations: 100_000)
            .solve(problem)
    }

    @Test("Reference values: costs and gauge-fixed potentials", arguments: ReferenceProblem.all.indices)
    func reference(index: Int) throws {
        let p = ReferenceProblem.all[index]
        let out = try solve(p)
        #expect(out.converged)
        // Marginal error ≤ 1e-13 moves the costs by about that much times the cost scale (~5).
        #expect(isClose(out.primalCost, p.sinkhornPrimalCost, absolute: 1e-10))
        #expect(isClose(out.regularizedCost, p.sinkhornRegularizedCost, absolute: 1e-10))
        #expect(isClose(out.dualCost, p.sinkhornRegularizedCost, absolute: 1e-10))
        // Potentials are unique up to f + c, g − c: compare after matching f_0.
        let shift = p.potentialF[0] - out.f[0]
        for (v, r) in zip(out.f, p.potentialF) { #expect(isClose(v + shift, r, absolute: 1e-9)) }
        for (v, r) in zip(out.g, p.potentialG) { #expect(isClose(v - shift, r, absolute: 1e-9)) }
    }
}
