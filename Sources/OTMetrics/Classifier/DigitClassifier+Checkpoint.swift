import Foundation
import OTKernels
import OTNeural

extension DigitClassifier {
    /// The classifier's weights as a checkpoint (fingerprint ``architecture``, no optimizer state).
    /// - Complexity: O(number of tensors); values are shared copy-on-write.
    public func checkpoint(step: Int = 0) -> Checkpoint<Float> {
        Checkpoint(model: self, step: step)
    }

    /// A classifier with the weights of `checkpoint`.
    /// - Throws: ``CheckpointError`` if it holds another architecture or other tensors.
    /// - Complexity: O(parameter count).
    public init(checkpoint: Checkpoint<Float>) throws(CheckpointError) {
        var rng = Xoshiro256(seed: 0)  // the initial weights are all replaced
        self.init(using: &rng)
        try checkpoint.restore(into: &self)
    }

    /// A classifier read from the checkpoint file at `url`.
    /// - Throws: ``CheckpointError`` naming the file: unreadable, corrupt, another model's, Double-precision.
    /// - Complexity: O(file size).
    public init(contentsOf url: URL) throws(CheckpointError) {
        try self.init(checkpoint: Checkpoint<Float>(contentsOf: url))
    }

    /// Writes the weights to `url` atomically (see ``Checkpoint/write(to:)``).
    /// - Throws: ``CheckpointError`` (`.unwritable`).
    /// - Complexity: O(parameter count).
    public func write(to url: URL, step: Int = 0) throws(CheckpointError) {
        try checkpoint(step: step).write(to: url)
    }
}
