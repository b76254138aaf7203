import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport
@testable import OTGenerative

@Suite("DeepLinearNetwork")
struct DeepLinearNetworkTests {
    @Test("balanced factorization reproduces W0 with balance ~0", arguments: [
        [4, 4], [4, 6, 4, 5, 5], [4, 4, 4, 4, 4, 4, 4, 4, 4, 5], [3, 8, 5],
    ])
    func balanced(widths: [Int]) throws {
        let w0 = DeepLinearFixtures.gaussian(rows: widths.last!, columns: widths[0], seed: 17)
        let network = try DeepLinearNetwork.balanced(factorizing: w0, widths: widths)
        #expect(network.widths == widths)
        // SVD reconstruction and N-th roots multiplied back: a few ulps per layer of an O(1) matrix.
        #expect(maxAbsoluteDifference(network.product, w0) < 1e-13)
        #expect(network.balance < 1e-13)
    }

    @Test("a bottleneck k truncates W0 to its best rank-k approximation (balanced)")
    func bottleneckTruncation() throws {
        let w0 = DeepLinearFixtures.gaussian(rows: 5, columns: 5, seed: 2)
        let network = try DeepLinearNetwork.balanced(factorizing: w0, widths: [5, 2, 5])
        let svd = try w0.singularValueDecomposition()
        let expected = Matrix<Double>(rows: 5, columns: 5) { i, j in
            (0..<2).reduce(0) { $0 + svd.u[i, $1] * svd.singularValues[$1] * svd.vt[$1, j] }
        }
        #expect(maxAbsoluteDifference(network.product, expected) < 1e-13)  // as above
        #expect(network.balance < 1e-13)
    }

    @Test("close initialization has a positive margin and is balanced")
    func closeInitialization() throws {
        let target = DeepLinearFixtures.target(dimension: 6, shift: 1)
        let objective = try DeepLinearObjective(target: target, loss: .buresWasserstein(tau: 0.1))
        var generator = Xoshiro256(seed: 5)
        let (network, scale) = try DeepLinearNetwork.closeInitialization(
            objective: objective, widths: [6, 6, 6, 6], using: &generator)
        let loss = try objective.value(at: network.product)
        #expect(target.eigenvalues.last!.squareRoot() - loss.squareRoot() > 0)
        #expect(scale <= 10.95 && scale > 0)
        #expect(network.balance < 1e-12)  // balanced by construction, rounding of O(1) entries
    }

    @Test("the random target has the requested smallest eigenvalue and is symmetric")
    func randomTarget() throws {
        let target = DeepLinearFixtures.target(dimension: 8, shift: 1)
        // 1/d + shift, up to the eigensolver's relative accuracy (~1e-15 of the largest eigenvalue).
        #expect(isClose(target.eigenvalues.last!, 1.0 / 8 + 1, absolute: 1e-12))
        #expect(zip(target.eigenvalues, target.eigenvalues.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(target.covariance == target.covariance.transposed())
        let square = matmul(target.squareRoot, target.squareRoot)
        #expect(maxAbsoluteDifference(square, target.covariance) < 1e-12)  // R0² = S0 to rounding
    }

    @Test("the gradient-flow rate is 8 N c^{2(2N−1)/N} K")
    func convergenceBound() {
        // Hand computation: l = (4, 1), L(0) = 0.25: c = 1 − 0.5 = 0.5, C0 = 2 (0.25 + 5) = 10.5,
        // K = √(0.5 · 1) / (2 · 110.25); N = 2: r = 16 · 0.5^3 · K.
        let bound = BuresLinearConvergenceBound(depth: 2, tau: 0.5, eigenvalues: [4, 1], rank: 2, initialLoss: 0.25)
        let k = 0.5.squareRoot() / 220.5
        #expect(isClose(bound.margin, 0.5, relative: 1e-15))
        #expect(isClose(bound.rate, 16 * 0.125 * k, relative: 1e-14))
        let flat = BuresLinearConvergenceBound(depth: 2, tau: 0, eigenvalues: [4, 1], rank: 2, initialLoss: 0.25)
        #expect(flat.rate == 0)
    }

    @Test("bad inputs throw a clear error")
    func badInputs() throws {
        #expect(throws: OTInputError.self) { try BuresLinearTarget(covariance: Matrix(rows: 2, columns: 3)) }
        #expect(throws: OTInputError.self) { try BuresLinearTarget(covariance: Matrix([[1, 0.5], [0, 1]])) }
        #expect(throws: OTInputError.self) { try BuresLinearTarget(covariance: Matrix([[1, 2], [2, 1]])) }
        let target = try BuresLinearTarget(covariance: Matrix([[2, 0], [0, 1]]))
        #expect(throws: OTInputError.self) {
            try DeepLinearObjective(target: target, loss: .buresWasserstein(tau: -0.1))
        }
        let atLk = try DeepLinearObjective(target: target, loss: .buresWasserstein(tau: 1))
        #expect(throws: OTInputError.self) { try BuresLinearOptimum(objective: atLk, rank: 2) }
        #expect(throws: Never.self) { try BuresLinearOptimum(objective: atLk, rank: 1) }  // 1 < l_1 = 2
        #expect(throws: OTInputError.self) {
            try DeepLinearNetwork(layers: [Matrix(rows: 3, columns: 2), Matrix(rows: 2, columns: 2)])
        }
        #expect(throws: OTInputError.self) {
            try DeepLinearObjective(target: target, loss: .frobenius).value(at: Matrix(rows: 3, columns: 2))
        }
        do {
            _ = try BuresLinearTarget(covariance: Matrix([[1, 2], [2, 1]]))
        } catch let error as OTInputError {
            #expect(error.message.contains("not positive semidefinite"))
        }
    }
}
