import OTKernels

extension DigitClassifier {
    /// The ``SampleQuality`` of generated digit images as this classifier sees them.
    /// - Throws: ``MetricsInputError`` unless `samples` is `n x 784` with `n > 0` and every value is
    ///   in `[0, 1]` (pixels scaled as `OTData`'s MNIST).
    /// - Complexity: as ``logits(_:)``.
    public func sampleQuality(of samples: Matrix<Float>) throws(MetricsInputError) -> SampleQuality {
        guard samples.rows > 0, samples.columns == Self.pixelCount else {
            throw MetricsInputError(
                argument: "samples",
                message: "expected n x \(Self.pixelCount) images with n > 0, got \(samples.rows) x \(samples.columns)")
        }
        if let bad = samples.elements.firstIndex(where: { !(0...1).contains($0) }) {
            throw MetricsInputError(
                argument: "samples",
                message: "expected pixel values in [0, 1], found \(samples.elements[bad]) "
                    + "in row \(bad / Self.pixelCount)")
        }
        return try SampleQuality(probabilities: probabilities(samples))
    }
}
