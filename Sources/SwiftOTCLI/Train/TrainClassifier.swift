import ArgumentParser
import Foundation
import OTData
import OTKernels
import OTMetrics
import OTRender

/// `swiftot train classifier`: trains the MNIST ``DigitClassifier`` that judges generated digits and
/// writes `checkpoint.bin`, `metrics.json`, `config.json`, `samples.png`, `loss.svg` and `report.md`.
struct TrainClassifier: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classifier",
        abstract: "Train the MNIST digit classifier used to judge generated samples.",
        discussion: "Reads the four MNIST files from --mnist, trains with Adam, and writes the run folder --out. "
            + "Nothing is written when the data cannot be read.")

    @Option(help: "Folder with the MNIST files (train-images-idx3-ubyte[.gz] and the three others).")
    var mnist: String

    @Option(help: "Passes over the 60,000 training images.")
    var epochs = ClassifierTrainingSettings().epochs

    @Option(help: "Images per minibatch.")
    var batchSize = ClassifierTrainingSettings().batchSize

    @Option(help: "Adam's learning rate.")
    var learningRate = ClassifierTrainingSettings().learningRate

    @Option(help: "Output folder (created if missing; its files are replaced).")
    var out = "runs/classifier"

    @OptionGroup var global: GlobalOptions

    init() {}

    var settings: ClassifierTrainingSettings {
        ClassifierTrainingSettings(epochs: epochs, batchSize: batchSize, learningRate: learningRate)
    }

    /// Throws a usage error for a non-positive epoch count, batch size or learning rate.
    func validate() throws {
        do {
            try settings.validate()
        } catch {
            let option = ["epochs": "--epochs", "batchSize": "--batch-size", "learningRate": "--learning-rate"]
            throw ValidationError("\(option[error.argument] ?? error.argument): \(error.message)")
        }
    }

    func run() throws {
        let data = try MNIST.load(folder: mnist)
        guard data.train.images.columns == DigitClassifier.pixelCount else {
            throw MetricsInputError(argument: "--mnist \(mnist)",
                                    message: "images are \(data.train.height) x \(data.train.width), expected 28 x 28")
        }
        let folder = try RunFolder(path: out)
        var rng = global.makeGenerator()
        var classifier = DigitClassifier(using: &rng)
        var sampler = MinibatchSampler(count: data.train.images.rows, batchSize: batchSize, seed: rng.next())
        let totalSteps = settings.stepsPerEpoch(count: data.train.images.rows) * epochs
        let bar = global.makeProgressBar(total: totalSteps, label: "classifier")
        let start = ProgressBar.monotonicSeconds()
        let history = try classifier.train(
            images: data.train.images, labels: data.train.labels.map(Int.init), settings: settings,
            nextBatch: { sampler.nextIndices() },
            progress: { p in
                bar.update(completed: p.step, status: "epoch \(p.epoch + 1)/\(epochs) loss \(Self.format(p.loss))")
            })
        let seconds = ProgressBar.monotonicSeconds() - start
        bar.finish()

        let testAccuracy = try classifier.accuracy(images: data.test.images, labels: data.test.labels.map(Int.init))
        try classifier.write(to: folder.file("checkpoint.bin"), step: history.stepLosses.count)
        let metrics = ClassifierRunMetrics(
            architecture: classifier.architecture, parameterCount: classifier.parameterCount,
            testAccuracy: testAccuracy, epochLosses: history.epochLosses, steps: history.stepLosses.count,
            trainingSeconds: seconds, checkpoint: folder.file("checkpoint.bin").path)
        try folder.writeMetrics(metrics)
        try folder.writeConfig(Config(mnist: mnist, seed: global.seed, settings: settings))
        let shown = data.test.images.rows(0..<min(50, data.test.images.rows))
        try ImageGrid(columns: 10, scale: 2).render(shown).writePNG(to: folder.file("samples.png").path)
        try lossPlot(history).write(to: folder.file("loss.svg").path)
        try report(metrics, predicted: classifier.predict(shown), labels: data.test.labels.map(Int.init))
            .write(to: folder.file("report.md").path)

        try global.printResult(metrics) {
            "test accuracy \(Self.format(testAccuracy * 100))% after \(epochs) epochs "
                + "(\(Self.format(seconds)) s); run folder \(folder.url.path)"
        }
    }

    /// The settings saved in `config.json`.
    struct Config: Codable {
        var mnist: String
        var seed: UInt64
        var settings: ClassifierTrainingSettings
    }

    /// Step losses and epoch means against the step (logarithmic loss axis).
    func lossPlot(_ history: ClassifierTrainingHistory) -> Plot {
        let perEpoch = history.stepLosses.count / max(history.epochLosses.count, 1)
        var plot = Plot(title: "MNIST classifier training",
                        x: PlotAxis(label: "step"), y: PlotAxis(label: "cross-entropy", scale: .logarithmic))
        plot.add(.line("minibatch", y: history.stepLosses))
        var epochMeans = PlotSeries.line(
            "epoch mean", x: history.epochLosses.indices.map { Double(($0 + 1) * perEpoch) }, y: history.epochLosses)
        epochMeans.marker = .circle
        plot.add(epochMeans)
        return plot
    }

    /// The run report: settings, results, the sample grid with predicted labels laid out as it is.
    func report(_ metrics: ClassifierRunMetrics, predicted: [Int], labels: [Int]) -> MarkdownReport {
        var report = MarkdownReport(title: "MNIST classifier")
        report.paragraph("`swiftot train classifier --mnist \(mnist) --epochs \(epochs) --batch-size \(batchSize) "
            + "--learning-rate \(learningRate) --seed \(global.seed)`")
        report.metrics([
            ("test accuracy", MarkdownReport.number(metrics.testAccuracy)),
            ("final epoch loss", metrics.epochLosses.last.map { MarkdownReport.number($0) } ?? "-"),
            ("steps", "\(metrics.steps)"),
            ("training time (s)", MarkdownReport.number(metrics.trainingSeconds, significantDigits: 4)),
            ("parameters", "\(metrics.parameterCount)"),
        ])
        report.paragraph("Architecture: `\(metrics.architecture)`")
        report.heading("Loss")
        report.image("loss.svg", alt: "training loss")
        report.heading("First test images and predicted labels")
        report.image("samples.png", alt: "first \(predicted.count) test images")
        report.paragraph("Predicted label of each image, in the grid's layout; a wrong one is shown as "
            + "`predicted≠true`.")
        let cells = predicted.indices.map { i in
            predicted[i] == labels[i] ? "\(predicted[i])" : "**\(predicted[i])≠\(labels[i])**"
        }
        let rows = stride(from: 0, to: cells.count, by: 10).map { Array(cells[$0..<min($0 + 10, cells.count)]) }
        report.table(header: (0..<10).map { "col \($0 + 1)" }, rows: rows)
        report.heading("Files")
        report.bulletList(["`checkpoint.bin`: the weights (`swiftot evaluate samples --classifier`)",
                           "`metrics.json`, `config.json`, `samples.png`, `loss.svg`"])
        return report
    }

    /// A number with 4 significant digits.
    static func format(_ value: Double) -> String { MarkdownReport.number(value, significantDigits: 4) }
}
