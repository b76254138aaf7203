import OTKernels
import OTNeural
import OptimalTransport

/// The generator architectures of semi-discrete generator training, mapping a latent batch
/// `z ∈ [−1, 1]^latent` (one sample per row) to images in `(0, 1)` (sigmoid output).
public enum SemiDiscreteGenerator: String, CaseIterable, Sendable {
    /// Fully connected: `latent → 256 → 512 → 1024` with LeakyReLU(0.2), then `→ output` and a sigmoid.
    ///
    /// Weights He-normal (`N(0, 2/fan_in)`), biases 0: every layer keeps the scale of its input, so
    /// different latents give visibly different images at the start (pixel standard deviation about
    /// 0.18 across samples). With Glorot weights the scale shrinks layer by layer and all samples
    /// start as the same gray image (pixel deviation 0.02, pairwise cost 0.008 against 1.18 between
    /// MNIST images, far below `λ`): every sample then gets the same soft assignment and gradient,
    /// and the generator collapses onto one digit that ψ cannot split.
    case mlp
    /// DCGAN-style transposed convolutions for `28 x 28` images (NCHW, one channel):
    /// ```
    /// Linear(latent → 256·3·3), BatchNorm, ReLU, reshape to 256 x 3 x 3
    /// ConvTranspose2D(256 → 128, k 3, s 2, p 0): 3 → (3−1)·2 + 3      =  7, BatchNorm, ReLU
    /// ConvTranspose2D(128 →  64, k 4, s 2, p 1): 7 → (7−1)·2 − 2 + 4  = 14, BatchNorm, ReLU
    /// ConvTranspose2D( 64 →   1, k 4, s 2, p 1): 14 → (14−1)·2 − 2 + 4 = 28, sigmoid
    /// ```
    /// Weights `N(0, 0.02²)` as in DCGAN, biases 0. The odd first kernel (3 → 7) is what makes
    /// 28 = 7 · 4 reachable by stride-2 doubling.
    case dcgan

    /// The network for `latent`-dimensional inputs and `output` values per sample.
    ///
    /// `hidden` sets the MLP's widths (default the paper's 256, 512, 1024; tests use small ones);
    /// the DCGAN ignores it and requires `output == 784`.
    /// - Throws: ``OTInputError`` when `latent` or `output` is below 1, a hidden width is
    ///   below 1, or the DCGAN is asked for an output other than 784.
    /// - Complexity: O(number of parameters) random draws.
    public func make<S: OTScalar>(
        latent: Int = 100, output: Int = 784, hidden: [Int] = [256, 512, 1024], as _: S.Type = S.self,
        using rng: inout some RandomNumberGenerator
    ) throws -> Sequential<S> {
        guard latent >= 1 else { throw OTInputError("latent dimension = \(latent); expected at least 1") }
        guard output >= 1 else { throw OTInputError("output dimension = \(output); expected at least 1") }
        switch self {
        case .mlp:
            guard hidden.allSatisfy({ $0 >= 1 }) else {
                throw OTInputError("hidden widths \(hidden); expected every width at least 1")
            }
            var layers = [any Layer<S>]()
            var width = latent
            for next in hidden {
                layers.append(Linear<S>(inputFeatures: width, outputFeatures: next, initializer: .heNormal, using: &rng))
                layers.append(LeakyReLU<S>(slope: 0.2))
                width = next
            }
            layers.append(Linear<S>(inputFeatures: width, outputFeatures: output, initializer: .heNormal, using: &rng))
            layers.append(Sigmoid<S>())
            return Sequential(layers)
        case .dcgan:
            guard output == 784 else {
                throw OTInputError("the dcgan generator makes 28 x 28 = 784 values; asked for \(output)")
            }
            let initializer = Initializer.normal(standardDeviation: 0.02)
            func up(_ c: Int, _ o: Int, k: Int, p: Int, from size: Int) -> ConvTranspose2D<S> {
                ConvTranspose2D<S>(
                    inputChannels: c, outputChannels: o, kernelSize: k, stride: 2, padding: p, inputHeight: size,
                    inputWidth: size, initializer: initializer, using: &rng)
            }
            return Sequential([
                Linear<S>(inputFeatures: latent, outputFeatures: 256 * 9, initializer: initializer, using: &rng),
                BatchNorm<S>(features: 256 * 9), ReLU<S>(),
                Reshape<S>(from: [256 * 9], to: [256, 3, 3]),
                up(256, 128, k: 3, p: 0, from: 3), BatchNorm<S>(channels: 128, height: 7, width: 7), ReLU<S>(),
                up(128, 64, k: 4, p: 1, from: 7), BatchNorm<S>(channels: 64, height: 14, width: 14), ReLU<S>(),
                up(64, 1, k: 4, p: 1, from: 14), Sigmoid<S>(),
            ])
        }
    }
}
