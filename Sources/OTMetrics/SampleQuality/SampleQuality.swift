import OTKernels

/// How a classifier sees a set of generated samples: which classes they fall in, how evenly, and
/// how confidently.
///
/// From the class probabilities `p_i` (one row per sample, `K` classes), with `ŷ_i = argmax_k p_ik`
/// (the first on ties), `h_k = #{i : ŷ_i = k}` and `f_k = h_k / n`:
/// ```
/// meanConfidence     = (1/n) Σ_i max_k p_ik
/// entropy            = −Σ_k f_k log f_k        (nats, 0 log 0 = 0; log K for a uniform histogram)
/// normalizedEntropy  = entropy / log K         (1 for uniform, 0 when every sample is one class)
/// leastFrequentClassFraction = min_k f_k
/// ```
/// Good MNIST samples score a high confidence (recognizable digits), a normalized entropy near 1
/// and a least-frequent fraction near 0.1 (no mode collapse). `Codable` for `metrics.json`.
public struct SampleQuality: Codable, Equatable, Sendable {
    /// The number of samples `n`.
    public var sampleCount: Int
    /// `h_k`: how many samples the classifier puts in class `k`.
    public var classHistogram: [Int]
    /// `f_k = h_k / n`.
    public var classFractions: [Double]
    /// The mean over samples of the largest class probability.
    public var meanConfidence: Double
    /// The entropy of the class histogram in nats.
    public var entropy: Double
    /// ``entropy`` divided by `log K`.
    public var normalizedEntropy: Double
    /// The class with the fewest samples (the smallest index on ties).
    public var leastFrequentClass: Int
    /// `min_k f_k`.
    public var leastFrequentClassFraction: Double

    /// The quality figures of samples whose class probabilities are the rows of `probabilities`.
    /// - Throws: ``MetricsInputError`` unless there is at least one row and two columns and every
    ///   row is a probability vector (finite, non-negative, summing to 1 within 1e-3).
    /// - Complexity: O(probabilities.count).
    public init<S: OTScalar>(probabilities: Matrix<S>) throws(MetricsInputError) {
        let n = probabilities.rows, k = probabilities.columns
        guard n > 0, k >= 2 else {
            throw MetricsInputError(argument: "probabilities",
                                    message: "expected n x K with n > 0 and K >= 2, got \(n) x \(k)")
        }
        var histogram = [Int](repeating: 0, count: k)
        var confidence = 0.0
        for i in 0..<n {
            var best = 0, sum = 0.0
            for j in 0..<k {
                let p = probabilities[i, j]
                guard p.isFinite, p >= 0 else {
                    throw MetricsInputError(argument: "probabilities",
                                            message: "row \(i) holds \(p), expected finite values >= 0")
                }
                sum += Double(p)
                if p > probabilities[i, best] { best = j }
            }
            // 1e-3: Float softmax rows sum to 1 within a few ulps; anything further off is not a
            // probability vector (e.g. logits passed by mistake).
            guard abs(sum - 1) <= 1e-3 else {
                throw MetricsInputError(argument: "probabilities", message: "row \(i) sums to \(sum), expected 1")
            }
            histogram[best] += 1
            confidence += Double(probabilities[i, best])
        }
        self.init(histogram: histogram, confidenceSum: confidence)
    }

    /// The quality figures of samples whose class logits are the rows of `logits`
    /// (``init(probabilities:)`` of their row-wise softmax).
    /// - Throws: ``MetricsInputError`` unless `logits` is at least `1 x 2` and finite.
    /// - Complexity: O(logits.count) exponentials.
    public init<S: OTScalar>(logits: Matrix<S>) throws(MetricsInputError) {
        guard logits.isFinite else {
            throw MetricsInputError(argument: "logits", message: "expected finite values, found NaN or infinity")
        }
        try self.init(probabilities: logits.softmaxRows())
    }

    /// The figures of a class histogram of `n = Σ histogram` samples and the sum of their confidences.
    init(histogram: [Int], confidenceSum: Double) {
        let n = histogram.reduce(0, +)
        let fractions = histogram.map { Double($0) / Double(n) }
        let entropy = -fractions.reduce(0.0) { $0 + ($1 > 0 ? $1 * .log($1) : 0) }
        let least = histogram.indices.min { histogram[$0] < histogram[$1] }!
        sampleCount = n
        classHistogram = histogram
        classFractions = fractions
        meanConfidence = confidenceSum / Double(n)
        self.entropy = entropy
        normalizedEntropy = entropy / .log(Double(histogram.count))
        leastFrequentClass = least
        leastFrequentClassFraction = fractions[least]
    }
}
