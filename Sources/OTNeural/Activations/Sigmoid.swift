import OTKernels

/// The logistic function `σ(x) = 1 / (1 + e^{−x})`, `σ′ = σ(1 − σ)`.
///
/// Evaluated as `1 / (1 + e^{−x})` for `x ≥ 0` and `e^{x} / (1 + e^{x})` for `x < 0`, so the
/// exponential never overflows.
public struct Sigmoid<Scalar: OTScalar>: ElementwiseActivation {
    /// The latest forward pass.
    public var cache = ActivationCache<Scalar>()
    /// A sigmoid layer.
    public init() {}
    /// `"Sigmoid"`.
    public var architecture: String { "Sigmoid" }
    /// `σ(x)`, stable for large `|x|`.
    @inlinable public func activate(_ x: Scalar) -> Scalar {
        if x >= 0 { return 1 / (1 + Scalar.exp(-x)) }
        let e = Scalar.exp(x)
        return e / (1 + e)
    }
    /// `y (1 − y)`.
    @inlinable public func derivative(input x: Scalar, output y: Scalar) -> Scalar { y * (1 - y) }
    /// `f` on every element (``ElementwiseActivation/elementwiseForward(_:)``).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar> { elementwiseForward(x) }
    /// `∂y ⊙ f′(x)` (``ElementwiseActivation/elementwiseBackward(_:)``).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> { elementwiseBackward(gradOutput) }
}
