import OTMetrics

/// The `metrics.json` of `swiftot train classifier` (also its `--json` output).
public struct ClassifierRunMetrics: Codable, Equatable, Sendable {
    /// The classifier's architecture (its checkpoint fingerprint).
    public var architecture: String
    /// The number of trainable scalars.
    public var parameterCount: Int
    /// The fraction of the 10,000 MNIST test images classified correctly.
    public var testAccuracy: Double
    /// Each epoch's mean minibatch cross-entropy.
    public var epochLosses: [Double]
    /// Optimizer steps taken.
    public var steps: Int
    /// Wall-clock seconds of the training loop (data loading and evaluation excluded).
    public var trainingSeconds: Double
    /// The checkpoint file written.
    public var checkpoint: String
}
