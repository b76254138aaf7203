import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport

@Suite struct SemiDiscreteSemiDualTests {
    static func fixture(seed: UInt64 = 21) -> (x: Matrix<Double>, w: [Double], problem: (Double) throws -> SemiDiscreteProblem<Double>, psi: [Double]) {
        var rng = Xoshiro256(seed: seed)
        let x = Matrix<Double>.normal(rows: 6, columns: 3, using: &rng)
        let y = Matrix<Double>.normal(rows: 9, columns: 3, using: &rng)
        let w = (0..<6).map { _ in 0.1 + rng.uniform(Double.self) }
        let nu = (0..<9).map { _ in 0.1 + rng.uniform(Double.self) }
        let psi = (0..<9).map { _ in 0.5 * rng.normal(Double.self) }
        return (x, w, { try SemiDiscreteProblem(target: y, targetWeights: nu, kappa: 2.5, lambda: $0) }, psi)
    }

    /// ∂F/∂ψ_j = ν_j − Σ_b w_b π_j(x_b) against central differences of F.
    @Test(arguments: [1.0, 0.2, 0.03])
    func potentialGradientMatchesFiniteDifferences(lambda: Double) throws {
        let (x, w, makeProblem, psi) = Self.fixture()
        let problem = try makeProblem(lambda)
        let analytic = try #require(try problem.semiDual(potential: psi, at: x, sourceWeights: w).potentialGradient)
        let numeric = finiteDifferenceGradient(
            of: { p in try! problem.semiDual(potential: p.elements, at: x, sourceWeights: w, potentialGradient: false).value },
            at: Matrix(rows: 1, columns: psi.count, elements: psi))
        // Central differences with h = 1e-6: truncation h² F''' ~ 1e-12 / λ², rounding 1e-16 · |F| / h ~ 1e-9.
        for j in psi.indices { #expect(isClose(analytic[j], numeric.elements[j], absolute: 1e-7)) }
    }

    /// ∂F/∂x_b = w_b (2/κ)(x_b − Σ_j π_j(x_b) y_j) against central differences of F.
    @Test(arguments: [1.0, 0.2, 0.03])
    func sourceGradientMatchesFiniteDifferences(lambda: Double) throws {
        let (x, w, makeProblem, psi) = Self.fixture()
        let problem = try makeProblem(lambda)
        let analytic = try #require(
            try problem.semiDual(potential: psi, at: x, sourceWeights: w, potentialGradient: false, sourceGradient: true)
                .sourceGradient)
        let numeric = finiteDifferenceGradient(
            of: { try! problem.semiDual(potential: psi, at: $0, sourceWeights: w, potentialGradient: false).value },
            at: x)
        // As above: h = 1e-6 central differences of a smooth function of size ~1.
        #expect(maxAbsoluteDifference(analytic, numeric) < 1e-7)
    }

    /// With λ = 0 the gradient in x away from cell boundaries is w_b (2/κ)(x_b − y_{cell(b)}).
    @Test func hardSourceGradientMatchesFiniteDifferences() throws {
        let (x, w, makeProblem, psi) = Self.fixture()
        let problem = try makeProblem(0)
        let analytic = try #require(
            try problem.semiDual(potential: psi, at: x, sourceWeights: w, sourceGradient: true).sourceGradient)
        let numeric = finiteDifferenceGradient(
            of: { try! problem.semiDual(potential: psi, at: $0, sourceWeights: w, potentialGradient: false).value },
            at: x)
        // Piecewise quadratic: exact up to rounding unless a point lies within h of a cell boundary.
        #expect(maxAbsoluteDifference(analytic, numeric) < 1e-7)
    }

    /// F(ψ + t) = F(ψ) when the source weights sum to 1, and Σ_j ∂F/∂ψ_j = 0.
    @Test func semiDualIsShiftInvariant() throws {
        let (x, _, makeProblem, psi) = Self.fixture()
        let problem = try makeProblem(0.2)
        let base = try problem.semiDual(potential: psi, at: x)
        let shifted = try problem.semiDual(potential: psi.map { $0 + 3.25 }, at: x)
        // Rounding of values of size ~5.
        #expect(isClose(base.value, shifted.value, absolute: 1e-12))
        #expect(abs(try #require(base.potentialGradient).reduce(0, +)) < 1e-14)
    }

    @Test func invalidInputsThrowNamedErrors() throws {
        let y = Matrix<Double>([[0, 0], [1, 0]])
        func message(_ body: () throws -> Void) -> String {
            do { try body() } catch let error as OTInputError { return error.message } catch { return "\(error)" }
            return ""
        }
        #expect(message { _ = try SemiDiscreteProblem(target: y, lambda: -0.1) }.contains("lambda"))
        #expect(message { _ = try SemiDiscreteProblem(target: y, lambda: .nan) }.contains("lambda"))
        #expect(message { _ = try SemiDiscreteProblem(target: y, kappa: 0, lambda: 1) }.contains("kappa"))
        #expect(message { _ = try SemiDiscreteProblem(target: y, targetWeights: [1, 0], lambda: 1) }.contains("targetWeights[1]"))
        #expect(message { _ = try SemiDiscreteProblem(target: y, targetWeights: [1], lambda: 1) }.contains("targetWeights"))
        #expect(message { _ = try SemiDiscreteProblem(target: Matrix<Double>([[0, .nan]]), lambda: 1) }.contains("target"))
        let problem = try SemiDiscreteProblem(target: y, lambda: 0.1)
        #expect(message { _ = try problem.cTransform(Matrix(rows: 0, columns: 2), potential: [0, 0]) }.contains("batch size 0"))
        #expect(message { _ = try problem.cTransform(Matrix([[0, 0, 0]]), potential: [0, 0]) }.contains("dimension"))
        #expect(message { _ = try problem.cTransform(Matrix([[0, .infinity]]), potential: [0, 0]) }.contains("x has a non-finite"))
        #expect(message { _ = try problem.cTransform(Matrix([[0, 0]]), potential: [0]) }.contains("potential"))
        #expect(message { _ = try problem.cTransform(Matrix([[0, 0]]), potential: [0, .nan]) }.contains("potential[1]"))
        #expect(message { _ = try problem.semiDual(potential: [0, 0], at: Matrix([[0, 0]]), sourceWeights: [-1]) }
            .contains("sourceWeights[0]"))
        #expect(message { _ = try problem.cTransform(Matrix([[0, 0]]), potential: [0, 0], chunkSize: 0) }.contains("chunkSize"))
    }
}
