import ArgumentParser
import Foundation
import OTData
import OTGenerative
import OTKernels
import OTMetrics

/// `swiftot experiment semidiscrete-lambda`: the smoothing/fidelity trade-off of entropic
/// semi-discrete generator training. The same training (same seed, same settings) for each lambda,
/// each run a complete `train semidiscrete` run folder under `<out>/lambda-<value>/`, then the sample
/// grids of three lambdas side by side, the loss curves of all lambdas in one figure and, with a
/// classifier, each lambda's class histogram, mean confidence and histogram entropy.
struct SemiDiscreteLambdaExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semidiscrete-lambda",
        abstract: "MNIST generators trained with semi-discrete OT for several lambdas: grids, losses, sample quality.",
        discussion: """
            Runs 'train semidiscrete' once per --lambdas value with the same seed and settings (the \
            per-lambda run folders lambda-<value>/ can be continued with 'train semidiscrete --resume'), \
            then writes grids.svg (the samples of the --grid-lambdas side by side, labeled), loss.svg \
            (semi-dual value and marginal error of every lambda), metrics.json and report.md to --out.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Folder with the MNIST IDX files (train-images-idx3-ubyte[.gz], ...).")
    var mnist: String

    @Option(help: "Comma-separated lambdas >= 0 to train (relative to the normalized cost).")
    var lambdas = "0,0.025,0.05,0.075,0.1"

    @Option(help: "Three of the lambdas whose sample grids are shown side by side (default: smallest, middle, largest).")
    var gridLambdas: String?

    @Option(help: "Outer steps per lambda.")
    var steps = 200

    @Option(help: "Generator: mlp or dcgan.")
    var generator: SemiDiscreteGenerator = .mlp

    @Option(help: "Digit classifier checkpoint ('swiftot train classifier') judging each lambda's samples.")
    var classifier: String?

    @OptionGroup var training: SemiDiscreteTrainingOptions

    @Option(help: "Run folder.")
    var out = "runs/semidiscrete-lambda"

    init() {}

    /// The parsed `--lambdas`.
    func lambdaValues() throws -> [Double] { try Self.parseLambdas(lambdas, option: "--lambdas") }

    /// The parsed `--grid-lambdas`, or the smallest, middle and largest of `values`.
    func gridValues(among values: [Double]) throws -> [Double] {
        guard let gridLambdas else {
            let sorted = values.sorted()
            return Array(Set([sorted.first!, sorted[sorted.count / 2], sorted.last!])).sorted()
        }
        let chosen = try Self.parseLambdas(gridLambdas, option: "--grid-lambdas")
        if let missing = chosen.first(where: { !values.contains($0) }) {
            throw ValidationError("--grid-lambdas: \(missing) is not one of --lambdas \(lambdas)")
        }
        return chosen
    }

    /// Distinct finite lambdas `>= 0` from a comma-separated list.
    static func parseLambdas(_ text: String, option: String) throws -> [Double] {
        var values = [Double]()
        for field in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed), value.isFinite, value >= 0 else {
                throw ValidationError("\(option): '\(trimmed)' is not a number >= 0 (expected e.g. 0,0.05,0.1)")
            }
            if !values.contains(value) { values.append(value) }
        }
        return values
    }

    func validate() throws {
        let values = try lambdaValues()
        _ = try gridValues(among: values)
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        try training.validate()
    }

    func run() throws {
        // Everything that can fail on user input happens before the first write to --out.
        let values = try lambdaValues()
        let grid = try gridValues(among: values)
        let images = try MNIST.load(.train, folder: mnist).images
        let judge = try classifier.map { try DigitClassifier(contentsOf: URL(fileURLWithPath: $0)) }
        let runs = try values.map { lambda in
            SemiDiscreteRun(
                images: images, mnist: mnist, generator: generator, hiddenWidths: try training.hiddenWidths(),
                settings: try training.configuration(lambda: lambda, dataPoints: images.rows),
                seed: global.seed, steps: steps, checkpointEvery: training.checkpointEvery,
                sampleCount: training.samples, classifier: judge)
        }
        let folder = try RunFolder(path: out)
        try folder.writeConfig(SemiDiscreteLambdaConfig(
            mnist: mnist, lambdas: values, gridLambdas: grid, steps: steps, generator: generator.rawValue,
            seed: global.seed, classifier: classifier, training: runs[0].settings))

        let progress = global.makeProgressBar(total: steps * runs.count, label: "semidiscrete-lambda")
        defer { progress.finish() }
        var results = [SemiDiscreteLambdaResult]()
        for (index, run) in runs.enumerated() {
            var trainer = try run.makeTrainer()
            let name = SemiDiscreteLambdaResult.folderName(run.settings.lambda)
            let metrics = try run.execute(&trainer, in: RunFolder(path: folder.file(name).path)) { report in
                progress.update(
                    completed: index * steps + report.step,
                    status: "lambda \(run.settings.lambda) " + SemiDiscreteTrainingFigures.status(report))
            }
            results.append(SemiDiscreteLambdaResult(lambda: run.settings.lambda, folder: name, metrics: metrics))
        }
        progress.finish()
        let summary = SemiDiscreteLambdaMetrics(steps: steps, gridLambdas: grid, runs: results)
        try SemiDiscreteLambdaReport.write(summary, in: folder)
        try global.printResult(summary) { SemiDiscreteLambdaReport.summary(summary, folder: folder) }
    }
}
