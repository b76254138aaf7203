import OTMetrics

/// The `metrics.json` of `swiftot train classifier` (also its `--json` output).
struct ClassifierRunMetrics: Codable, Equatable, Sendable {
    /// The classifier's architecture (its checkpoint fingerprint).
    var architecture: String
    /// The number of trainable scalars.
    var parameterCount: Int
    /// The fraction of the 10,000 MNIST test images classified correctly.
    var testAccuracy: Double
    /// Each epoch's mean minibatch cross-entropy.
    var epochLosses: [Double]
    /// Optimizer steps taken.
    var steps: Int
    /// Wall-clock seconds of the training loop (data loading and evaluation excluded).
    var trainingSeconds: Double
    /// The checkpoint file written.
    var checkpoint: String
}
