import OTKernels

/// The leaky rectifier, `f(x) = x` for `x > 0` and `slope · x` otherwise; `f′` is 1 or `slope`.
public struct LeakyReLU<Scalar: OTScalar>: ElementwiseActivation {
    /// The slope for negative inputs (0.2 in DCGAN discriminators, 0.01 in PyTorch's default).
    public let slope: Scalar
    /// The latest forward pass.
    public var cache = ActivationCache<Scalar>()
    /// A leaky ReLU with the given negative slope.
    public init(slope: Scalar = 0.01) { self.slope = slope }
    /// `"LeakyReLU(slope)"`.
    public var architecture: String { "LeakyReLU(\(slope))" }
    /// `x` or `slope · x`.
    @inlinable public func activate(_ x: Scalar) -> Scalar { x > 0 ? x : slope * x }
    /// 1 where `x > 0`, else `slope`.
    @inlinable public func derivative(input x: Scalar, output y: Scalar) -> Scalar { x > 0 ? 1 : slope }
    /// `f` on every element (``ElementwiseActivation/elementwiseForward(_:)``).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar> { elementwiseForward(x) }
    /// `∂y ⊙ f′(x)` (``ElementwiseActivation/elementwiseBackward(_:)``).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> { elementwiseBackward(gradOutput) }
}
