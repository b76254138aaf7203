import Foundation
import OTKernels
import OptimalTransport

/// One run of the paper's protocol: a random target, the close balanced initialization, full-batch
/// gradient descent until `|L − L*| < tolerance` or `maxTime`, with diagnostics every `logEvery` steps.
public enum BuresLinearExperiment {
    /// The settings of a run.
    public struct Configuration: Sendable, Codable, Equatable {
        /// The target dimension `d`.
        public var dimension = 20
        /// The depth `N`.
        public var depth = 1
        /// The input and hidden width (`d0` and every `d_i`, `0 < i < N`).
        public var width = 20
        /// The bottleneck `k` (nil: none). For `N ≥ 2` the first hidden layer has width `k`; for
        /// `N = 1` the input dimension `d0` is `k`.
        public var bottleneck: Int? = nil
        /// The loss.
        public var loss = DeepLinearLoss.buresWasserstein(tau: 0)
        /// `s_1` of the target spectrum `s_1 / i + N(0, 1)`.
        public var leadingEigenvalue = 10.0
        /// The shift added to every target eigenvalue (the smallest is `1/d + shift`).
        public var minimumEigenvalueShift = 1.0
        /// The step size `η`.
        public var learningRate = 1e-5
        /// The time horizon `T`: at most `T / η` steps.
        public var maxTime = 3.0
        /// Convergence: `|L − L*| < tolerance`.
        public var tolerance = 1e-4
        /// Steps between two diagnostics records.
        public var logEvery = 100
        /// Stop at convergence (else run to `maxTime`).
        public var stopAtConvergence = true

        /// The default settings (the paper's: d = 20, η = 1e-5, T = 3, tolerance 1e-4).
        public init() {}

        /// `d0, d_1, …, d_N`.
        public var widths: [Int] {
            let k = bottleneck ?? Int.max
            if depth == 1 { return [min(width, k), dimension] }
            var widths = [width] + Array(repeating: width, count: depth - 1) + [dimension]
            if k < width { widths[1] = k }
            return widths
        }

        /// The number of steps `⌈T / η⌉`.
        public var maxSteps: Int { Int((maxTime / learningRate).rounded(.up)) }

        /// Throws ``OTInputError`` naming the first invalid setting.
        public func validate() throws {
            guard dimension >= 1 else { throw OTInputError("dimension = \(dimension); expected >= 1") }
            guard depth >= 1 else { throw OTInputError("depth = \(depth); expected >= 1") }
            guard width >= 1 else { throw OTInputError("width = \(width); expected >= 1") }
            if let k = bottleneck, !(1...dimension).contains(k) {
                throw OTInputError("bottleneck = \(k); expected a value in 1...\(dimension)")
            }
            try Validate.positive(learningRate, name: "learning rate")
            try Validate.positive(maxTime, name: "max time")
            try Validate.positive(tolerance, name: "tolerance")
            guard logEvery >= 1 else { throw OTInputError("log interval = \(logEvery); expected >= 1") }
            guard minimumEigenvalueShift.isFinite, minimumEigenvalueShift >= 0 else {
                throw OTInputError("minimum eigenvalue shift = \(minimumEigenvalueShift); expected a finite value >= 0")
            }
        }
    }

    /// One diagnostics record.
    public struct Record: Sendable, Codable, Equatable {
        /// Steps taken.
        public let step: Int
        /// `t = step · η`.
        public let time: Double
        /// `L(W(t))`.
        public let loss: Double
        /// `|L − L*|`.
        public let gap: Double
        /// `max_j ‖W_{j+1}ᵀ W_{j+1} − W_j W_jᵀ‖_F`.
        public let balance: Double
        /// `(Σ_i ‖∂L/∂W_i‖²)^{1/2}`.
        public let gradientNorm: Double
        /// The numerical rank of `W`.
        public let rank: Int
        /// The effective rank of `W`.
        public let effectiveRank: Double
        /// `max_i |s_i² − λ_i(S*)|`, `i ≤ k`.
        public let largestEigenvalueGap: Double
        /// `BW(W Wᵀ, S*)`.
        public let buresDistanceToOptimum: Double
        /// `‖W Wᵀ − S*‖_F`.
        public let euclideanDistanceToOptimum: Double
    }

    /// The outcome of a run.
    public struct Result: Sendable, Codable {
        /// The settings.
        public let configuration: Configuration
        /// The seed of the target and the initialization.
        public let seed: UInt64
        /// `d0, …, d_N`.
        public let widths: [Int]
        /// The target eigenvalues `l_1 ≥ … ≥ l_d`.
        public let targetEigenvalues: [Double]
        /// `L*` over rank `≤ k`.
        public let optimalLoss: Double
        /// `L(W(0))`.
        public let initialLoss: Double
        /// The close-initialization scale used.
        public let initializationScale: Double
        /// The loss at the last step.
        public let finalLoss: Double
        /// `|finalLoss − L*|`.
        public let gap: Double
        /// Whether `|L − L*| < tolerance` was reached.
        public let converged: Bool
        /// The first `t` with `|L − L*| < tolerance`.
        public let timeToConverge: Double?
        /// Steps taken.
        public let steps: Int
        /// `−d ln|L − L*| / dt` fitted over the linear phase (see ``empiricalRate(of:)``).
        public let empiricalRate: Double?
        /// The gradient-flow bound (its `rate` is in the same units as ``empiricalRate``).
        public let bound: BuresLinearConvergenceBound
        /// The predicted rate, `bound.rate` (0 for `τ = 0` or a non-positive margin).
        public var predictedRate: Double { bound.rate }
        /// The records, every `logEvery` steps and at the last step.
        public let history: [Record]
        /// The final diagnostics (spectrum of `W Wᵀ`, cosines with the target's eigenvectors, …).
        public let finalDiagnostics: DeepLinearDiagnostics
        /// The eigenvalues of `S*` on the top-k eigenvectors.
        public let optimumEigenvalues: [Double]
        /// Wall-clock seconds of the training loop.
        public let seconds: Double
    }

    /// Runs `configuration` with the target and initialization drawn from `Xoshiro256(seed:)` (the
    /// target first, so runs with the same seed and dimension share the target).
    /// `progress(step, maxSteps, gap)` is called at every record.
    /// - Throws: ``OTInputError`` for invalid settings, `τ < 0`, or `τ ≥ l_k`.
    /// - Complexity: per step about `3 Σ_i d_i d_{i−1} d_0` multiply-adds plus one loss evaluation;
    ///   one O(d³) diagnostics record per `logEvery` steps.
    public static func run(
        _ configuration: Configuration, seed: UInt64, progress: (Int, Int, Double) -> Void = { _, _, _ in }
    ) throws -> Result {
        try configuration.validate()
        var generator = Xoshiro256(seed: seed)
        let target = BuresLinearTarget.random(
            dimension: configuration.dimension, leadingEigenvalue: configuration.leadingEigenvalue,
            minimumEigenvalueShift: configuration.minimumEigenvalueShift, using: &generator)
        let objective = try DeepLinearObjective(target: target, loss: configuration.loss)
        let widths = configuration.widths
        let optimum = try BuresLinearOptimum(objective: objective, rank: widths.min()!)
        let (network, scale) = try DeepLinearNetwork.closeInitialization(
            objective: objective, widths: widths, using: &generator)
        let trainer = try DeepLinearTrainer(
            network: network, objective: objective, learningRate: configuration.learningRate)
        let maxSteps = configuration.maxSteps, eta = configuration.learningRate
        var history = [Record]()
        var timeToConverge: Double?
        var initialLoss = Double.nan
        let start = Date()
        var step = 0
        while true {
            let loss = trainer.evaluate()
            if step == 0 { initialLoss = loss }
            let gap = abs(loss - optimum.loss)
            if timeToConverge == nil, gap < configuration.tolerance { timeToConverge = Double(step) * eta }
            let last = step == maxSteps || !loss.isFinite
                || (configuration.stopAtConvergence && timeToConverge != nil)
            if step % configuration.logEvery == 0 || last {
                history.append(try record(trainer, step: step, gap: gap, eta: eta, target: target, optimum: optimum))
                progress(step, maxSteps, gap)
            }
            if last { break }
            trainer.update()
            step += 1
        }
        let seconds = Date().timeIntervalSince(start)
        let finalLoss = trainer.loss
        return Result(
            configuration: configuration, seed: seed, widths: widths, targetEigenvalues: target.eigenvalues,
            optimalLoss: optimum.loss, initialLoss: initialLoss, initializationScale: scale, finalLoss: finalLoss,
            gap: abs(finalLoss - optimum.loss), converged: timeToConverge != nil, timeToConverge: timeToConverge,
            steps: step, empiricalRate: empiricalRate(of: history),
            bound: BuresLinearConvergenceBound(
                depth: configuration.depth, tau: configuration.loss.tau, eigenvalues: target.eigenvalues,
                rank: optimum.rank, initialLoss: initialLoss),
            history: history,
            finalDiagnostics: try DeepLinearDiagnostics(product: trainer.lastProduct, target: target, optimum: optimum),
            optimumEigenvalues: optimum.eigenvalues, seconds: seconds)
    }

    /// The record of the trainer's last evaluation.
    static func record(
        _ trainer: DeepLinearTrainer, step: Int, gap: Double, eta: Double,
        target: BuresLinearTarget, optimum: BuresLinearOptimum
    ) throws -> Record {
        let finite = trainer.loss.isFinite
        let diagnostics = finite
            ? try DeepLinearDiagnostics(product: trainer.lastProduct, target: target, optimum: optimum) : nil
        return Record(
            step: step, time: Double(step) * eta, loss: trainer.loss, gap: gap,
            balance: finite ? trainer.network.balance : .nan, gradientNorm: trainer.gradientNorm,
            rank: diagnostics?.rank ?? 0, effectiveRank: diagnostics?.effectiveRank ?? .nan,
            largestEigenvalueGap: diagnostics?.eigenvalueGaps.map(abs).max() ?? .nan,
            buresDistanceToOptimum: diagnostics?.buresDistanceToOptimum ?? .nan,
            euclideanDistanceToOptimum: diagnostics?.euclideanDistanceToOptimum ?? .nan)
    }

    /// The empirical linear rate `−d ln|L − L*| / dt`: the least-squares slope of `ln gap` against `t`
    /// over the linear phase, taken as the records from the first with `gap ≤ gap(0) / 10` to the end
    /// (the transient before is excluded); nil with fewer than three such records or non-positive gaps.
    /// - Complexity: O(history.count).
    public static func empiricalRate(of history: [Record]) -> Double? {
        guard let first = history.first, first.gap > 0 else { return nil }
        guard let begin = history.firstIndex(where: { $0.gap <= first.gap / 10 }) else { return nil }
        let phase = history[begin...].filter { $0.gap > 0 && $0.gap.isFinite }
        guard phase.count >= 3 else { return nil }
        let n = Double(phase.count)
        let meanT = phase.reduce(0) { $0 + $1.time } / n
        let meanY = phase.reduce(0) { $0 + Foundation.log($1.gap) } / n
        var sxy = 0.0, sxx = 0.0
        for r in phase {
            sxy += (r.time - meanT) * (Foundation.log(r.gap) - meanY)
            sxx += (r.time - meanT) * (r.time - meanT)
        }
        return sxx > 0 ? -sxy / sxx : nil
    }
}
