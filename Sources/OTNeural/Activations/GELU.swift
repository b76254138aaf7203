import OTKernels

/// The Gaussian error linear unit in its exact form (not the tanh approximation):
///
/// ```
/// f(x)  = x Φ(x) = ½ x (1 + erf(x / √2))
/// f′(x) = Φ(x) + x φ(x),   φ(x) = e^{−x²/2} / √(2π)
/// ```
/// This matches PyTorch's `GELU(approximate="none")`.
public struct GELU<Scalar: OTScalar>: ElementwiseActivation {
    /// The latest forward pass.
    public var cache = ActivationCache<Scalar>()
    /// A GELU layer.
    public init() {}
    /// `"GELU"`.
    public var architecture: String { "GELU" }
    /// `x Φ(x)`.
    @inlinable public func activate(_ x: Scalar) -> Scalar { x * Self.normalCDF(x) }
    /// `Φ(x) + x φ(x)`.
    @inlinable public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        let density = Scalar.exp(-x * x / 2) / (2 * Scalar.pi).squareRoot()
        return Self.normalCDF(x) + x * density
    }
    /// `Φ(x) = ½ (1 + erf(x / √2))`.
    @inlinable static func normalCDF(_ x: Scalar) -> Scalar { (1 + Scalar.erf(x / Scalar(2).squareRoot())) / 2 }
    /// `f` on every element (``ElementwiseActivation/elementwiseForward(_:)``).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar> { elementwiseForward(x) }
    /// `∂y ⊙ f′(x)` (``ElementwiseActivation/elementwiseBackward(_:)``).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> { elementwiseBackward(gradOutput) }
}
