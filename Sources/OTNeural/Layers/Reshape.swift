import OTKernels

/// Relabels each sample's values from one tensor shape to another with the same element count,
/// e.g. `[256·4·4]` to `[256, 4, 4]` between a linear layer and a convolution. Rows already hold
/// samples in row-major (NCHW) order, so the data is passed through unchanged; the layer checks the
/// width and records the shapes in the architecture fingerprint.
public struct Reshape<Scalar: OTScalar>: Layer {
    /// The per-sample input shape.
    public let inputShape: [Int]
    /// The per-sample output shape.
    public let outputShape: [Int]

    /// A reshape from `inputShape` to `outputShape` (per sample).
    /// - Precondition: both shapes are positive and hold the same number of elements.
    public init(from inputShape: [Int], to outputShape: [Int]) {
        precondition(inputShape.allSatisfy { $0 > 0 } && outputShape.allSatisfy { $0 > 0 },
                     "Reshape: dimensions must be positive")
        precondition(inputShape.reduce(1, *) == outputShape.reduce(1, *),
                     "Reshape: \(inputShape) and \(outputShape) hold different numbers of elements")
        self.inputShape = inputShape
        self.outputShape = outputShape
    }

    /// `"Reshape([a, b]->[c, d])"`.
    public var architecture: String { "Reshape(\(inputShape)->\(outputShape))" }

    /// `x` unchanged.
    /// - Complexity: O(1).
    @inlinable
    public mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar> {
        precondition(x.columns == inputShape.reduce(1, *),
                     "\(architecture): input has \(x.columns) columns")
        return x
    }

    /// `gradOutput` unchanged.
    /// - Complexity: O(1).
    @inlinable
    public mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> { gradOutput }

    /// No parameters.
    @inlinable
    public mutating func updateParameters(_ body: (String, inout Parameter<Scalar>) -> Void) {}
}
