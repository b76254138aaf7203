import OTKernels

/// A trainable tensor and the gradient accumulated for it, both stored as matrices of one shape.
public struct Parameter<Scalar: OTScalar>: Sendable {
    /// The current value.
    public var value: Matrix<Scalar>
    /// `∂L/∂value`, summed over every `backward` since the last ``zeroGradient()``.
    public var gradient: Matrix<Scalar>

    /// A parameter holding `value`, with a zero gradient of the same shape.
    /// - Complexity: O(value.count).
    @inlinable
    public init(_ value: Matrix<Scalar>) {
        self.value = value
        self.gradient = Matrix(rows: value.rows, columns: value.columns)
    }

    /// Sets the gradient to zero in place.
    /// - Complexity: O(value.count).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func zeroGradient() {
        gradient.withUnsafeMutableBufferPointer { g in g.update(repeating: 0) }
    }
}
