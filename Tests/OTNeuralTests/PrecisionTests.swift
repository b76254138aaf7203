import OTKernels
import OTNeural
import Testing
import _OTTestSupport

@Suite struct PrecisionTests {
    /// A generator-shaped network covering every layer kind.
    func network<S: OTScalar>(_: S.Type) -> Sequential<S> {
        var rng = Xoshiro256(seed: 31)
        return Sequential<S>([
            Linear(inputFeatures: 5, outputFeatures: 32, using: &rng), BatchNorm(features: 32), GELU(),
            Reshape(from: [32], to: [2, 4, 4]),
            ConvTranspose2D(inputChannels: 2, outputChannels: 3, kernelSize: 4, stride: 2, padding: 1,
                            inputHeight: 4, inputWidth: 4, using: &rng),
            BatchNorm(channels: 3, height: 8, width: 8), LeakyReLU(slope: 0.2),
            Conv2D(inputChannels: 3, outputChannels: 2, kernelSize: 3, stride: 2, padding: 1,
                   inputHeight: 8, inputWidth: 8, using: &rng),
            ReLU(), Reshape(from: [2, 4, 4], to: [32]), Linear(inputFeatures: 32, outputFeatures: 3, using: &rng),
            Sigmoid(), Linear(inputFeatures: 3, outputFeatures: 2, using: &rng), Tanh(),
        ])
    }

    /// The Float code paths (what training runs) agree with the Double ones, whose gradients the
    /// finite-difference tests verify. The same seed draws the same weights up to Float rounding.
    @Test func floatForwardAndBackwardAgreeWithDouble() {
        var single = network(Float.self), double = network(Double.self)
        var rng = Xoshiro256(seed: 32)
        let x = Matrix<Double>.normal(rows: 6, columns: 5, using: &rng)
        let g = Matrix<Double>.normal(rows: 6, columns: 2, using: &rng)
        let ySingle = single.forward(x.converted(to: Float.self), training: true).converted(to: Double.self)
        let yDouble = double.forward(x, training: true)
        let dxSingle = single.backward(g.converted(to: Float.self)).converted(to: Double.self)
        let dxDouble = double.backward(g)
        // Float carries 24 bits (6e-8 relative); ~15 layers and batch statistics amplify rounding a
        // few hundred times at most, so 1e-4 relative to the largest entry separates rounding from bugs.
        #expect(maxAbsoluteDifference(ySingle, yDouble) < 1e-4 * scale(yDouble))
        #expect(maxAbsoluteDifference(dxSingle, dxDouble) < 1e-4 * scale(dxDouble))
        for (s, d) in zip(single.parameters, double.parameters) {
            let gradient = s.parameter.gradient.converted(to: Double.self)
            #expect(maxAbsoluteDifference(gradient, d.parameter.gradient) < 1e-4 * scale(d.parameter.gradient),
                    "\(d.name)")
        }
    }
}
