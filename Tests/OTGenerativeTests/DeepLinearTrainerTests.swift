import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport
@testable import OTGenerative

@Suite("DeepLinearTrainer")
struct DeepLinearTrainerTests {
    @Test("gradient descent from the close initialization decreases the loss and reaches |L − L*| < 1e-4",
          arguments: [DeepLinearLoss.buresWasserstein(tau: 0), .buresWasserstein(tau: 0.1)])
    func converges(loss: DeepLinearLoss) throws {
        let target = DeepLinearFixtures.target(dimension: 4, shift: 1)
        let objective = try DeepLinearObjective(target: target, loss: loss)
        let optimum = try BuresLinearOptimum(objective: objective, rank: 4)
        var generator = Xoshiro256(seed: 1)
        let (network, _) = try DeepLinearNetwork.closeInitialization(
            objective: objective, widths: [4, 4, 4, 4], using: &generator)
        let trainer = try DeepLinearTrainer(network: network, objective: objective, learningRate: 1e-2)
        var previous = Double.infinity
        var worstIncrease = -Double.infinity
        for _ in 0..<3000 {
            let value = trainer.step()
            worstIncrease = max(worstIncrease, value - previous)
            previous = value
        }
        // The loss is ‖W‖² + tr S0 − 2 Σσ, terms of size ~10 cancelling near the optimum: its
        // rounding is ~d ε · 10 ≈ 1e-14 per term; 1e-12 allows that and no real increase.
        #expect(worstIncrease <= 1e-12)
        #expect(abs(trainer.evaluate() - optimum.loss) < 1e-4)
        // Finite steps drift from balance only slightly.
        #expect(trainer.network.balance < 1e-2)
    }

    @Test("the trainer's step is W_i − η ∂L/∂W_i with the objective's layer gradients")
    func stepMatchesGradients() throws {
        let objective = try DeepLinearObjective(
            target: DeepLinearFixtures.target(dimension: 5), loss: .buresWasserstein(tau: 0.2))
        let network = try DeepLinearFixtures.network(widths: [4, 3, 5], seed: 8)
        let (_, gradients) = try objective.valueAndLayerGradients(of: network)
        let trainer = try DeepLinearTrainer(network: network, objective: objective, learningRate: 0.5)
        trainer.step()
        for (i, layer) in trainer.network.layers.enumerated() {
            var expected = network.layers[i]
            for r in 0..<expected.rows { for c in 0..<expected.columns { expected[r, c] -= 0.5 * gradients[i][r, c] } }
            #expect(maxAbsoluteDifference(layer, expected) < 1e-14)  // the same arithmetic
        }
    }

    @Test("warm-started Jacobi in the loop agrees with a cold evaluation after many steps",
          arguments: [DeepLinearLoss.buresWasserstein(tau: 0), .buresWasserstein(tau: 0.3)])
    func warmStart(loss: DeepLinearLoss) throws {
        let objective = try DeepLinearObjective(target: DeepLinearFixtures.target(dimension: 5), loss: loss)
        let network = try DeepLinearFixtures.network(widths: [5, 5, 5], seed: 4)
        let trainer = try DeepLinearTrainer(network: network, objective: objective, learningRate: 1e-3)
        for _ in 0..<1500 { trainer.step() }
        let warm = trainer.evaluate(), warmGradients = trainer.layerGradients
        let (cold, coldGradients) = try objective.valueAndLayerGradients(of: trainer.network)
        // Both solve the same SVD to ε with different rotations: the O(10) terms of the loss and the
        // O(1) gradients differ by rounding (measured 7e-15), while an unorthogonalized warm start
        // drifts to ~3e-12 after 500 steps.
        #expect(isClose(warm, cold, absolute: 1e-13))
        for (a, b) in zip(warmGradients, coldGradients) { #expect(maxAbsoluteDifference(a, b) < 1e-13) }
    }

    @Test("with a bottleneck the run converges to the top-k optimum (cosines ~1)")
    func bottleneck() throws {
        var configuration = BuresLinearExperiment.Configuration()
        configuration.dimension = 5
        configuration.width = 5
        configuration.depth = 3
        configuration.bottleneck = 2
        configuration.loss = .buresWasserstein(tau: 0.1)
        configuration.learningRate = 1e-2
        configuration.maxTime = 100
        configuration.logEvery = 500
        let result = try BuresLinearExperiment.run(configuration, seed: 3)
        #expect(result.converged)
        // |L − L*| < 1e-4 bounds the misalignment: 1 − cos² is of the order of the gap over the eigengap.
        #expect(result.finalDiagnostics.cosines.allSatisfy { $0 > 0.99 })
        #expect(result.finalDiagnostics.rank == 2)
    }
}
