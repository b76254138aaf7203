import Foundation
import OTKernels
import OTNeural
import OptimalTransport

extension SemiDiscreteTrainer {
    /// The fingerprint of a training state: the generator architecture and the problem (data shape,
    /// `κ`, `λ`, latent dimension). A checkpoint resumes only a trainer with the same fingerprint.
    public var fingerprint: String {
        "SemiDiscreteTrainer(data \(problem.targetCount)x\(problem.dimension), kappa \(problem.kappa), "
            + "lambda \(problem.lambda), latent \(configuration.latentDimension))/" + generator.architecture
    }

    /// The whole training state: generator parameters and buffers, Adam's state, then the tensors
    /// `"psi"` (`1 x N`), `"history"` (`steps x 4`: step, semi-dual, marginal error, generator
    /// loss) and, once there is one, `"meanSample"` (`1 x d`, see ``followMeanSample()``), the step
    /// count and the random generator's state.
    /// - Complexity: O(number of parameters + N) (tensors are shared copy-on-write).
    public func checkpoint() -> Checkpoint<S> {
        var snapshot = Checkpoint(model: generator, optimizer: optimizer, step: stepCount, randomState: rng.stateWords)
        snapshot.fingerprint = fingerprint
        snapshot.tensors.append(NamedTensor(name: "psi", value: Matrix(rows: 1, columns: potential.count,
                                                                        elements: potential)))
        let log = history.flatMap { [S($0.step), S($0.semiDual), S($0.marginalError), S($0.generatorLoss)] }
        snapshot.tensors.append(NamedTensor(name: "history", value: Matrix(rows: history.count, columns: 4,
                                                                            elements: log)))
        if let meanSample {
            snapshot.tensors.append(NamedTensor(name: "meanSample", value: Matrix(rows: 1, columns: meanSample.count,
                                                                                   elements: meanSample)))
        }
        return snapshot
    }

    /// Continues from `checkpoint`: after it, every further ``step()`` gives bit for bit what the run
    /// that wrote the checkpoint would have given.
    ///
    /// Everything is checked before anything changes: on a throw the trainer is untouched.
    /// - Throws: ``CheckpointError`` when the checkpoint is from another model or problem
    ///   (`.fingerprintMismatch`), lacks `psi`/`history` or has them in the wrong shape, holds no
    ///   Adam state, or a bad random state.
    /// - Complexity: O(number of parameters + N).
    public mutating func restore(from checkpoint: Checkpoint<S>) throws(CheckpointError) {
        func fail(_ reason: CheckpointError.Reason) -> CheckpointError {
            CheckpointError(path: checkpoint.origin, reason: reason)
        }
        guard checkpoint.fingerprint == fingerprint else {
            throw fail(.fingerprintMismatch(expected: fingerprint, found: checkpoint.fingerprint))
        }
        var tensors = checkpoint.tensors
        var restoredMean: [S]?
        if tensors.last?.name == "meanSample" {
            let mean = tensors.removeLast().value
            guard mean.rows == 1, mean.columns == problem.dimension else {
                throw fail(.shapeMismatch(tensor: "meanSample", expected: [1, problem.dimension],
                                          found: [mean.rows, mean.columns]))
            }
            restoredMean = mean.elements
        }
        guard let log = tensors.popLast(), log.name == "history" else { throw fail(.missingTensor("history")) }
        guard log.value.columns == 4, log.value.rows == checkpoint.step else {
            throw fail(.shapeMismatch(tensor: "history", expected: [checkpoint.step, 4],
                                      found: [log.value.rows, log.value.columns]))
        }
        guard let psi = tensors.popLast(), psi.name == "psi" else { throw fail(.missingTensor("psi")) }
        guard psi.value.rows == 1, psi.value.columns == problem.targetCount else {
            throw fail(.shapeMismatch(tensor: "psi", expected: [1, problem.targetCount],
                                      found: [psi.value.rows, psi.value.columns]))
        }
        guard let restoredRNG = Xoshiro256(stateWords: checkpoint.randomState) else {
            throw fail(.missingTensor("random state (4 nonzero words)"))
        }
        var model = checkpoint
        model.fingerprint = generator.architecture
        model.tensors = tensors
        var restoredGenerator = generator
        var restoredOptimizer = optimizer
        try model.restore(into: &restoredGenerator, optimizer: &restoredOptimizer)

        generator = restoredGenerator
        optimizer = restoredOptimizer
        potential = psi.value.elements
        meanSample = restoredMean
        stepCount = checkpoint.step
        rng = restoredRNG
        history = (0..<log.value.rows).map { i in
            let r = log.value.row(i)
            return SemiDiscreteStepReport(step: Int(r[0]), semiDual: Double(r[1]), marginalError: Double(r[2]),
                                          generatorLoss: Double(r[3]))
        }
    }

    /// Runs outer steps until ``stepCount`` reaches `steps`, writing ``checkpoint()`` atomically to
    /// `checkpointURL` every `checkpointEvery` steps and after the last one, and calling `onStep`
    /// after each step.
    /// - Throws: ``OTInputError`` from a step, ``CheckpointError`` when the file cannot be written.
    /// - Complexity: `steps − stepCount` calls of ``step()``.
    public mutating func train(
        until steps: Int, checkpointEvery: Int? = nil, checkpointURL: URL? = nil,
        onStep: (SemiDiscreteStepReport) -> Void = { _ in }
    ) throws {
        while stepCount < steps {
            let report = try step()
            onStep(report)
            if let url = checkpointURL,
               stepCount == steps || checkpointEvery.map({ stepCount % max($0, 1) == 0 }) == true {
                try checkpoint().write(to: url)
            }
        }
    }
}
