import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport
@testable import OTGenerative

@Suite("DeepLinearLoss")
struct DeepLinearLossTests {
    // Central differences with h = 1e-6 on losses of size ~10: truncation ~h² · |L'''| ≈ 1e-11 and
    // rounding ~ε |L| / h ≈ 1e-9; 2e-7 leaves a margin and still catches any wrong term (those are O(1)).
    static let gradientTolerance = 2e-7

    static let losses: [DeepLinearLoss] = [.buresWasserstein(tau: 0), .buresWasserstein(tau: 0.3), .frobenius]

    @Test("∇L(W) matches finite differences (τ = 0 at full column rank, τ > 0, Frobenius)", arguments: losses)
    func gradientInProduct(loss: DeepLinearLoss) throws {
        let objective = try DeepLinearObjective(target: DeepLinearFixtures.target(dimension: 5), loss: loss)
        let w = DeepLinearFixtures.gaussian(rows: 5, columns: 4, seed: 11)
        let (_, gradient) = try objective.valueAndGradient(at: w)
        let numeric = finiteDifferenceGradient(of: { try! objective.value(at: $0) }, at: w)
        #expect(maxAbsoluteDifference(gradient, numeric) < Self.gradientTolerance)
    }

    @Test("∇L_τ(W) matches finite differences at a rank-deficient W (τ > 0 is smooth everywhere)")
    func gradientRankDeficient() throws {
        let objective = try DeepLinearObjective(
            target: DeepLinearFixtures.target(dimension: 5), loss: .buresWasserstein(tau: 0.2))
        // W = a bᵀ has rank one: R0 W W^T R0 is singular, M = ... + τ S0 is not.
        let a = DeepLinearFixtures.gaussian(rows: 5, columns: 1, seed: 3)
        let b = DeepLinearFixtures.gaussian(rows: 1, columns: 5, seed: 4)
        let w = matmul(a, b)
        let (_, gradient) = try objective.valueAndGradient(at: w)
        let numeric = finiteDifferenceGradient(of: { try! objective.value(at: $0) }, at: w)
        #expect(maxAbsoluteDifference(gradient, numeric) < Self.gradientTolerance)
    }

    @Test("per-layer gradients match finite differences", arguments: [
        ([3, 5, 4, 5], DeepLinearLoss.buresWasserstein(tau: 0)),
        ([4, 2, 3, 5], DeepLinearLoss.buresWasserstein(tau: 0.25)),
        ([5, 5, 5], DeepLinearLoss.frobenius),
    ])
    func layerGradients(widths: [Int], loss: DeepLinearLoss) throws {
        let objective = try DeepLinearObjective(target: DeepLinearFixtures.target(dimension: 5), loss: loss)
        let network = try DeepLinearFixtures.network(widths: widths, seed: 21)
        let (value, gradients) = try objective.valueAndLayerGradients(of: network)
        #expect(isClose(value, try objective.value(at: network.product), relative: 1e-12))
        for i in 0..<network.depth {
            let numeric = finiteDifferenceGradient(of: { layer in
                var probe = network
                probe.layers[i] = layer
                return try! objective.value(at: probe.product)
            }, at: network.layers[i])
            #expect(maxAbsoluteDifference(gradients[i], numeric) < Self.gradientTolerance, "layer \(i + 1)")
        }
    }

    @Test("the nuclear-norm and perturbed forms equal BW²(W Wᵀ + τ I, S0) of the Gaussian module",
          arguments: [(0.0, 5), (0.0, 2), (0.4, 5), (0.4, 2)])
    func matchesGaussianModule(tau: Double, inputDimension: Int) throws {
        let target = DeepLinearFixtures.target(dimension: 5)
        let objective = try DeepLinearObjective(target: target, loss: .buresWasserstein(tau: tau))
        let w = DeepLinearFixtures.gaussian(rows: 5, columns: inputDimension, seed: 5)
        var covariance = matmul(w, w, transposeB: true)
        for i in 0..<5 { covariance[i, i] += tau }
        let reference = try BuresWasserstein.squaredDistance(covariance, target.covariance)
        // Both sides are O(10) sums of square roots computed by different factorizations: 1e-11 is
        // a few hundred ulps, far below any formula error.
        #expect(isClose(try objective.value(at: w), reference, absolute: 1e-11))
    }

    @Test("the Frobenius loss is ‖W Wᵀ − S0‖²")
    func frobeniusValue() throws {
        let target = DeepLinearFixtures.target(dimension: 4)
        let w = DeepLinearFixtures.gaussian(rows: 4, columns: 3, seed: 8)
        var difference = matmul(w, w, transposeB: true)
        for i in 0..<4 { for j in 0..<4 { difference[i, j] -= target.covariance[i, j] } }
        let expected = difference.frobeniusNorm * difference.frobeniusNorm
        #expect(isClose(try DeepLinearObjective(target: target, loss: .frobenius).value(at: w), expected,
                        relative: 1e-13))  // the same sums in another order
    }

    @Test("at the closed-form optimum over rank ≤ k the gradient vanishes and L = L*",
          arguments: [(DeepLinearLoss.buresWasserstein(tau: 0), 5), (.buresWasserstein(tau: 0), 3),
                      (.buresWasserstein(tau: 0.3), 5), (.buresWasserstein(tau: 0.3), 2), (.frobenius, 3)])
    func optimum(loss: DeepLinearLoss, rank: Int) throws {
        let target = DeepLinearFixtures.target(dimension: 5)
        let objective = try DeepLinearObjective(target: target, loss: loss)
        let optimum = try BuresLinearOptimum(objective: objective, rank: rank)
        // Hand-computed L* from the eigenvalues.
        let tail = target.eigenvalues.dropFirst(rank)
        let expected = loss == .frobenius
            ? tail.map { $0 * $0 }.reduce(0, +)
            : tail.map { ($0.squareRoot() - loss.tau.squareRoot()) * ($0.squareRoot() - loss.tau.squareRoot()) }
                .reduce(0, +)
        #expect(isClose(optimum.loss, expected, absolute: 1e-12))
        // A right rotation of W* is also optimal: the gradient of a 2-layer factorization must vanish too.
        var generator = Xoshiro256(seed: 99)
        let rotation = RandomRotation.haar(dimension: rank, using: &generator)
        let network = try DeepLinearNetwork(layers: [rotation.transposed(), matmul(optimum.factor, rotation)])
        let (value, gradients) = try objective.valueAndLayerGradients(of: network)
        // The optimum is computed from eigenvectors accurate to ~1e-15; the loss and gradient there
        // are O(1) quantities cancelling to ~1e-14.
        #expect(isClose(value, optimum.loss, absolute: 1e-11))
        #expect(gradients.map { $0.frobeniusNorm }.max()! < 1e-10)
    }
}

