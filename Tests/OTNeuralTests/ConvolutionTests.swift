import OTKernels
import OTNeural
import Testing
import _OTTestSupport

@Suite struct ConvolutionTests {
    /// `y[s, o, oy, ox] = b[o] + Σ W[o, c, i, j] x[s, c, oy·stride − p + i, ox·stride − p + j]`, straight from the definition.
    func naiveConvolution(_ x: Matrix<Double>, _ layer: Conv2D<Double>) -> Matrix<Double> {
        let g = layer.geometry, k = g.kernelSize, oh = g.outputHeight, ow = g.outputWidth
        return Matrix(rows: x.rows, columns: layer.outputChannels * oh * ow) { s, col in
            let o = col / (oh * ow), oy = (col / ow) % oh, ox = col % ow
            var sum = layer.bias.value[0, o]
            for c in 0..<g.channels {
                for i in 0..<k {
                    for j in 0..<k {
                        let y = oy * g.stride - g.padding + i, xx = ox * g.stride - g.padding + j
                        guard y >= 0 && y < g.height && xx >= 0 && xx < g.width else { continue }
                        sum += layer.weight.value[o, (c * k + i) * k + j] * x[s, (c * g.height + y) * g.width + xx]
                    }
                }
            }
            return sum
        }
    }

    /// (channels, height, width, kernel, stride, padding) of the convolution input; in each, the
    /// stride divides `size + 2·padding − kernel`, so the transposed convolution restores the size.
    static let geometries: [(Int, Int, Int, Int, Int, Int)] = [
        (2, 5, 5, 3, 2, 1), (1, 6, 6, 2, 1, 0), (3, 8, 8, 4, 2, 1), (2, 8, 5, 3, 3, 2),
        (4, 16, 16, 3, 1, 1),  // 36 x 256 windows per image: im2col/col2im split samples across threads
    ]

    @Test(arguments: geometries)
    func conv2DMatchesDirectConvolution(_ shape: (Int, Int, Int, Int, Int, Int)) {
        let (c, h, w, k, s, p) = shape
        var rng = Xoshiro256(seed: 5)
        var layer = Conv2D<Double>(inputChannels: c, outputChannels: 3, kernelSize: k, stride: s, padding: p,
                                   inputHeight: h, inputWidth: w, using: &rng)
        layer.bias.value = Matrix.normal(rows: 1, columns: 3, using: &rng)
        let x = Matrix<Double>.normal(rows: 6, columns: c * h * w, using: &rng)
        let expected = naiveConvolution(x, layer)
        let y = layer.forward(x, training: true)
        #expect(y.shape == expected.shape)
        // The two sum the same ≤ 48 products in different orders: rounding differs by a few ulps of the sum.
        #expect(maxAbsoluteDifference(y, expected) < 1e-13 * scale(expected))
    }

    @Test(arguments: geometries)
    func convTransposeIsTheAdjointOfConv(_ shape: (Int, Int, Int, Int, Int, Int)) {
        let (c, h, w, k, s, p) = shape
        var rng = Xoshiro256(seed: 6)
        var conv = Conv2D<Double>(inputChannels: c, outputChannels: 3, kernelSize: k, stride: s, padding: p,
                                  inputHeight: h, inputWidth: w, using: &rng)
        // The same weight matrix read as a transposed convolution from 3 channels back to c.
        var transpose = ConvTranspose2D<Double>(
            weight: conv.weight.value, bias: Matrix(rows: 1, columns: c), kernelSize: k, stride: s, padding: p,
            inputHeight: conv.outputHeight, inputWidth: conv.outputWidth)
        #expect(transpose.outputHeight == h && transpose.outputWidth == w)
        let x = Matrix<Double>.normal(rows: 6, columns: c * h * w, using: &rng)
        let y = Matrix<Double>.normal(rows: 6, columns: 3 * conv.outputHeight * conv.outputWidth, using: &rng)
        let left = dot(conv.forward(x, training: true), y), right = dot(x, transpose.forward(y, training: true))
        // Two orderings of the same ~10⁵ products: agreement to ~1e-13 relative, allow 1e-12.
        #expect(abs(left - right) <= 1e-12 * max(1, abs(left)))
    }

    @Test func convTransposeDoublesTheSizeWithKernel4Stride2Padding1() {
        var rng = Xoshiro256(seed: 8)
        var layer = ConvTranspose2D<Float>(inputChannels: 3, outputChannels: 2, kernelSize: 4, stride: 2, padding: 1,
                                           inputHeight: 4, inputWidth: 4, using: &rng)
        #expect(layer.outputHeight == 8 && layer.outputWidth == 8)
        let y = layer.forward(Matrix.normal(rows: 5, columns: 3 * 16, using: &rng), training: true)
        #expect(y.rows == 5 && y.columns == 2 * 8 * 8)
    }

    @Test func conv2DStride2Padding1HalvesTheSize() {
        var rng = Xoshiro256(seed: 9)
        let layer = Conv2D<Float>(inputChannels: 1, outputChannels: 4, kernelSize: 4, stride: 2, padding: 1,
                                  inputHeight: 28, inputWidth: 28, using: &rng)
        #expect(layer.outputHeight == 14 && layer.outputWidth == 14)
    }
}
