import ArgumentParser
import Foundation
import OTData
import OTKernels
import OTMetrics
import OTRender

/// `swiftot evaluate samples`: the ``SampleQuality`` of generated MNIST digits (an `n x 784` `.npy`
/// with values in `[0, 1]`) as judged by a classifier trained with `swiftot train classifier`.
struct EvaluateSamples: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "Class histogram, confidence and histogram entropy of generated MNIST digits.")

    @Option(help: "Classifier checkpoint written by 'swiftot train classifier' (checkpoint.bin).")
    var classifier: String

    @Option(help: "Samples: an .npy array of n x 784 pixel values in [0, 1].")
    var samples: String

    @OptionGroup var global: GlobalOptions

    init() {}

    func run() throws {
        let quality = try evaluate()
        try global.printResult(quality) { Self.summary(quality) }
    }

    /// Reads the checkpoint and the samples and measures them.
    /// - Throws: `CheckpointError`, `DataFileError`, or a `MetricsInputError` naming `--samples` when the
    ///   array is not `n x 784` with values in `[0, 1]`.
    func evaluate() throws -> SampleQuality {
        let model = try DigitClassifier(contentsOf: URL(fileURLWithPath: classifier))
        let images = try Matrix<Float>(npyAt: samples)
        let quality: SampleQuality
        do {
            quality = try model.sampleQuality(of: images)
        } catch {
            throw MetricsInputError(argument: "--samples \(samples)", message: error.message)
        }
        return quality
    }

    /// The human summary: one line per figure, then the histogram.
    static func summary(_ q: SampleQuality) -> String {
        func number(_ v: Double) -> String { MarkdownReport.number(v, significantDigits: 4) }
        let histogram = q.classHistogram.enumerated().map { "\($0.offset):\($0.element)" }.joined(separator: " ")
        return """
            samples: \(q.sampleCount)
            mean confidence: \(number(q.meanConfidence))
            histogram entropy: \(number(q.entropy)) nats (normalized \(number(q.normalizedEntropy)))
            least frequent class: \(q.leastFrequentClass) (\(number(q.leastFrequentClassFraction * 100))%)
            class histogram: \(histogram)
            """
    }
}
