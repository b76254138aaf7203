import OTKernels

/// A 2-D convolution (cross-correlation, as in PyTorch) over NCHW images stored one per row:
///
/// ```
/// y[s, o, oy, ox] = b[o] + Σ_{c,i,j} W[o, c, i, j] · x[s, c, oy·stride − padding + i, ox·stride − padding + j]
/// ```
/// with zeros outside the image. Computed as im2col + one GEMM over the whole batch:
/// `Y = W · cols` with `W` stored `outputChannels x (inputChannels·k²)` and `cols` the
/// `(inputChannels·k²) x (n·outputArea)` window matrix (see ``ConvolutionGeometry``).
/// Backward: `∂W += ∂Y · colsᵀ`, `∂b += Σ ∂Y`, `∂x = col2im(Wᵀ · ∂Y)`.
public struct Conv2D<Scalar: OTScalar>: Layer {
    /// The input geometry (channels, size, kernel, stride, padding).
    public let geometry: ConvolutionGeometry
    /// The kernel, `outputChannels x (inputChannels · kernelSize²)`, i.e. PyTorch's `[O, C, k, k]` flattened.
    public var weight: Parameter<Scalar>
    /// The bias, `1 x outputChannels`.
    public var bias: Parameter<Scalar>
    var columns = Matrix<Scalar>(rows: 0, columns: 0)

    /// Output channels.
    @inlinable public var outputChannels: Int { weight.value.rows }
    /// Output image height.
    @inlinable public var outputHeight: Int { geometry.outputHeight }
    /// Output image width.
    @inlinable public var outputWidth: Int { geometry.outputWidth }

    /// A convolution with the given kernel (`O x C·k²`) and bias (`1 x O`) over `geometry`.
    /// - Precondition: `weight.columns == geometry.patchSize`, `bias` is `1 x weight.rows`.
    public init(weight: Matrix<Scalar>, bias: Matrix<Scalar>, geometry: ConvolutionGeometry) {
        precondition(weight.columns == geometry.patchSize,
                     "Conv2D: weight has \(weight.columns) columns, expected \(geometry.patchSize)")
        precondition(bias.rows == 1 && bias.columns == weight.rows, "Conv2D: bias must be 1 x \(weight.rows)")
        self.geometry = geometry
        self.weight = Parameter(weight)
        self.bias = Parameter(bias)
    }

    /// A convolution from `inputChannels x inputHeight x inputWidth` images to `outputChannels`
    /// channels, weights drawn by `initializer` with fans `C·k²` (in) and `O·k²` (out), zero bias.
    /// - Complexity: O(outputChannels · inputChannels · kernelSize²) draws.
    public init(
        inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        inputHeight: Int, inputWidth: Int, initializer: Initializer = .heNormal,
        using rng: inout some RandomNumberGenerator
    ) {
        let g = ConvolutionGeometry(channels: inputChannels, height: inputHeight, width: inputWidth,
                                    kernelSize: kernelSize, stride: stride, padding: padding)
        let area = kernelSize * kernelSize
        self.init(
            weight: initializer.matrix(rows: outputChannels, columns: g.patchSize,
                                       fanIn: inputChannels * area, fanOut: outputChannels * area, using: &rng),
            bias: Matrix(rows: 1, columns: outputChannels), geometry: g)
    }

    /// `"Conv2D(CxHxW,k,s,p->O)"`.
    public var architecture: String { "Conv2D(\(geometry)->\(outputChannels))" }

    /// The convolution of every sample; caches the window matrix.
    /// - Complexity: O(n · O · C·k² · outputArea) in one GEMM, plus O(n · C·k² · outputArea) copies.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar> {
        precondition(x.columns == geometry.imageSize,
                     "\(architecture): input has \(x.columns) columns, expected \(geometry.imageSize)")
        columns = geometry.windowColumns(of: x)
        var y = ChannelLayout.batchMajor(matmul(weight.value, columns), samples: x.rows)
        ChannelLayout.addBias(bias.value, to: &y)
        return y
    }

    /// Adds the kernel and bias gradients; returns `∂x`.
    /// - Complexity: two GEMMs of O(n · O · C·k² · outputArea), plus col2im.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> {
        let n = columns.columns / geometry.outputArea
        precondition(gradOutput.rows == n && gradOutput.columns == outputChannels * geometry.outputArea,
                     "\(architecture): gradient shape differs from the forward output")
        let g = ChannelLayout.channelMajor(gradOutput, channels: outputChannels)
        gemm(g, columns, transposeB: true, beta: 1, into: &weight.gradient)
        ChannelLayout.accumulateChannelSums(of: gradOutput, into: &bias.gradient)
        return geometry.images(summingWindowColumns: matmul(weight.value, g, transposeA: true), samples: n)
    }

    /// `weight`, then `bias`.
    @inlinable
    public mutating func updateParameters(_ body: (String, inout Parameter<Scalar>) -> Void) {
        body("weight", &weight)
        body("bias", &bias)
    }
}
