import OTKernels

/// A 2-D transposed convolution ("fractionally strided"; the adjoint of ``Conv2D`` in its input),
/// over NCHW images stored one per row:
///
/// ```
/// y[s, o, oy, ox] = b[o] + Σ_{c,i,j : oy = iy·stride − padding + i, ox = ix·stride − padding + j} W[c, o, i, j] · x[s, c, iy, ix]
/// ```
/// The output is `(H − 1)·stride − 2·padding + k` high (likewise wide): 4 → 8 with k = 4, s = 2,
/// p = 1, the DCGAN upsampling block. Computed as one GEMM and col2im: `cols = Wᵀ · X`, then the
/// columns are summed into the output image. `W` is stored `inputChannels x (outputChannels·k²)`,
/// PyTorch's `[C, O, k, k]` flattened. Backward: `∂W += X · im2col(∂y)ᵀ`, `∂x = W · im2col(∂y)`.
public struct ConvTranspose2D<Scalar: OTScalar>: Layer {
    /// The geometry of the *output* image: a ``Conv2D`` with this geometry maps the output size back
    /// to the input size.
    public let geometry: ConvolutionGeometry
    /// The kernel, `inputChannels x (outputChannels · kernelSize²)`.
    public var weight: Parameter<Scalar>
    /// The bias, `1 x outputChannels`.
    public var bias: Parameter<Scalar>
    var channelMajorInput = Matrix<Scalar>(rows: 0, columns: 0)

    /// Input channels.
    @inlinable public var inputChannels: Int { weight.value.rows }
    /// Output channels.
    @inlinable public var outputChannels: Int { geometry.channels }
    /// Input image height.
    @inlinable public var inputHeight: Int { geometry.outputHeight }
    /// Input image width.
    @inlinable public var inputWidth: Int { geometry.outputWidth }

    /// A transposed convolution from `C x inputHeight x inputWidth` to `outputChannels` channels of
    /// `(inputHeight − 1)·stride − 2·padding + kernelSize` high (likewise wide), with the given kernel
    /// (`C x outputChannels·k²`) and bias (`1 x outputChannels`).
    /// - Precondition: the output size is positive and the shapes agree.
    public init(
        weight: Matrix<Scalar>, bias: Matrix<Scalar>, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        inputHeight: Int, inputWidth: Int
    ) {
        let area = kernelSize * kernelSize
        precondition(area > 0 && weight.columns % area == 0,
                     "ConvTranspose2D: weight columns \(weight.columns) are not a multiple of k² = \(area)")
        let outputChannels = weight.columns / area
        let g = ConvolutionGeometry(
            channels: outputChannels, height: (inputHeight - 1) * stride - 2 * padding + kernelSize,
            width: (inputWidth - 1) * stride - 2 * padding + kernelSize,
            kernelSize: kernelSize, stride: stride, padding: padding)
        precondition(g.outputHeight == inputHeight && g.outputWidth == inputWidth,
                     "ConvTranspose2D: inconsistent geometry")
        precondition(bias.rows == 1 && bias.columns == outputChannels,
                     "ConvTranspose2D: bias must be 1 x \(outputChannels)")
        self.geometry = g
        self.weight = Parameter(weight)
        self.bias = Parameter(bias)
    }

    /// A transposed convolution with weights drawn by `initializer` using PyTorch's fans for this
    /// layer (`O·k²` in, `C·k²` out) and zero bias.
    /// - Complexity: O(inputChannels · outputChannels · kernelSize²) draws.
    public init(
        inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        inputHeight: Int, inputWidth: Int, initializer: Initializer = .heNormal,
        using rng: inout some RandomNumberGenerator
    ) {
        let area = kernelSize * kernelSize
        self.init(
            weight: initializer.matrix(rows: inputChannels, columns: outputChannels * area,
                                       fanIn: outputChannels * area, fanOut: inputChannels * area, using: &rng),
            bias: Matrix(rows: 1, columns: outputChannels), kernelSize: kernelSize, stride: stride,
            padding: padding, inputHeight: inputHeight, inputWidth: inputWidth)
    }

    /// Output image height.
    @inlinable public var outputHeight: Int { geometry.height }
    /// Output image width.
    @inlinable public var outputWidth: Int { geometry.width }

    /// `"ConvTranspose2D(C->OxHxW,k,s,p)"` (the output geometry).
    public var architecture: String { "ConvTranspose2D(\(inputChannels)->\(geometry))" }

    /// The transposed convolution of every sample; caches the input in channel-major layout.
    /// - Complexity: O(n · C · O·k² · H·W) in one GEMM, plus col2im.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar> {
        let inputSize = inputChannels * geometry.outputArea
        precondition(x.columns == inputSize, "\(architecture): input has \(x.columns) columns, expected \(inputSize)")
        let n = x.rows
        channelMajorInput = ChannelLayout.channelMajor(x, channels: inputChannels)
        var y = geometry.images(
            summingWindowColumns: matmul(weight.value, channelMajorInput, transposeA: true), samples: n)
        ChannelLayout.addBias(bias.value, to: &y)
        return y
    }

    /// Adds the kernel and bias gradients; returns `∂x`.
    /// - Complexity: im2col plus two GEMMs of O(n · C · O·k² · H·W).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> {
        let n = channelMajorInput.columns / geometry.outputArea
        precondition(gradOutput.rows == n && gradOutput.columns == geometry.imageSize,
                     "\(architecture): gradient shape differs from the forward output")
        let gradColumns = geometry.windowColumns(of: gradOutput)
        gemm(channelMajorInput, gradColumns, transposeB: true, beta: 1, into: &weight.gradient)
        ChannelLayout.accumulateChannelSums(of: gradOutput, into: &bias.gradient)
        return ChannelLayout.batchMajor(matmul(weight.value, gradColumns), samples: n)
    }

    /// `weight`, then `bias`.
    @inlinable
    public mutating func updateParameters(_ body: (String, inout Parameter<Scalar>) -> Void) {
        body("weight", &weight)
        body("bias", &bias)
    }
}
