import OTKernels
import OTNeural
import Testing
import _OTTestSupport

/// A 1 → 1 linear layer with weight `w` and bias 0, whose gradients a test sets by hand.
func scalarModel(weight w: Double) -> Linear<Double> {
    Linear(weight: Matrix([[w]]), bias: Matrix([[0]]))
}

/// Sets the weight gradient to `g` and the bias gradient to 0.
func setGradient(_ model: inout Linear<Double>, _ g: Double) {
    model.weight.gradient = Matrix([[g]])
    model.bias.gradient = Matrix([[0]])
}

@Suite struct OptimizerTests {
    @Test func sgdWithMomentumAndWeightDecayMatchesHandComputedSteps() {
        var model = scalarModel(weight: 1)
        var sgd = SGD<Double>(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
        setGradient(&model, 0.5)
        sgd.step(&model)
        // g' = 0.5 + 0.01·1 = 0.51, v = 0.51, w = 1 − 0.051.
        #expect(isClose(model.weight.value[0, 0], 0.949, relative: 1e-15))  // 3 roundings
        setGradient(&model, -1)
        sgd.step(&model)
        // g' = −1 + 0.00949 = −0.99051, v = 0.459 − 0.99051 = −0.53151, w = 0.949 + 0.053151.
        #expect(isClose(model.weight.value[0, 0], 1.002151, relative: 1e-15))  // a few roundings
        #expect(model.bias.value[0, 0] == 0)
        #expect(sgd.stepCount == 2)
    }

    @Test func adamMatchesHandComputedSteps() {
        var model = scalarModel(weight: 1)
        var adam = Adam<Double>(learningRate: 0.1)  // β₁ = 0.9, β₂ = 0.999, ε = 1e-8
        setGradient(&model, 0.5)
        adam.step(&model)
        // t = 1: m̂ = g, v̂ = g², so w = 1 − 0.1 · 0.5 / (0.5 + 1e-8).
        #expect(isClose(model.weight.value[0, 0], 1 - 0.1 * 0.5 / (0.5 + 1e-8), relative: 1e-15))
        #expect(isClose(adam.firstMoment[0][0, 0], 0.05, relative: 1e-15))
        #expect(isClose(adam.secondMoment[0][0, 0], 0.00025, relative: 1e-15))
        setGradient(&model, -1)
        adam.step(&model)
        // t = 2: m = 0.045 − 0.1 = −0.055, v = 0.00024975 + 0.001 = 0.00124975,
        // m̂ = −0.055 / (1 − 0.81), v̂ = 0.00124975 / (1 − 0.998001).
        let w1 = 1 - 0.1 * 0.5 / (0.5 + 1e-8)
        let w2 = w1 + 0.1 * (0.055 / 0.19) / ((0.00124975 / 0.001999).squareRoot() + 1e-8)
        #expect(isClose(model.weight.value[0, 0], w2, relative: 1e-14))  // bias corrections via pow: a few ulps
        #expect(isClose(w2, 0.93661035424, relative: 1e-11))  // the decimal value, computed by hand to 11 digits
        // The zero bias gradient leaves the bias at 0 (0 / (0 + ε)).
        #expect(model.bias.value[0, 0] == 0)
    }

    @Test func averagedSGDAveragesTheIteratesFromTheStartStep() {
        var model = scalarModel(weight: 1)
        var asgd = AveragedSGD<Double>(learningRate: 0.1, averagingStart: 2)
        for t in 1...4 {
            setGradient(&model, 1)
            asgd.step(&model)
            // Plain SGD on a constant gradient: w_t = 1 − 0.1 t.
            #expect(isClose(model.weight.value[0, 0], 1 - 0.1 * Double(t), relative: 1e-14))
            if t <= 2 {
                #expect(asgd.averagedParameters[0] == model.weight.value)
            }
        }
        // Mean of w₂, w₃, w₄ = (0.8 + 0.7 + 0.6) / 3; the iterate itself is 0.6.
        let averaged = asgd.averaged(model)
        #expect(isClose(averaged.weight.value[0, 0], 0.7, relative: 1e-14))
        #expect(isClose(model.weight.value[0, 0], 0.6, relative: 1e-14))
    }

    @Test func parameterCountSumsEveryTrainableTensor() {
        var rng = Xoshiro256(seed: 1)
        let mlp = Sequential<Float>([
            Linear(inputFeatures: 3, outputFeatures: 4, using: &rng), BatchNorm(features: 4), ReLU(),
            Linear(inputFeatures: 4, outputFeatures: 2, using: &rng),
        ])
        #expect(mlp.parameterCount == (12 + 4) + (4 + 4) + (8 + 2))
        let conv = Conv2D<Float>(inputChannels: 2, outputChannels: 3, kernelSize: 3, inputHeight: 5, inputWidth: 5,
                                 using: &rng)
        #expect(conv.parameterCount == 3 * 2 * 9 + 3)
        let convT = ConvTranspose2D<Float>(inputChannels: 2, outputChannels: 3, kernelSize: 4, stride: 2, padding: 1,
                                           inputHeight: 4, inputWidth: 4, using: &rng)
        #expect(convT.parameterCount == 2 * 3 * 16 + 3)
        #expect(mlp.parameters.map(\.name) == ["0.weight", "0.bias", "1.scale", "1.shift", "3.weight", "3.bias"])
        #expect(mlp.buffers.map(\.name) == ["1.runningMean", "1.runningVariance"])
    }

    @Test func initializersHaveTheirStatedSpread() {
        var rng = Xoshiro256(seed: 2)
        let glorot: Matrix<Double> = Initializer.glorotUniform.matrix(rows: 200, columns: 100, fanIn: 200, fanOut: 100,
                                                                       using: &rng)
        let bound = (6.0 / 300).squareRoot()
        #expect(glorot.elements.allSatisfy { abs($0) < bound })
        let he: Matrix<Double> = Initializer.heNormal.matrix(rows: 200, columns: 100, fanIn: 50, fanOut: 100, using: &rng)
        let variance = he.elements.reduce(0) { $0 + $1 * $1 } / Double(he.count)
        // 20000 samples: the variance estimate has relative standard error √(2/20000) = 1%; allow 5σ.
        #expect(abs(variance / (2.0 / 50) - 1) < 0.05)
        let zeros: Matrix<Double> = Initializer.zeros.matrix(rows: 2, columns: 3, fanIn: 2, fanOut: 3, using: &rng)
        #expect(zeros == Matrix(rows: 2, columns: 3))
    }
}
