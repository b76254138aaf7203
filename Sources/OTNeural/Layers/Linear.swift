import OTKernels

/// A fully connected layer, `y = x·W + b`, with `W` stored `inputFeatures x outputFeatures` and
/// `b` a `1 x outputFeatures` row added to every sample.
///
/// Backward: `∂W += xᵀ·G`, `∂b += Σ_rows G`, `∂x = G·Wᵀ` (all through ``gemm``).
public struct Linear<Scalar: OTScalar>: Layer {
    /// The weight, `inputFeatures x outputFeatures`.
    public var weight: Parameter<Scalar>
    /// The bias, `1 x outputFeatures`.
    public var bias: Parameter<Scalar>
    var input = Matrix<Scalar>(rows: 0, columns: 0)

    /// Inputs per sample.
    @inlinable public var inputFeatures: Int { weight.value.rows }
    /// Outputs per sample.
    @inlinable public var outputFeatures: Int { weight.value.columns }

    /// A layer with the given weight (`in x out`) and bias (`1 x out`).
    /// - Precondition: `bias` is `1 x weight.columns`.
    public init(weight: Matrix<Scalar>, bias: Matrix<Scalar>) {
        precondition(bias.rows == 1 && bias.columns == weight.columns,
                     "Linear: bias must be 1 x \(weight.columns), got \(bias.rows) x \(bias.columns)")
        self.weight = Parameter(weight)
        self.bias = Parameter(bias)
    }

    /// A layer with weights drawn by `initializer` (fans `inputFeatures`, `outputFeatures`) and zero bias.
    /// - Complexity: O(inputFeatures · outputFeatures) draws.
    public init(
        inputFeatures: Int, outputFeatures: Int, initializer: Initializer = .glorotUniform,
        using rng: inout some RandomNumberGenerator
    ) {
        self.init(
            weight: initializer.matrix(rows: inputFeatures, columns: outputFeatures,
                                       fanIn: inputFeatures, fanOut: outputFeatures, using: &rng),
            bias: Matrix(rows: 1, columns: outputFeatures))
    }

    /// `"Linear(in->out)"`.
    public var architecture: String { "Linear(\(inputFeatures)->\(outputFeatures))" }

    /// `x·W + b`; caches `x`.
    /// - Complexity: O(n · in · out) in one GEMM.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar> {
        precondition(x.columns == inputFeatures, "Linear: input has \(x.columns) columns, expected \(inputFeatures)")
        input = x
        let n = x.rows, out = outputFeatures
        var y = Matrix<Scalar>(rows: n, columns: out)
        bias.value.withUnsafeBufferPointer { b in
            y.withUnsafeMutableBufferPointer { py in
                for i in 0..<n {
                    (py.baseAddress! + i &* out).update(from: b.baseAddress!, count: out)
                }
            }
        }
        gemm(x, weight.value, beta: 1, into: &y)
        return y
    }

    /// Adds `xᵀ·G` to the weight gradient and the column sums of `G` to the bias gradient; returns `G·Wᵀ`.
    /// - Complexity: O(n · in · out) in two GEMMs.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> {
        precondition(gradOutput.rows == input.rows && gradOutput.columns == outputFeatures,
                     "Linear: gradient is \(gradOutput.rows) x \(gradOutput.columns), expected \(input.rows) x \(outputFeatures)")
        gemm(input, transposeA: true, gradOutput, beta: 1, into: &weight.gradient)
        let n = gradOutput.rows, out = outputFeatures
        gradOutput.withUnsafeBufferPointer { g in
            bias.gradient.withUnsafeMutableBufferPointer { db in
                for i in 0..<n {
                    let row = g.baseAddress! + i &* out
                    for j in 0..<out { db[j] += row[j] }
                }
            }
        }
        return matmul(gradOutput, weight.value, transposeB: true)
    }

    /// `weight`, then `bias`.
    @inlinable
    public mutating func updateParameters(_ body: (String, inout Parameter<Scalar>) -> Void) {
        body("weight", &weight)
        body("bias", &bias)
    }
}
