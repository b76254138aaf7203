import OTKernels
import OTNeural

extension DigitClassifier {
    /// The logits (`n x 10`) of `images` (`n x 784`), computed in chunks of 500 images without
    /// touching the classifier's training caches.
    /// - Precondition: `images.columns == 784`.
    /// - Complexity: about 0.9 M multiply-adds per image; O(chunk) working memory.
    public func logits(_ images: Matrix<Float>) -> Matrix<Float> {
        logits(images, chunkSize: Self.inferenceChunk)
    }

    /// The logits of `images` computed `chunkSize` images at a time.
    /// - Complexity: as ``logits(_:)``.
    func logits(_ images: Matrix<Float>, chunkSize: Int) -> Matrix<Float> {
        precondition(images.columns == Self.pixelCount,
                     "DigitClassifier: images have \(images.columns) columns, expected \(Self.pixelCount)")
        var model = self
        var out = Matrix<Float>(rows: images.rows, columns: Self.classCount)
        var start = 0
        while start < images.rows {
            let end = min(start + chunkSize, images.rows)
            let chunk = model.forward(images.rows(start..<end), training: false)
            out.withUnsafeMutableBufferPointer { o in
                chunk.withUnsafeBufferPointer { c in
                    (o.baseAddress! + start &* Self.classCount).update(from: c.baseAddress!, count: c.count)
                }
            }
            start = end
        }
        return out
    }

    /// The class probabilities `softmax(logits)` of every image, one row of 10 per image.
    /// - Complexity: as ``logits(_:)``.
    public func probabilities(_ images: Matrix<Float>) -> Matrix<Float> {
        logits(images).softmaxRows()
    }

    /// The predicted class of every image: the index of its largest logit (the first on ties).
    /// - Complexity: as ``logits(_:)``.
    public func predict(_ images: Matrix<Float>) -> [Int] {
        Self.argmaxRows(logits(images))
    }

    /// The fraction of `images` whose predicted class equals its label.
    /// - Throws: ``MetricsInputError`` unless `images` is `n x 784` with `n > 0` and there is one
    ///   label in `0..<10` per image.
    /// - Complexity: as ``logits(_:)``.
    public func accuracy(images: Matrix<Float>, labels: [Int]) throws(MetricsInputError) -> Double {
        try Self.validate(images: images, labels: labels)
        let predicted = predict(images)
        return Double(zip(predicted, labels).count { $0 == $1 }) / Double(labels.count)
    }

    /// The index of the largest entry of each row (the first on ties).
    /// - Complexity: O(m.count).
    static func argmaxRows<S: OTScalar>(_ m: Matrix<S>) -> [Int] {
        (0..<m.rows).map { i in
            var best = 0
            for j in 1..<m.columns where m[i, j] > m[i, best] { best = j }
            return best
        }
    }

    /// Throws unless `images` is a non-empty `n x 784` batch and `labels` holds `n` classes in `0..<10`.
    static func validate(images: Matrix<Float>, labels: [Int]) throws(MetricsInputError) {
        guard images.rows > 0, images.columns == pixelCount else {
            throw MetricsInputError(
                argument: "images",
                message: "expected n x \(pixelCount) with n > 0, got \(images.rows) x \(images.columns)")
        }
        guard labels.count == images.rows else {
            throw MetricsInputError(argument: "labels", message: "expected \(images.rows) labels, got \(labels.count)")
        }
        if let bad = labels.first(where: { !(0..<classCount).contains($0) }) {
            throw MetricsInputError(argument: "labels", message: "expected classes in 0..<\(classCount), found \(bad)")
        }
    }
}
