import OTKernels

/// The rectified linear unit, `f(x) = max(x, 0)`, `f′(x) = 1` for `x > 0` and 0 otherwise (0 at the kink).
public struct ReLU<Scalar: OTScalar>: ElementwiseActivation {
    /// The latest forward pass.
    public var cache = ActivationCache<Scalar>()
    /// A ReLU layer.
    public init() {}
    /// `"ReLU"`.
    public var architecture: String { "ReLU" }
    /// `max(x, 0)`.
    @inlinable public func activate(_ x: Scalar) -> Scalar { x > 0 ? x : 0 }
    /// 1 where `x > 0`, else 0.
    @inlinable public func derivative(input x: Scalar, output y: Scalar) -> Scalar { x > 0 ? 1 : 0 }
    /// `f` on every element (``ElementwiseActivation/elementwiseForward(_:)``).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar> { elementwiseForward(x) }
    /// `∂y ⊙ f′(x)` (``ElementwiseActivation/elementwiseBackward(_:)``).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> { elementwiseBackward(gradOutput) }
}
