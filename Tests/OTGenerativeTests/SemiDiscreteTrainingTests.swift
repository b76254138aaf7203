import Foundation
import OTGenerative
import OTKernels
import OTNeural
import OptimalTransport
import Testing
import _OTTestSupport

/// Tiny fixtures: 50 data points in 16-d (two clusters in [0, 1]^16) and small generators.
enum TinyTraining {
    static func data<S: OTScalar>(_: S.Type = S.self) -> Matrix<S> {
        var rng = Xoshiro256(seed: 7)
        return Matrix(rows: 50, columns: 16) { i, k in
            let center: S = (i % 2 == 0) == (k < 8) ? 0.8 : 0.2
            return center + 0.05 * (rng.uniform(S.self) - 0.5)
        }
    }

    /// latent 4 → 32 → 16 MLP with LeakyReLU and sigmoid.
    static func mlp<S: OTScalar>(_: S.Type = S.self, seed: UInt64 = 1) -> Sequential<S> {
        var rng = Xoshiro256(seed: seed)
        return try! SemiDiscreteGenerator.mlp.make(latent: 4, output: 16, hidden: [32], using: &rng)
    }

    /// latent 4 → 16 → BatchNorm → ReLU → 16 → sigmoid: a generator with buffers (running statistics).
    static func normalized(seed: UInt64) -> Sequential<Float> {
        var rng = Xoshiro256(seed: seed)
        return Sequential([
            Linear<Float>(inputFeatures: 4, outputFeatures: 16, using: &rng), BatchNorm<Float>(features: 16),
            ReLU<Float>(), Linear<Float>(inputFeatures: 16, outputFeatures: 16, using: &rng), Sigmoid<Float>(),
        ])
    }

    static func configuration(
        lambda: Double = 0.05, targetBatchSize: Int? = nil, followMean: Bool = false
    ) -> SemiDiscreteTrainingConfiguration {
        try! SemiDiscreteTrainingConfiguration(
            lambda: lambda, psiSteps: 10, followMean: followMean, psiStepSize: 0.5, batchSize: 32,
            targetBatchSize: targetBatchSize,
            learningRate: 1e-2, latentDimension: 4)
    }
}

@Suite struct SemiDiscreteTrainingTests {
    /// `W^λ(g_θ # ζ, ν)` measured independently of the trainer's ψ: the semi-dual solved to
    /// convergence for a fixed sample of 400 generated points.
    static func entropicCost(_ trainer: SemiDiscreteTrainer<Double>) throws -> Double {
        var rng = Xoshiro256(seed: 99)
        let x = trainer.samples(count: 400, using: &rng)
        let solution = try SemiDiscreteSolver<Double>(tolerance: 1e-9).solve(trainer.problem, source: x)
        return solution.value
    }

    /// Training pulls the generated distribution onto the data: the solved entropic OT cost drops
    /// to a small fraction of its starting value.
    @Test func trainingDecreasesTheEntropicCost() throws {
        var trainer = try SemiDiscreteTrainer(
            data: TinyTraining.data(Double.self), generator: TinyTraining.mlp(Double.self),
            configuration: TinyTraining.configuration(), rng: Xoshiro256(seed: 3))
        let before = try Self.entropicCost(trainer)
        try trainer.train(until: 200)
        let after = try Self.entropicCost(trainer)
        // The best any generator can do: the data itself as source, W^λ(ν, ν) (> 0: the entropic term).
        let floor = try SemiDiscreteSolver<Double>(tolerance: 1e-9).solve(trainer.problem, source: trainer.problem.target).value
        // The untrained sigmoid MLP outputs ~0.5 in every coordinate, far from both clusters. A sign
        // error or a zero gradient leaves the gap to the floor at least as large as at the start;
        // closing 3/4 of it needs real descent (sampling noise of the 400-point estimate is ~1e-3).
        #expect(after - floor < (before - floor) / 4, "before \(before), after \(after), floor \(floor)")
        #expect(trainer.history.count == 200 && trainer.history.last!.step == 200)
        #expect(trainer.history.allSatisfy { $0.semiDual.isFinite && $0.generatorLoss.isFinite })
    }

    /// The generator gradient (core `∂F/∂x` back-propagated through the MLP) matches central finite
    /// differences of the loss in every parameter tensor, in Double.
    @Test func generatorGradientMatchesFiniteDifferences() throws {
        var trainer = try SemiDiscreteTrainer(
            data: TinyTraining.data(Double.self), generator: TinyTraining.mlp(Double.self),
            configuration: TinyTraining.configuration(lambda: 0.1), rng: Xoshiro256(seed: 3))
        try trainer.step()  // a non-zero ψ
        var rng = Xoshiro256(seed: 5)
        let z = GeneratedSampler<Double>.latent(count: 8, dimension: 4, using: &rng)
        _ = try trainer.generatorLoss(latent: z)
        let analytic = trainer.generator.parameters.map(\.parameter.gradient)
        let names = trainer.generator.parameters.map(\.name)
        for (index, name) in names.enumerated() {
            let value = trainer.generator.parameters[index].parameter.value
            let numeric = finiteDifferenceGradient(of: { w in
                var probe = trainer
                var slot = 0
                probe.generator.updateParameters { _, p in
                    if slot == index { p.value = w }
                    slot += 1
                }
                return try! probe.generatorLoss(latent: z)
            }, at: value, step: 1e-6)
            // Central differences with step 1e-6 on an O(1) smooth loss: truncation ~1e-12·f''' and
            // rounding ~1e-16/1e-6 = 1e-10; 1e-7 leaves margin for the exp in the soft assignment.
            #expect(maxAbsoluteDifference(numeric, analytic[index]) < 1e-7, "\(name)")
        }
    }

    /// Stopping at step 3, saving, and resuming in a fresh trainer (other initial weights and seed)
    /// gives bit for bit the state of an uninterrupted 6-step run, including batch-norm running
    /// statistics, Adam moments, ψ, the followed mean sample, the RNG and the data minibatch draws.
    @Test func resumeIsBitExact() throws {
        let data = TinyTraining.data(Float.self)
        let configuration = TinyTraining.configuration(targetBatchSize: 20, followMean: true)
        var straight = try SemiDiscreteTrainer(
            data: data, generator: TinyTraining.normalized(seed: 1), configuration: configuration,
            rng: Xoshiro256(seed: 11))
        try straight.train(until: 6)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdtrain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("checkpoint.bin")
        var first = try SemiDiscreteTrainer(
            data: data, generator: TinyTraining.normalized(seed: 1), configuration: configuration,
            rng: Xoshiro256(seed: 11))
        try first.train(until: 3, checkpointEvery: 2, checkpointURL: url)

        var resumed = try SemiDiscreteTrainer(
            data: data, generator: TinyTraining.normalized(seed: 2), configuration: configuration,
            rng: Xoshiro256(seed: 12))
        try resumed.restore(from: Checkpoint<Float>(contentsOf: url))
        #expect(resumed.stepCount == 3)
        try resumed.train(until: 6)
        #expect(resumed.checkpoint() == straight.checkpoint())
        #expect(resumed.history == straight.history)
        #expect(resumed.potential == straight.potential)
    }

    /// A checkpoint of another model or problem is refused and leaves the trainer untouched.
    @Test func checkpointFromAnotherModelIsRefused() throws {
        let data = TinyTraining.data(Float.self)
        let configuration = TinyTraining.configuration()
        var other = try SemiDiscreteTrainer(
            data: data, generator: TinyTraining.mlp(Float.self), configuration: configuration, rng: Xoshiro256(seed: 1))
        try other.step()
        var trainer = try SemiDiscreteTrainer(
            data: data, generator: TinyTraining.normalized(seed: 1), configuration: configuration,
            rng: Xoshiro256(seed: 1))
        try trainer.step()
        let before = trainer.checkpoint()
        #expect(throws: CheckpointError.self) { try trainer.restore(from: other.checkpoint()) }
        // Same generator, another λ: another problem.
        var otherLambda = try SemiDiscreteTrainer(
            data: data, generator: TinyTraining.normalized(seed: 1),
            configuration: TinyTraining.configuration(lambda: 0.5), rng: Xoshiro256(seed: 1))
        #expect(throws: CheckpointError.self) { try trainer.restore(from: otherLambda.checkpoint()) }
        // The right fingerprint with ψ of the wrong length.
        var truncated = before
        truncated.tensors[truncated.tensors.count - 2].value = Matrix(rows: 1, columns: 3)
        #expect(throws: CheckpointError.self) { try trainer.restore(from: truncated) }
        #expect(trainer.checkpoint() == before)
        try otherLambda.step()
    }

    /// Following the mean sample: after each call ψ − c(x̄_t, ·) is constant, so ψ is the optimal
    /// potential of the point mass at the current mean generated sample x̄_t: every data point receives
    /// exactly its weight there, π_j(x̄_t) = ν_j (closed form), also after the generator has moved.
    @Test func followingTheMeanSampleBalancesIt() throws {
        var trainer = try SemiDiscreteTrainer(
            data: TinyTraining.data(Double.self), generator: TinyTraining.mlp(Double.self),
            configuration: TinyTraining.configuration(lambda: 0.05), rng: Xoshiro256(seed: 8))
        for round in 0..<2 {
            var rng = trainer.rng
            let x = trainer.generatedDistribution.sample(count: trainer.configuration.batchSize, using: &rng)
            let mean = Matrix<Double>(rows: 1, columns: x.columns) { _, k in x.column(k).reduce(0, +) / Double(x.rows) }
            trainer.followMeanSample()
            #expect(trainer.rng.stateWords == rng.stateWords && trainer.meanSample == mean.elements)
            let evaluation = try trainer.problem.semiDual(potential: trainer.potential, at: mean)
            // π_j(x̄) = 1/50 up to the rounding of exp and log-sum-exp in Double (~1e-15 each).
            #expect(evaluation.potentialGradient!.allSatisfy { abs($0) < 1e-12 }, "round \(round)")
            // Move the generator by one Adam step before the second round.
            _ = try trainer.generatorLoss(latent: GeneratedSampler<Double>.latent(count: 32, dimension: 4, using: &rng))
            trainer.optimizer.step(&trainer.generator)
        }
    }

    /// Settings out of range are named in the error.
    @Test func badSettingsThrow() throws {
        #expect(throws: OTInputError.self) { try SemiDiscreteTrainingConfiguration(lambda: -0.1) }
        #expect(throws: OTInputError.self) { try SemiDiscreteTrainingConfiguration(lambda: .nan) }
        #expect(throws: OTInputError.self) { try SemiDiscreteTrainingConfiguration(lambda: 0.1, batchSize: 0) }
        #expect(throws: OTInputError.self) { try SemiDiscreteTrainingConfiguration(lambda: 0.1, psiSteps: 0) }
        let data = TinyTraining.data(Float.self)
        // A generator of the wrong output width (MNIST-sized) for 16-d data.
        var rng = Xoshiro256(seed: 1)
        let wide: Sequential<Float> = try SemiDiscreteGenerator.mlp.make(latent: 4, output: 784, hidden: [8], using: &rng)
        #expect(throws: OTInputError.self) {
            try SemiDiscreteTrainer(data: data, generator: wide, configuration: TinyTraining.configuration(),
                                    rng: Xoshiro256(seed: 1))
        }
        #expect(throws: OTInputError.self) {
            try SemiDiscreteTrainer(data: data, generator: TinyTraining.mlp(), configuration: TinyTraining.configuration(targetBatchSize: 51),
                                    rng: Xoshiro256(seed: 1))
        }
        #expect(throws: OTInputError.self) {
            let _: Sequential<Float> = try SemiDiscreteGenerator.dcgan.make(output: 100, using: &rng)
        }
    }

    /// Both paper generators map `B x 100` latents to `B x 784` values in (0, 1).
    @Test(arguments: SemiDiscreteGenerator.allCases)
    func generatorsMakeMNISTShapedImages(kind: SemiDiscreteGenerator) throws {
        var rng = Xoshiro256(seed: 4)
        var generator: Sequential<Float> = try kind.make(using: &rng)
        let x = generator.forward(GeneratedSampler<Float>.latent(count: 3, dimension: 100, using: &rng), training: true)
        #expect(x.rows == 3 && x.columns == 784)
        #expect(x.elements.allSatisfy { $0 > 0 && $0 < 1 })
    }
}
