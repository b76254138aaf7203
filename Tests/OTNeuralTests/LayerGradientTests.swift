import OTKernels
import OTNeural
import Testing
import _OTTestSupport

/// One layer configuration under test, with an input shape. Kept small: the finite-difference check
/// costs two forward passes per input and per parameter element.
enum LayerCase: String, CaseIterable, Sendable {
    case linear, relu, leakyReLU, sigmoid, tanh, gelu
    case batchNorm1DTraining, batchNorm1DEvaluation, batchNorm2DTraining, batchNorm2DEvaluation
    case reshape, conv2DStride2Padding1, conv2DNonSquare, convTranspose2DDCGAN, convTranspose2DStride1
    case sequentialMLP, sequentialConvolutional

    /// The layer, its input and whether to run in training mode.
    func make() -> (layer: any Layer<Double>, input: Matrix<Double>, training: Bool) {
        var rng = Xoshiro256(seed: 11)
        func input(_ columns: Int, rows: Int = 3) -> Matrix<Double> {
            Matrix.normal(rows: rows, columns: columns, using: &rng)
        }
        switch self {
        case .linear:
            return (Linear<Double>(inputFeatures: 4, outputFeatures: 3, using: &rng), input(4), true)
        case .relu: return (ReLU<Double>(), input(5), true)
        case .leakyReLU: return (LeakyReLU<Double>(slope: 0.2), input(5), true)
        case .sigmoid: return (Sigmoid<Double>(), input(5), true)
        case .tanh: return (Tanh<Double>(), input(5), true)
        case .gelu: return (GELU<Double>(), input(5), true)
        case .batchNorm1DTraining, .batchNorm1DEvaluation:
            return (batchNorm(BatchNorm<Double>(features: 3), using: &rng), input(3, rows: 4),
                    self == .batchNorm1DTraining)
        case .batchNorm2DTraining, .batchNorm2DEvaluation:
            return (batchNorm(BatchNorm<Double>(channels: 2, height: 2, width: 3), using: &rng), input(12, rows: 2),
                    self == .batchNorm2DTraining)
        case .reshape: return (Reshape<Double>(from: [2, 3], to: [6]), input(6), true)
        case .conv2DStride2Padding1:
            return (Conv2D<Double>(inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: 2, padding: 1,
                                   inputHeight: 5, inputWidth: 4, using: &rng).withRandomBias(using: &rng),
                    input(40, rows: 2), true)
        case .conv2DNonSquare:
            return (Conv2D<Double>(inputChannels: 1, outputChannels: 2, kernelSize: 2, inputHeight: 3, inputWidth: 5,
                                   using: &rng).withRandomBias(using: &rng),
                    input(15, rows: 2), true)
        case .convTranspose2DDCGAN:
            return (ConvTranspose2D<Double>(inputChannels: 2, outputChannels: 2, kernelSize: 4, stride: 2, padding: 1,
                                            inputHeight: 2, inputWidth: 3, using: &rng).withRandomBias(using: &rng),
                    input(12, rows: 2), true)
        case .convTranspose2DStride1:
            return (ConvTranspose2D<Double>(inputChannels: 3, outputChannels: 1, kernelSize: 3, inputHeight: 2,
                                            inputWidth: 2, using: &rng).withRandomBias(using: &rng),
                    input(12, rows: 2), true)
        case .sequentialMLP:
            let model = Sequential<Double>([
                Linear(inputFeatures: 3, outputFeatures: 4, using: &rng), BatchNorm(features: 4), GELU(),
                Linear(inputFeatures: 4, outputFeatures: 2, using: &rng), Tanh(),
            ])
            return (model, input(3, rows: 4), true)
        case .sequentialConvolutional:
            let model = Sequential<Double>([
                Linear(inputFeatures: 3, outputFeatures: 8, using: &rng), Reshape(from: [8], to: [2, 2, 2]),
                ConvTranspose2D(inputChannels: 2, outputChannels: 2, kernelSize: 4, stride: 2, padding: 1,
                                inputHeight: 2, inputWidth: 2, using: &rng),
                BatchNorm(channels: 2, height: 4, width: 4), LeakyReLU(slope: 0.2),
                Conv2D(inputChannels: 2, outputChannels: 1, kernelSize: 3, stride: 2, padding: 1,
                       inputHeight: 4, inputWidth: 4, using: &rng), Sigmoid(),
            ])
            return (model, input(3, rows: 2), true)
        }
    }

    /// Non-trivial scale, shift and running statistics, so that every term of the backward pass matters.
    private func batchNorm(_ layer: BatchNorm<Double>, using rng: inout Xoshiro256) -> BatchNorm<Double> {
        var bn = layer
        let c = bn.channels
        bn.scale.value = Matrix.uniform(rows: 1, columns: c, in: 0.5..<1.5, using: &rng)
        bn.shift.value = Matrix.normal(rows: 1, columns: c, using: &rng)
        bn.runningMean = Matrix.normal(rows: 1, columns: c, using: &rng)
        bn.runningVariance = Matrix.uniform(rows: 1, columns: c, in: 0.5..<2, using: &rng)
        return bn
    }
}

extension Conv2D where Scalar == Double {
    func withRandomBias(using rng: inout Xoshiro256) -> Self {
        var copy = self
        copy.bias.value = Matrix.normal(rows: 1, columns: outputChannels, using: &rng)
        return copy
    }
}

extension ConvTranspose2D where Scalar == Double {
    func withRandomBias(using rng: inout Xoshiro256) -> Self {
        var copy = self
        copy.bias.value = Matrix.normal(rows: 1, columns: outputChannels, using: &rng)
        return copy
    }
}

@Suite struct LayerGradientTests {
    @Test(arguments: LayerCase.allCases)
    func backwardMatchesFiniteDifferences(_ testCase: LayerCase) {
        let (layer, input, training) = testCase.make()
        expectGradientsMatch(layer, input: input, training: training)
    }

    @Test func gradientsAccumulateAcrossBackwardPassesUntilZeroed() {
        var rng = Xoshiro256(seed: 3)
        var layer = Linear<Double>(inputFeatures: 2, outputFeatures: 2, using: &rng)
        // One sample, so each gradient entry is a single product and a second pass adds it once more.
        let x = Matrix<Double>.normal(rows: 1, columns: 2, using: &rng)
        let g = Matrix<Double>.normal(rows: 1, columns: 2, using: &rng)
        _ = layer.forward(x, training: true)
        _ = layer.backward(g)
        let once = layer.weight.gradient
        _ = layer.backward(g)
        // Exact: p + p == 2p in binary floating point.
        #expect(layer.weight.gradient == Matrix(rows: 2, columns: 2, elements: once.elements.map { 2 * $0 }))
        layer.zeroGradients()
        #expect(layer.weight.gradient.elements.allSatisfy { $0 == 0 })
        #expect(layer.bias.gradient.elements.allSatisfy { $0 == 0 })
    }
}
