import OTKernels
import OTNeural
import Testing

@Suite struct LearningTests {
    /// A 2-16-1 tanh network fits XOR with binary cross-entropy. Any model whose logit is affine in
    /// the input cannot do better than ln 2 ≈ 0.693 on XOR (the optimum is the constant ½), so a
    /// loss below 0.05 needs working hidden-layer gradients, activations and Adam steps.
    @Test func mlpLearnsXOR() {
        var rng = Xoshiro256(seed: 2024)
        var model = Sequential<Float>([
            Linear(inputFeatures: 2, outputFeatures: 16, using: &rng), Tanh(),
            Linear(inputFeatures: 16, outputFeatures: 1, using: &rng),
        ])
        let x = Matrix<Float>([[0, 0], [0, 1], [1, 0], [1, 1]])
        let y = Matrix<Float>([[0], [1], [1], [0]])
        var adam = Adam<Float>(learningRate: 0.05)
        var loss = Float.infinity
        for _ in 0..<400 {
            model.zeroGradients()
            let (value, gradient) = Loss.binaryCrossEntropyWithLogits(model.forward(x, training: true), targets: y)
            loss = value
            _ = model.backward(gradient)
            adam.step(&model)
        }
        #expect(loss < 0.05)
    }

    /// A small convolutional network (Conv2D → BatchNorm2D → LeakyReLU → ConvTranspose2D) learns to
    /// reproduce 4x4 images of random bars. The mean-squared error of the best constant output is the
    /// data variance (~0.21 here); reaching a tenth of it needs every layer's gradients.
    @Test func convolutionalAutoencoderReconstructsBars() {
        var rng = Xoshiro256(seed: 77)
        var model = Sequential<Float>([
            Conv2D(inputChannels: 1, outputChannels: 4, kernelSize: 4, stride: 2, padding: 1,
                   inputHeight: 4, inputWidth: 4, using: &rng),
            BatchNorm(channels: 4, height: 2, width: 2), LeakyReLU(slope: 0.2),
            ConvTranspose2D(inputChannels: 4, outputChannels: 1, kernelSize: 4, stride: 2, padding: 1,
                            inputHeight: 2, inputWidth: 2, using: &rng),
        ])
        // 8 images: one horizontal or vertical bar each.
        let images = Matrix<Float>(rows: 8, columns: 16) { n, p in
            let (row, col) = (p / 4, p % 4)
            return n < 4 ? (row == n ? 1 : 0) : (col == n - 4 ? 1 : 0)
        }
        let mean = images.elements.reduce(0, +) / Float(images.count)
        let variance = images.elements.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(images.count)
        var adam = Adam<Float>(learningRate: 0.02)
        var loss = Float.infinity
        for _ in 0..<300 {
            model.zeroGradients()
            let (value, gradient) = Loss.meanSquaredError(model.forward(images, training: true), images)
            loss = value
            _ = model.backward(gradient)
            adam.step(&model)
        }
        #expect(loss < 0.1 * variance)
    }
}
