import OTKernels

/// A differentiable layer with an explicit forward and backward pass; a batch is one sample per row.
///
/// `forward` caches what `backward` needs (its input, its output or batch statistics); `backward`
/// takes `∂L/∂output` for the most recent `forward`, **adds** `∂L/∂θ` into every parameter's
/// ``Parameter/gradient`` and returns `∂L/∂input`. Gradients accumulate until ``zeroGradients()``.
///
/// Design: every concrete layer is a generic struct whose hot loops are specialized for `Float` or
/// `Double`; ``Sequential`` holds heterogeneous layers as `any Layer<Scalar>` existentials. The
/// existential costs one dynamic call per layer per pass, negligible next to the O(n·k·m) GEMM or
/// O(n·d) elementwise work inside the call, and it lets users add their own layer types (a closed
/// enum of layer kinds would not).
///
/// Specialization: a call through `any Layer<Float>` lands in the layer's *generic* method body,
/// which by itself would run every arithmetic operation through witness tables (measured ~160x
/// slower for a `Linear` forward). Every layer's `forward`/`backward` (and each optimizer's update
/// kernel) therefore carries `@_specialize(where Scalar == Float)` and `… == Double`: the compiler
/// emits those two specializations and the generic entry point jumps to them after one type check.
///
/// Images are stored NCHW: one sample per row, holding `C·H·W` values, channel-major.
public protocol Layer<Scalar>: Sendable {
    /// The floating-point type of activations and parameters.
    associatedtype Scalar: OTScalar

    /// A short description of the architecture (kinds and shapes, no values), such as
    /// `"Linear(4->8)"`; checkpoints store it as the model fingerprint.
    var architecture: String { get }

    /// Maps a batch `x` (one sample per row) to the layer's output, caching what `backward` needs.
    /// `training` selects batch statistics (true) or running statistics (false) in normalization layers.
    mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar>

    /// Back-propagates `gradOutput = ∂L/∂output` of the latest `forward`: adds the parameter
    /// gradients into ``Parameter/gradient`` and returns `∂L/∂input`.
    /// - Precondition: `forward` ran before and `gradOutput` has the shape of its output.
    mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar>

    /// Calls `body` on every trainable parameter with its name, in a fixed order (optimizers rely on it).
    mutating func updateParameters(_ body: (String, inout Parameter<Scalar>) -> Void)

    /// Calls `body` on every non-trainable state tensor (such as running statistics) with its name,
    /// in a fixed order. Checkpoints save them; optimizers ignore them. The default has none.
    mutating func updateBuffers(_ body: (String, inout Matrix<Scalar>) -> Void)
}

extension Layer {
    /// No buffers.
    @inlinable
    public mutating func updateBuffers(_ body: (String, inout Matrix<Scalar>) -> Void) {}

    /// The trainable parameters with their names, in ``updateParameters(_:)`` order.
    /// - Complexity: O(number of parameters); values are shared copy-on-write, not copied.
    public var parameters: [(name: String, parameter: Parameter<Scalar>)] {
        var copy = self
        var out = [(name: String, parameter: Parameter<Scalar>)]()
        copy.updateParameters { name, p in out.append((name, p)) }
        return out
    }

    /// The non-trainable state tensors with their names, in ``updateBuffers(_:)`` order.
    /// - Complexity: O(number of buffers); values are shared copy-on-write, not copied.
    public var buffers: [(name: String, value: Matrix<Scalar>)] {
        var copy = self
        var out = [(name: String, value: Matrix<Scalar>)]()
        copy.updateBuffers { name, b in out.append((name, b)) }
        return out
    }

    /// The number of trainable scalars, `Σ rows · columns` over the parameters.
    /// - Complexity: O(number of parameters).
    public var parameterCount: Int {
        parameters.reduce(0) { $0 + $1.parameter.value.count }
    }

    /// Sets every parameter gradient to zero, in place.
    /// - Complexity: O(parameterCount).
    public mutating func zeroGradients() {
        updateParameters { _, p in p.zeroGradient() }
    }
}
