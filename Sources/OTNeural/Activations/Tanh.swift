import OTKernels

/// The hyperbolic tangent, `f(x) = tanh x`, `f′ = 1 − tanh² x`.
public struct Tanh<Scalar: OTScalar>: ElementwiseActivation {
    /// The latest forward pass.
    public var cache = ActivationCache<Scalar>()
    /// A tanh layer.
    public init() {}
    /// `"Tanh"`.
    public var architecture: String { "Tanh" }
    /// `tanh x`.
    @inlinable public func activate(_ x: Scalar) -> Scalar { Scalar.tanh(x) }
    /// `1 − y²`.
    @inlinable public func derivative(input x: Scalar, output y: Scalar) -> Scalar { 1 - y * y }
    /// `f` on every element (``ElementwiseActivation/elementwiseForward(_:)``).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar> { elementwiseForward(x) }
    /// `∂y ⊙ f′(x)` (``ElementwiseActivation/elementwiseBackward(_:)``).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> { elementwiseBackward(gradOutput) }
}
