import OTKernels
import OptimalTransport
import _OTTestSupport
import Testing

@Suite("Sinkhorn")
struct SinkhornTests {
    func solve(_ p: ReferenceProblem) throws -> SinkhornOutput<Double> {
        try Fixtures.solve(p.x, p.y, a: p.sourceWeights, b: p.targetWeights, epsilon: p.epsilon)
    }

    @Test("Reference values: costs and gauge-fixed potentials", arguments: ReferenceProblem.all.indices)
    func reference(index: Int) throws {
        let p = ReferenceProblem.all[index]
        let out = try solve(p)
        #expect(out.converged)
        // Marginal error ≤ 1e-12 moves the costs by about that much times the cost scale (~5).
        #expect(isClose(out.primalCost, p.sinkhornPrimalCost, absolute: 1e-10))
        #expect(isClose(out.regularizedCost, p.sinkhornRegularizedCost, absolute: 1e-10))
        #expect(isClose(out.dualCost, p.sinkhornRegularizedCost, absolute: 1e-10))
        // Potentials are unique up to f + c, g − c: compare after matching f_0 (ε-scaled: looser).
        let shift = p.potentialF[0] - out.f[0]
        for (v, r) in zip(out.f, p.potentialF) { #expect(isClose(v + shift, r, absolute: 1e-9)) }
        for (v, r) in zip(out.g, p.potentialG) { #expect(isClose(v - shift, r, absolute: 1e-9)) }
    }

    @Test("As ε → 0 the cost tends to the exact optimum found by brute force over permutations")
    func epsilonToZero() throws {
        // Uniform weights on 5 + 5 points: the exact optimum is a permutation (Birkhoff).
        let x = Fixtures.cloud(5, 2, seed: 11), y = Fixtures.cloud(5, 2, seed: 12)
        let c = try PointCloud(x, y).costMatrix()
        var best = Double.infinity
        func permute(_ used: [Bool], _ i: Int, _ acc: Double) {
            if i == 5 { best = min(best, acc / 5); return }
            for j in 0..<5 where !used[j] {
                var u = used
                u[j] = true
                permute(u, i + 1, acc + c[i, j])
            }
        }
        permute([Bool](repeating: false, count: 5), 0, 0)
        var previous = Double.infinity
        for eps in [0.5, 0.1, 0.03] {
            let out = try Fixtures.solve(x, y, epsilon: eps)
            // exact ≤ ⟨C,P_ε⟩ ≤ OT_ε ≤ exact + ε KL(P*|abᵀ) = exact + ε log 5 (P* a permutation / 5).
            // 1e-10 absorbs the marginal error 1e-12 of the solve times the costs (~10).
            #expect(out.primalCost >= best - 1e-10)
            #expect(out.regularizedCost <= best + eps * Double.log(5) + 1e-10)
            #expect(out.primalCost - best <= previous)
            previous = out.primalCost - best
        }
        // At ε = 0.03 (costs ~4) the gap is well below the bound ε log 5 = 0.048 (a fifth of it):
        // the plan has nearly collapsed onto the permutation.
        #expect(previous < 0.2 * 0.03 * Double.log(5))
    }

    @Test("The plan's marginals hold to the tolerance; the plan agrees with planRow")
    func marginals() throws {
        let x = Fixtures.cloud(7, 3, seed: 1), y = Fixtures.cloud(9, 3, seed: 2)
        let a = Fixtures.weights(7, seed: 3), b = Fixtures.weights(9, seed: 4)
        let out = try Sinkhorn(epsilon: .relative(0.1), tolerance: 1e-9)
            .solve(LinearProblem(PointCloud(x, y), a: a, b: b))
        #expect(out.converged)
        let p = out.plan()
        var rowError = 0.0
        for i in 0..<7 { rowError += abs(p.row(i).reduce(0, +) - a[i]) }
        for j in 0..<9 {
            // Columns are exact after the last g update, up to rounding of 7 terms.
            #expect(abs(p.column(j).reduce(0, +) - b[j]) < 1e-14)
        }
        #expect(rowError <= 1e-9)
        // marginalError is that row error (computed in a separate pass: agreement to rounding).
        #expect(abs(rowError - out.marginalError) < 1e-14)
        for (u, v) in zip(out.planRow(3), p.row(3)) { #expect(isClose(u, v, relative: 1e-12)) }
    }

    @Test("Float and Double agree on the reference problems", arguments: [0, 1, 2, 3])
    func floatDouble(index: Int) throws {
        let p = ReferenceProblem.all[index]
        let single = try Sinkhorn<Float>(epsilon: .absolute(Float(p.epsilon)), tolerance: 1e-5, maxIterations: 20_000)
            .solve(LinearProblem(PointCloud(p.x.converted(to: Float.self), p.y.converted(to: Float.self)),
                                 a: p.sourceWeights.map(Float.init), b: p.targetWeights.map(Float.init)))
        #expect(single.converged)
        // Float: ~1e-7 rounding per operation, amplified by 1/ε in the exponent and the marginal
        // tolerance 1e-5 times the cost scale (~5): 1e-4 relative.
        #expect(isClose(Double(single.regularizedCost), p.sinkhornRegularizedCost, relative: 1e-4))
        #expect(isClose(Double(single.primalCost), p.sinkhornPrimalCost, relative: 1e-4))
    }

    @Test("Unbalanced Sinkhorn tends to balanced as τ grows")
    func unbalancedToBalanced() throws {
        let p = ReferenceProblem.all[0]
        let balanced = try solve(p)
        var previous = Double.infinity
        for tau in [1.0, 10, 100, 1000, 1e5] {
            let out = try Fixtures.solve(p.x, p.y, a: p.sourceWeights, b: p.targetWeights, epsilon: p.epsilon, tau: tau)
            let gap = abs(out.regularizedCost - balanced.regularizedCost)
            #expect(gap < previous)
            previous = gap
        }
        // The gap shrinks like 1/τ (the marginal violation is O(1/τ)): ~1e-5 at τ = 1e5.
        #expect(previous < 1e-3)
    }

    @Test("Unbalanced with τ: the regularized cost is the primal objective, minimized by the potentials")
    func unbalancedObjective() throws {
        let x = Fixtures.cloud(4, 2, seed: 5), y = Fixtures.cloud(6, 2, seed: 6)
        let a = Fixtures.weights(4, seed: 7), b = Fixtures.weights(6, seed: 8).map { $0 * 1.5 }
        let eps = 0.3, tau = 0.7
        let out = try Fixtures.solve(x, y, a: a, b: b, epsilon: eps, tau: tau)
        #expect(out.converged)
        // Recompute the objective from the dense plan by hand.
        let c = try PointCloud(x, y).costMatrix(), p = out.plan()
        func kl(_ u: [Double], _ v: [Double]) -> Double { zip(u, v).reduce(0) { $0 + $1.0 * Double.log($1.0 / $1.1) - $1.0 + $1.1 } }
        var objective = 0.0, plan = [Double](), prior = [Double]()
        for i in 0..<4 {
            for j in 0..<6 {
                objective += c[i, j] * p[i, j]
                plan.append(p[i, j])
                prior.append(a[i] * b[j])
            }
        }
        objective += eps * kl(plan, prior)
        objective += tau * kl((0..<4).map { p.row($0).reduce(0, +) }, a)
        objective += tau * kl((0..<6).map { p.column($0).reduce(0, +) }, b)
        // Same quantity by two summation orders: 1e-12.
        #expect(isClose(out.regularizedCost, objective, absolute: 1e-12))
        // Optimality: scaling the plan up or down by 1% raises the objective (convex in the scale).
        for s in [0.99, 1.01] {
            var o = 0.0
            let sp = plan.map { $0 * s }
            for i in 0..<4 { for j in 0..<6 { o += c[i, j] * sp[i * 6 + j] } }
            o += eps * kl(sp, prior) + tau * kl((0..<4).map { i in (0..<6).reduce(0) { $0 + sp[i * 6 + $1] } }, a)
                + tau * kl((0..<6).map { j in (0..<4).reduce(0) { $0 + sp[$1 * 6 + j] } }, b)
            #expect(o > objective)
        }
    }

    @Test("Warm starts cut the iterations; ε-scaling reaches the same solution")
    func warmStartAndScaling() throws {
        let x = Fixtures.cloud(6, 2, seed: 21), y = Fixtures.cloud(5, 2, seed: 22, shift: 1)
        let geometry = try PointCloud(x, y)
        let problem = try LinearProblem(geometry)
        let solver = Sinkhorn<Double>(epsilon: .absolute(0.1), tolerance: 1e-10, maxIterations: 100_000, checkEvery: 1)
        let cold = try solver.solve(problem)
        let warm = try solver.solve(problem, initialPotentials: (cold.f, cold.g))
        #expect(cold.converged && warm.converged)
        #expect(warm.iterations <= 2)
        #expect(cold.iterations > 20)
        var annealed = solver
        annealed.epsilonScaling = EpsilonScaling(decay: 0.7)
        let scaled = try annealed.solve(problem)
        #expect(scaled.converged)
        // Both within tolerance 1e-10 of the same optimum (cost scale ~10).
        #expect(isClose(scaled.regularizedCost, cold.regularizedCost, absolute: 1e-8))
    }

    @Test("Fixed-iteration mode runs exactly the requested iterations")
    func fixedIterations() throws {
        let x = Fixtures.cloud(6, 2, seed: 1), y = Fixtures.cloud(6, 2, seed: 2)
        let out = try Sinkhorn(epsilon: .absolute(0.1), maxIterations: 7, fixedIterations: true)
            .solve(LinearProblem(PointCloud(x, y)))
        #expect(out.iterations == 7)
    }

    @Test("Online and materialized geometries give the same solve")
    func onlineMatchesMaterialized() throws {
        let x = Fixtures.cloud(20, 3, seed: 31), y = Fixtures.cloud(17, 3, seed: 32)
        let solver = Sinkhorn<Double>(epsilon: .relative(0.05), tolerance: 1e-11, maxIterations: 10_000)
        for cost in [CostFunction<Double>.squaredEuclidean, .euclidean, .cosine, .pNorm(1.5)] {
            let dense = try solver.solve(LinearProblem(PointCloud(x, y, cost: cost)))
            let online = try solver.solve(LinearProblem(PointCloud(x, y, cost: cost, mode: .online)))
            // Identical arithmetic except the summation order of the mean cost: 1e-12.
            #expect(isClose(dense.regularizedCost, online.regularizedCost, absolute: 1e-12, relative: 1e-12))
            #expect(dense.iterations == online.iterations)
        }
    }

    @Test("Relative ε is the ratio times the mean cost")
    func relativeEpsilon() throws {
        let x = Fixtures.cloud(5, 2, seed: 1), y = Fixtures.cloud(4, 2, seed: 2)
        let geometry = try PointCloud(x, y)
        let c = geometry.costMatrix()
        let mean = c.elements.reduce(0, +) / Double(c.count)
        let out = try Sinkhorn(epsilon: .relative(0.2)).solve(LinearProblem(geometry))
        // Two summation orders of 20 costs.
        #expect(isClose(out.epsilon, 0.2 * mean, relative: 1e-14))
    }

    @Test("The barycentric projection is Σ_j P_ij y_j / Σ_j P_ij")
    func barycentricProjection() throws {
        let x = Fixtures.cloud(4, 2, seed: 41), y = Fixtures.cloud(5, 2, seed: 42)
        let out = try Fixtures.solve(x, y, epsilon: 0.5)
        let p = out.plan(), t = out.barycentricProjection()
        for i in 0..<4 {
            let mass = p.row(i).reduce(0, +)
            for k in 0..<2 {
                let expected = (0..<5).reduce(0.0) { $0 + p[i, $1] * y[$1, k] } / mass
                #expect(isClose(t[i, k], expected, absolute: 1e-14))
            }
        }
    }
}
