import OTKernels
import OptimalTransport
import Testing

@Suite("Input validation")
struct InputValidationTests {
    let x = Matrix<Float>([[0, 0], [1, 1]]), y = Matrix<Float>([[0, 1], [1, 0], [2, 2]])

    @Test("Bad weights, ε, τ, options and potentials throw, naming the argument")
    func throwsOnBadInput() throws {
        let g = try PointCloud(x, y)
        let ok = Sinkhorn<Float>(epsilon: .absolute(0.1))
        func message(_ body: () throws -> Void) -> String? {
            do { try body() } catch let e as OTInputError { return e.message } catch { return "unexpected \(error)" }
            return nil
        }
        #expect(message { _ = try LinearProblem(g, a: [0.5, .nan]) }?.contains("source weights") == true)
        #expect(message { _ = try LinearProblem(g, a: [1.5, -0.5]) }?.contains("source weights") == true)
        #expect(message { _ = try LinearProblem(g, b: [0, 0, 0]) }?.contains("zero total mass") == true)
        #expect(message { _ = try LinearProblem(g, a: [1]) }?.contains("2 points") == true)
        #expect(message { _ = try LinearProblem(g, b: [0.5, 0.25, 0.5]) }?.contains("equal masses") == true)
        #expect(message { _ = try LinearProblem(g, tauA: 0) }?.contains("tauA") == true)
        #expect(message { _ = try LinearProblem(g, tauB: .infinity) }?.contains("tauB") == true)
        let p = try LinearProblem(g)
        #expect(message { _ = try Sinkhorn<Float>(epsilon: .absolute(0)).solve(p) }?.contains("epsilon") == true)
        #expect(message { _ = try Sinkhorn<Float>(epsilon: .absolute(-1)).solve(p) }?.contains("epsilon") == true)
        #expect(message { _ = try Sinkhorn<Float>(epsilon: .relative(.nan)).solve(p) }?.contains("epsilon") == true)
        #expect(message { _ = try Sinkhorn<Float>(epsilon: .absolute(0.1), maxIterations: 0).solve(p) } != nil)
        #expect(message { _ = try Sinkhorn<Float>(epsilon: .absolute(0.1), tolerance: -1).solve(p) } != nil)
        #expect(message { _ = try ok.solve(p, initialPotentials: ([0], [0, 0, 0])) }?.contains("initial potential f") == true)
        #expect(message { _ = try ok.solve(p, initialPotentials: ([0, 0], [0, .nan, 0])) }?.contains("initial potential g") == true)
        #expect(message { _ = try ok.divergence(x, Matrix<Float>([[1, 2, 3]])) }?.contains("dimension") == true)
        #expect(message { _ = try ok.divergence(x, y, a: [1, 2, 3]) }?.contains("source weights") == true)
        #expect(message { _ = try SinkhornDivergenceLoss(target: y, solver: Sinkhorn(epsilon: .relative(0.1))) } != nil)
        let zeroCost = try PointCloud(Matrix<Float>([[1, 1]]), Matrix<Float>([[1, 1]]))
        #expect(message { _ = try Sinkhorn<Float>(epsilon: .relative(0.1)).solve(LinearProblem(zeroCost)) }?.contains("mean cost") == true)
    }

    @Test("A custom cost without gradient closures throws when a gradient is asked for")
    func missingGradient() throws {
        let cost = CostFunction<Float>.custom(CustomCost(name: "plain", isSymmetric: true) { p, q in abs(p[0] - q[0]) })
        let out = try Sinkhorn<Float>(epsilon: .absolute(0.5)).solve(LinearProblem(PointCloud(x, y, cost: cost)))
        #expect(throws: OTInputError.self) { try out.sourceGradient() }
        #expect(throws: OTInputError.self) { try out.targetGradient() }
    }
}
