import ArgumentParser
import Foundation
import OTGenerative
import OTKernels
import OTNeural
import OptimalTransport

/// `swiftot bench semidiscrete`: the steps of semi-discrete generator training, timed the way
/// `shared/bench/semidiscrete_step_torch.py` times PyTorch (two untimed warm-up calls, median of the
/// timed calls), through the library's own training code.
///
/// - psi step: one ``SemiDiscreteSGD`` ascent step (a batch drawn from the generator, the
///   c,λ-transform against all `N` targets, `∂F/∂ψ`, the update of `ψ`);
/// - generator step: ``SemiDiscreteTrainer/generatorLoss(latent:)`` (forward, `∂F/∂x`, backward)
///   and one Adam step;
/// - outer step: ``SemiDiscreteTrainer/step()`` (10 psi steps and one generator step);
/// - with `--data-batch M`, also a psi step on `M` random targets (the training default's data
///   minibatch: drawing them, the restricted problem and the transform against `M` targets).
struct BenchSemiDiscrete: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semidiscrete",
        abstract: "Time a psi step, a generator step and an outer step of semi-discrete generator training.",
        discussion: """
            Float32 data Y ~ U[0,1]^(n x d) (the distribution of semidiscrete_step_torch.py, not the same \
            numbers), cost ||x - y||^2 / kappa with kappa = mean ||y||^2, uniform target weights, the MLP \
            generator latent 100 -> --hidden (256 512 1024) -> d with Adam (lr 1e-3), psi step size 0.05. Setup \
            (data generation, kappa, the problem and trainer) is timed once and reported apart. Build \
            with `SWIFTOT_NATIVE=1 swift build -c release`; SWIFTOT_THREADS sets the thread count.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Number of target points N.")
    var n = 60_000
    @Option(name: .long, help: "Dimension d of the points.")
    var d = 784
    @Option(name: .long, help: "Generated points per step B.")
    var batch = 200
    @Option(name: .long, help: "Entropic regularization lambda (relative to the normalized cost).")
    var lambda = 0.05
    @Option(name: .long, help: "Timed calls per measurement after two warm-up calls (the median is reported).")
    var repeats = 5
    @Option(name: .long, parsing: .upToNextOption, help: "Hidden widths of the MLP generator.")
    var hidden = [256, 512, 1024]
    @Option(name: .long, help: "Also time a psi step on this many random targets (train semidiscrete's --data-batch-size).")
    var dataBatch: Int?

    init() {}

    func validate() throws {
        guard n >= 1, d >= 1, batch >= 1 else { throw ValidationError("--n, --d and --batch must be at least 1") }
        guard lambda.isFinite, lambda >= 0 else { throw ValidationError("--lambda must be finite and >= 0, got \(lambda)") }
        if let m = dataBatch, m < 1 || m > n {
            throw ValidationError("--data-batch must be between 1 and --n (\(n)), got \(m)")
        }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        guard !hidden.isEmpty, hidden.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--hidden must list widths of at least 1, got \(hidden)")
        }
    }

    func run() throws {
        let report = try measure()
        try global.printResult(report) { report.summary }
    }

    /// Builds the data and trainer, then times the three steps.
    func measure() throws -> BenchSemiDiscreteReport {
        let clock = ContinuousClock()
        var rng = global.makeGenerator()
        var data = Matrix<Float>(rows: 0, columns: 0)
        let dataSeconds = seconds(clock.measure { data = Matrix<Float>.uniform(rows: n, columns: d, using: &rng) })
        var kappa: Float = 0
        let kappaSeconds = try seconds(clock.measure { kappa = try SemiDiscreteProblem<Float>.meanSquaredNorm(of: data) })
        let problemSeconds = try seconds(clock.measure {
            _ = try SemiDiscreteProblem(target: data, kappa: kappa, lambda: Float(lambda))
        })
        let configuration = try SemiDiscreteTrainingConfiguration(lambda: lambda, batchSize: batch)
        let generator = try SemiDiscreteGenerator.mlp.make(output: d, hidden: hidden, as: Float.self, using: &rng)
        var trainer: SemiDiscreteTrainer<Float>?
        let trainerSeconds = try seconds(clock.measure {
            trainer = try SemiDiscreteTrainer(data: data, generator: generator, configuration: configuration, rng: rng)
        })
        guard var trainer else { fatalError("unreachable: the trainer was built or the call threw") }

        let ascent = try SemiDiscreteSGD<Float>(
            stepSize: Float(configuration.psiStepSize), steps: 1, batchSize: batch)
        var potential = trainer.potential
        var semiDual: Float = 0
        let psi = try median {
            semiDual = try ascent.ascend(
                &potential, on: trainer.problem, source: trainer.generatedDistribution, using: &rng).value
        }
        let minibatchPsi = try dataBatch.map { m in
            let minibatch = try SemiDiscreteSGD<Float>(
                stepSize: Float(configuration.psiStepSize), steps: 1, batchSize: batch, targetBatchSize: m)
            return try median {
                _ = try minibatch.ascend(
                    &potential, on: trainer.problem, source: trainer.generatedDistribution, using: &rng)
            }
        }
        let generatorStep = try median {
            let z = GeneratedSampler<Float>.latent(count: batch, dimension: configuration.latentDimension, using: &rng)
            _ = try trainer.generatorLoss(latent: z)
            trainer.optimizer.step(&trainer.generator)
        }
        let outer = try median { try trainer.step() }
        let flops = 2 * Double(batch) * Double(n) * Double(d)
        return BenchSemiDiscreteReport(
            n: n, d: d, batch: batch, lambda: lambda, threads: Parallel.threadCount, repeats: repeats,
            dataSeconds: dataSeconds, kappaSeconds: kappaSeconds, problemSeconds: problemSeconds,
            trainerSeconds: trainerSeconds, psiStepSeconds: psi, generatorStepSeconds: generatorStep,
            outerStepSeconds: outer, minibatchPsiStepSeconds: minibatchPsi, dataBatch: dataBatch,
            psiStepGFLOPS: flops / psi / 1e9, semiDual: Double(semiDual),
            finalMarginalError: trainer.history.last.map(\.marginalError) ?? .nan)
    }

    /// The median wall time in seconds of `repeats` calls of `body`, after two warm-up calls.
    func median(_ body: () throws -> Void) rethrows -> Double {
        try body()
        try body()
        let clock = ContinuousClock()
        var times = [Double]()
        for _ in 0..<repeats { times.append(try seconds(clock.measure(body))) }
        times.sort()
        return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    }

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

/// What `swiftot bench semidiscrete` measured (seconds); the JSON keys are these property names.
/// `psiStepGFLOPS` counts only the `2 B N d` flops of one product `X Yᵀ`.
struct BenchSemiDiscreteReport: Codable {
    var n: Int, d: Int, batch: Int
    var lambda: Double
    var threads: Int, repeats: Int
    var dataSeconds: Double, kappaSeconds: Double, problemSeconds: Double, trainerSeconds: Double
    var psiStepSeconds: Double, generatorStepSeconds: Double, outerStepSeconds: Double
    /// A psi step on `dataBatch` random targets, when asked.
    var minibatchPsiStepSeconds: Double?, dataBatch: Int?
    var psiStepGFLOPS: Double
    var semiDual: Double, finalMarginalError: Double

    /// A few human-readable lines in milliseconds.
    var summary: String {
        func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1e3) }
        return """
            semidiscrete B=\(batch) N=\(n) d=\(d) lambda=\(lambda), Float, \(threads) threads (median of \(repeats))
              setup: data \(ms(dataSeconds)), kappa \(ms(kappaSeconds)), problem \(ms(problemSeconds)), trainer \(ms(trainerSeconds))
              psi step \(ms(psiStepSeconds)) (\(String(format: "%.0f", psiStepGFLOPS)) GFLOP/s on X Y^T), generator step \(ms(generatorStepSeconds))
              outer step (10 psi + 1 generator) \(ms(outerStepSeconds)); 10 x psi + generator \(ms(10 * psiStepSeconds + generatorStepSeconds))
            """ + (minibatchPsiStepSeconds.map { "\n  psi step on \(dataBatch ?? 0) random targets \(ms($0))" } ?? "")
    }
}
