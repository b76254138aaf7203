import OTKernels
import OptimalTransport
import _OTTestSupport
import Testing

@Suite("Gradients")
struct GradientTests {
    /// FD step 1e-5 and tolerance 1e-6: the central-difference error is O(h²) times third
    /// derivatives of size ~1/ε², plus solve errors ~1e-11 / h = 1e-6 at worst (costs ~10 times
    /// the marginal error 1e-12).
    let step = 1e-5, tolerance = 1e-6

    @Test("Reference gradients in the source points", arguments: ReferenceProblem.all.indices)
    func reference(index: Int) throws {
        let p = ReferenceProblem.all[index]
        let out = try Fixtures.solve(p.x, p.y, a: p.sourceWeights, b: p.targetWeights, epsilon: p.epsilon)
        let gradient = try out.sourceGradient()
        #expect(maxAbsoluteDifference(gradient, Matrix(p.gradientSourcePoints)) < 1e-10)
    }

    static let costs: [(String, CostFunction<Double>)] = [
        ("squaredEuclidean", .squaredEuclidean), ("euclidean", .euclidean), ("cosine", .cosine), ("pNorm(3)", .pNorm(3)),
        ("custom", .custom(CustomCost(
            name: "quartic", isSymmetric: true,
            cost: { x, y in zip(x, y).reduce(0) { $0 + Double.pow($1.0 - $1.1, 4) } },
            gradientX: { x, y, w, out in for k in 0..<x.count { out[k] += w * 4 * Double.pow(x[k] - y[k], 3) } },
            gradientY: { x, y, w, out in for k in 0..<x.count { out[k] -= w * 4 * Double.pow(x[k] - y[k], 3) } }))),
    ]

    @Test("Point gradients match finite differences for every cost", arguments: 0..<5)
    func points(costIndex: Int) throws {
        let cost = Self.costs[costIndex].1
        let x = Fixtures.cloud(3, 2, seed: 1), y = Fixtures.cloud(4, 2, seed: 2, shift: 0.5)
        let a = Fixtures.weights(3, seed: 3), b = Fixtures.weights(4, seed: 4)
        let eps = 1.0
        let out = try Fixtures.solve(x, y, a: a, b: b, epsilon: eps, cost: cost)
        let fdX = finiteDifferenceGradient(of: { try! Fixtures.solve($0, y, a: a, b: b, epsilon: eps, cost: cost).regularizedCost },
                                           at: x, step: step)
        #expect(maxAbsoluteDifference(try out.sourceGradient(), fdX) < tolerance)
        let fdY = finiteDifferenceGradient(of: { try! Fixtures.solve(x, $0, a: a, b: b, epsilon: eps, cost: cost).regularizedCost },
                                           at: y, step: step)
        #expect(maxAbsoluteDifference(try out.targetGradient(), fdY) < tolerance)
    }

    @Test("Unbalanced point and weight gradients match finite differences")
    func unbalanced() throws {
        let x = Fixtures.cloud(3, 2, seed: 5), y = Fixtures.cloud(3, 2, seed: 6)
        let a = Fixtures.weights(3, seed: 7), b = Fixtures.weights(3, seed: 8).map { $0 * 1.3 }
        let eps = 0.4, tau = 0.8
        let out = try Fixtures.solve(x, y, a: a, b: b, epsilon: eps, tau: tau)
        let fdX = finiteDifferenceGradient(of: { try! Fixtures.solve($0, y, a: a, b: b, epsilon: eps, tau: tau).regularizedCost },
                                           at: x, step: step)
        #expect(maxAbsoluteDifference(try out.sourceGradient(), fdX) < tolerance)
        let fdA = finiteDifferenceGradient(of: { try! Fixtures.solve(x, y, a: $0.elements, b: b, epsilon: eps, tau: tau).regularizedCost },
                                           at: Matrix(rows: 1, columns: 3, elements: a), step: step)
        #expect(maxAbsoluteDifference(Matrix(rows: 1, columns: 3, elements: out.sourceWeightGradient), fdA) < tolerance)
        let fdB = finiteDifferenceGradient(of: { try! Fixtures.solve(x, y, a: a, b: $0.elements, epsilon: eps, tau: tau).regularizedCost },
                                           at: Matrix(rows: 1, columns: 3, elements: b), step: step)
        #expect(maxAbsoluteDifference(Matrix(rows: 1, columns: 3, elements: out.targetWeightGradient), fdB) < tolerance)
    }

    @Test("Balanced weight gradient: derivatives along mass-preserving directions a + h(e_i − e_k)")
    func balancedWeights() throws {
        let x = Fixtures.cloud(4, 2, seed: 9), y = Fixtures.cloud(5, 2, seed: 10)
        let a = Fixtures.weights(4, seed: 11), b = Fixtures.weights(5, seed: 12)
        let eps = 0.3
        let gradient = try Fixtures.solve(x, y, a: a, b: b, epsilon: eps).sourceWeightGradient
        // Projected on Σ δa = 0.
        #expect(abs(gradient.reduce(0, +)) < 1e-12)
        for (i, k) in [(0, 1), (2, 3), (1, 3)] {
            func value(_ h: Double) throws -> Double {
                var moved = a
                moved[i] += h
                moved[k] -= h
                return try Fixtures.solve(x, y, a: moved, b: b, epsilon: eps).regularizedCost
            }
            let fd = (try value(step) - value(-step)) / (2 * step)
            #expect(abs(fd - (gradient[i] - gradient[k])) < tolerance)
        }
    }

    @Test("Sinkhorn divergence gradients match finite differences (balanced and unbalanced)", arguments: [nil, 1.5] as [Double?])
    func divergence(tau: Double?) throws {
        let x = Fixtures.cloud(3, 2, seed: 13), y = Fixtures.cloud(3, 2, seed: 14, shift: 0.4)
        let a = Fixtures.weights(3, seed: 15), b = Fixtures.weights(3, seed: 16)
        let solver = Sinkhorn<Double>(epsilon: .absolute(1), tolerance: 1e-12, maxIterations: 200_000, checkEvery: 5)
        let s = try solver.divergence(x, y, a: a, b: b, tau: tau)
        let fdX = finiteDifferenceGradient(of: { try! solver.divergence($0, y, a: a, b: b, tau: tau).value }, at: x, step: step)
        #expect(maxAbsoluteDifference(try s.sourceGradient(), fdX) < tolerance)
        let fdY = finiteDifferenceGradient(of: { try! solver.divergence(x, $0, a: a, b: b, tau: tau).value }, at: y, step: step)
        #expect(maxAbsoluteDifference(try s.targetGradient(), fdY) < tolerance)
        if tau != nil {
            let fdA = finiteDifferenceGradient(of: { try! solver.divergence(x, y, a: $0.elements, b: b, tau: tau).value },
                                               at: Matrix(rows: 1, columns: 3, elements: a), step: step)
            #expect(maxAbsoluteDifference(Matrix(rows: 1, columns: 3, elements: s.sourceWeightGradient), fdA) < tolerance)
        }
    }

    @Test("The training loss returns the divergence and its gradient")
    func loss() throws {
        let x = Fixtures.cloud(3, 2, seed: 17), y = Fixtures.cloud(4, 2, seed: 18, shift: 1)
        let solver = Sinkhorn<Double>(epsilon: .absolute(1), tolerance: 1e-12, maxIterations: 200_000, checkEvery: 5)
        let loss = try SinkhornDivergenceLoss(target: y, solver: solver)
        let (value, gradient) = try loss.valueAndGradient(of: x)
        // The same quantity as the divergence API (solves to 1e-12).
        #expect(isClose(value, try solver.divergence(x, y).value, absolute: 1e-10))
        let fd = finiteDifferenceGradient(of: { try! loss.valueAndGradient(of: $0).value }, at: x, step: step)
        #expect(maxAbsoluteDifference(gradient, fd) < tolerance)
    }

    @Test("Fixed-budget training regime: a few annealed iterations, gradient descent on the loss decreases it")
    func fixedBudget() throws {
        let y = Fixtures.cloud(8, 2, seed: 19, shift: 2)
        var x = Fixtures.cloud(8, 2, seed: 20)
        let loss = try SinkhornDivergenceLoss(target: y, solver: .fixedBudget(epsilon: .absolute(0.05), iterations: 15))
        let start = try loss.valueAndGradient(of: x).value
        for _ in 0..<20 {
            let (_, g) = try loss.valueAndGradient(of: x)
            // Step n/4 = 2: the gradient of a uniform-weight loss scales like 1/n.
            x = Matrix(rows: x.rows, columns: x.columns, elements: zip(x.elements, g.elements).map { $0 - 2 * $1 })
        }
        let end = try loss.valueAndGradient(of: x).value
        // Initially ~8 (means 2√2 apart); 20 steps of a near-Wasserstein flow must remove most of it.
        #expect(start > 5)
        #expect(end < 0.1 * start)
    }
}
