import OTKernels
import OTNeural

/// A small convolutional network that classifies 28 x 28 gray digit images (MNIST) into 10 classes;
/// the judge of every MNIST generator in SwiftOT (see ``SampleQuality``).
///
/// Architecture (images one per row, 784 pixels in `[0, 1]`, row-major):
/// ```
/// Conv2D 5x5, 1 -> 16 channels, stride 2, padding 2   (28x28 -> 14x14), ReLU
/// Conv2D 5x5, 16 -> 32 channels, stride 2, padding 2  (14x14 -> 7x7),   ReLU
/// Linear 1568 -> 128, ReLU
/// Linear 128 -> 10                                     (logits)
/// ```
/// Strided convolutions take the place of pooling. 215,370 parameters; about 0.91 M multiply-adds per
/// image. The classifier is itself a ``Layer`` whose ``architecture`` is the network's prefixed
/// with `"DigitClassifier.v1"`, so a checkpoint of any other model is refused on load.
public struct DigitClassifier: Layer {
    /// Pixels per image side.
    public static let imageSide = 28
    /// Pixels per image, `28 · 28`.
    public static let pixelCount = imageSide * imageSide
    /// The number of classes (digits 0 to 9).
    public static let classCount = 10
    /// Images per forward pass when classifying many images (bounds the im2col buffers to ~40 MB).
    static let inferenceChunk = 500

    /// The network; its output is one row of 10 logits per image.
    public var network: Sequential<Float>

    /// A freshly initialized classifier (He-normal kernels and weights, zero biases).
    /// - Complexity: O(parameter count) draws from `rng`.
    public init(using rng: inout some RandomNumberGenerator) {
        let side = Self.imageSide
        network = Sequential([
            Conv2D(inputChannels: 1, outputChannels: 16, kernelSize: 5, stride: 2, padding: 2,
                   inputHeight: side, inputWidth: side, using: &rng),
            ReLU(),
            Conv2D(inputChannels: 16, outputChannels: 32, kernelSize: 5, stride: 2, padding: 2,
                   inputHeight: side / 2, inputWidth: side / 2, using: &rng),
            ReLU(),
            Linear(inputFeatures: 32 * 7 * 7, outputFeatures: 128, initializer: .heNormal, using: &rng),
            ReLU(),
            Linear(inputFeatures: 128, outputFeatures: Self.classCount, using: &rng),
        ])
    }

    /// `"DigitClassifier.v1[<network architecture>]"`: the checkpoint fingerprint.
    public var architecture: String { "DigitClassifier.v1[\(network.architecture)]" }

    /// The logits (`n x 10`) of a batch of images (`n x 784`); caches what ``backward(_:)`` needs.
    /// - Complexity: about 0.9 M multiply-adds per image.
    public mutating func forward(_ x: Matrix<Float>, training: Bool) -> Matrix<Float> {
        network.forward(x, training: training)
    }

    /// Back-propagates `∂L/∂logits` through the network (see ``Layer/backward(_:)``).
    /// - Complexity: about twice the forward pass.
    public mutating func backward(_ gradOutput: Matrix<Float>) -> Matrix<Float> {
        network.backward(gradOutput)
    }

    /// The network's parameters, named as in ``Sequential``.
    public mutating func updateParameters(_ body: (String, inout Parameter<Float>) -> Void) {
        network.updateParameters(body)
    }

    /// The network's buffers (none in this architecture).
    public mutating func updateBuffers(_ body: (String, inout Matrix<Float>) -> Void) {
        network.updateBuffers(body)
    }
}
