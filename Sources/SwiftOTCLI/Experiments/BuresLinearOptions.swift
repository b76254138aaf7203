import ArgumentParser
import OTGenerative

/// The loss choice of the deep-linear experiments.
enum BuresLinearLossChoice: String, ExpressibleByArgument, CaseIterable {
    case bw, frobenius
}

/// The settings shared by `bures-linear` and `bures-linear-sweep`.
struct BuresLinearOptions: ParsableArguments {
    @Option(help: "Target dimension d.")
    var dimension = 20

    @Option(help: "Input and hidden width (d0 and every hidden layer).")
    var width = 20

    @Option(help: "Bottleneck k: the first hidden layer (the input, for depth 1) has width k.")
    var bottleneck: Int?

    @Option(help: "Shift smin added to the target spectrum: the smallest target eigenvalue is 1/d + smin.")
    var minEigenvalue = 1.0

    @Option(help: "Scale s1 of the target spectrum s1 / i + N(0, 1).")
    var leadingEigenvalue = 10.0

    @Option(help: "Gradient-descent step size.")
    var learningRate = 1e-5

    @Option(help: "Time horizon T = steps x step size.")
    var maxTime = 3.0

    @Option(help: "Loss: bw (Bures-Wasserstein) or frobenius.")
    var loss: BuresLinearLossChoice = .bw

    @Option(help: "Convergence threshold on |L - L*|.")
    var tolerance = 1e-4

    @Option(help: "Steps between two logged records.")
    var logEvery = 100

    @Flag(help: "Keep running to --max-time after convergence.")
    var noStop = false

    /// The library configuration for `depth` and `tau`.
    func configuration(depth: Int, tau: Double) -> BuresLinearExperiment.Configuration {
        var c = BuresLinearExperiment.Configuration()
        c.dimension = dimension
        c.depth = depth
        c.width = width
        c.bottleneck = bottleneck
        c.loss = loss == .bw ? .buresWasserstein(tau: tau) : .frobenius
        c.leadingEigenvalue = leadingEigenvalue
        c.minimumEigenvalueShift = minEigenvalue
        c.learningRate = learningRate
        c.maxTime = maxTime
        c.tolerance = tolerance
        c.logEvery = logEvery
        c.stopAtConvergence = !noStop
        return c
    }
}

/// The headline numbers of one run (the `--json` output of `bures-linear`, a row of the sweep).
/// Every key is always written: a missing value (`timeToConverge` of a run that did not converge,
/// an `empiricalRate` without a linear phase) is `null`.
struct BuresLinearSummary: Encodable {
    let depth: Int
    let tau: Double
    let finalLoss: Double
    let optimalLoss: Double
    let initialLoss: Double
    let gap: Double
    let converged: Bool
    let timeToConverge: Double?
    let empiricalRate: Double?
    let predictedRate: Double
    let margin: Double
    let steps: Int
    let seconds: Double
    let microsecondsPerStep: Double
    let finalBalance: Double
    let minimumCosine: Double?

    private enum CodingKeys: String, CodingKey {
        case depth, tau, finalLoss, optimalLoss, initialLoss, gap, converged, timeToConverge, empiricalRate
        case predictedRate, margin, steps, seconds, microsecondsPerStep, finalBalance, minimumCosine
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(depth, forKey: .depth)
        try c.encode(tau, forKey: .tau)
        try c.encode(finalLoss, forKey: .finalLoss)
        try c.encode(optimalLoss, forKey: .optimalLoss)
        try c.encode(initialLoss, forKey: .initialLoss)
        try c.encode(gap, forKey: .gap)
        try c.encode(converged, forKey: .converged)
        try c.encode(timeToConverge, forKey: .timeToConverge)
        try c.encode(empiricalRate, forKey: .empiricalRate)
        try c.encode(predictedRate, forKey: .predictedRate)
        try c.encode(margin, forKey: .margin)
        try c.encode(steps, forKey: .steps)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(microsecondsPerStep, forKey: .microsecondsPerStep)
        try c.encode(finalBalance, forKey: .finalBalance)
        try c.encode(minimumCosine, forKey: .minimumCosine)
    }

    init(_ result: BuresLinearExperiment.Result) {
        depth = result.configuration.depth
        tau = result.configuration.loss.tau
        finalLoss = result.finalLoss
        optimalLoss = result.optimalLoss
        initialLoss = result.initialLoss
        gap = result.gap
        converged = result.converged
        timeToConverge = result.timeToConverge
        empiricalRate = result.empiricalRate
        predictedRate = result.predictedRate
        margin = result.bound.margin
        steps = result.steps
        seconds = result.seconds
        microsecondsPerStep = result.seconds / Double(max(1, result.steps)) * 1e6
        finalBalance = result.history.last?.balance ?? .nan
        minimumCosine = result.finalDiagnostics.cosines.min()
    }
}
