import OTKernels
import OTNeural
import Testing
import _OTTestSupport

@Suite struct ActivationTests {
    @Test func valuesAtKnownPoints() {
        var gelu = GELU<Double>(), sigmoid = Sigmoid<Double>(), leaky = LeakyReLU<Double>(slope: 0.2)
        var relu = ReLU<Double>(), tanh = Tanh<Double>()
        let x = Matrix<Double>([[-1000, -1, 0, 1, 1000]])
        // GELU(1) = Φ(1) = 0.841344746068542948…, GELU(−1) = −Φ(−1) = −0.158655253931457051…
        let g = gelu.forward(x, training: true)
        #expect(isClose(g[0, 3], 0.841344746068542948, relative: 1e-15))  // erf to ~1 ulp
        #expect(isClose(g[0, 1], -0.158655253931457051, relative: 1e-14))  // 1 + erf cancels ~2.6 bits
        #expect(g[0, 0] == 0 && g[0, 4] == 1000 && g[0, 2] == 0)
        // σ(±1000) saturates to exactly 0 and 1 without NaN; σ(0) = ½.
        let s = sigmoid.forward(x, training: true)
        #expect(s.elements[0] == 0 && s.elements[2] == 0.5 && s.elements[4] == 1)
        #expect(isClose(s[0, 3], 1 / (1 + Double.exp(-1)), relative: 1e-16))
        #expect(leaky.forward(x, training: true) == Matrix([[-200, -0.2, 0, 1, 1000]]))
        #expect(relu.forward(x, training: true) == Matrix([[0, 0, 0, 1, 1000]]))
        #expect(tanh.forward(x, training: true) == Matrix([[-1, Double.tanh(-1), 0, Double.tanh(1), 1]]))
    }

    @Test func largeBatchesTakeTheParallelPathWithTheSameResult() {
        var rng = Xoshiro256(seed: 4)
        // 300 x 128 = 38400 elements, above the 32768-element threshold for splitting across cores.
        let x = Matrix<Float>.normal(rows: 300, columns: 128, using: &rng)
        var layer = LeakyReLU<Float>(slope: 0.1)
        let y = layer.forward(x, training: true)
        #expect(y.elements == x.elements.map { $0 > 0 ? $0 : 0.1 * $0 })
        let g = Matrix<Float>.normal(rows: 300, columns: 128, using: &rng)
        let dx = layer.backward(g)
        #expect(dx.elements == zip(x.elements, g.elements).map { $0 > 0 ? $1 : $1 * 0.1 })
    }
}
