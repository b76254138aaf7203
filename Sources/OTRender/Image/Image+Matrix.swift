import OTKernels

/// Maps real values to bytes: `range.lowerBound` to 0, `range.upperBound` to 255, linearly between.
///
/// ```
/// byte(v) = round(255 * clamp((v - lo) / (hi - lo), 0, 1))     (ties away from zero)
/// ```
/// Values outside the range are clamped; NaN maps to 0. A reversed range (`hi < lo`) is not
/// representable by `ClosedRange`; pass the inverted values instead.
public struct IntensityMapping<Scalar: OTScalar>: Sendable {
    /// The value shown as 0.
    public let lower: Scalar
    /// 255 / (upper - lower).
    @usableFromInline let scale: Scalar

    /// A mapping of `range` onto 0...255.
    /// - Throws: ``RenderError`` naming `argument` when the bounds are not finite or are equal.
    public init(_ range: ClosedRange<Scalar>, argument: String = "range") throws {
        guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
            throw RenderError("\(argument) = \(range); expected finite bounds with lower < upper")
        }
        lower = range.lowerBound
        scale = 255 / (range.upperBound - range.lowerBound)
    }

    /// The byte for `value`.
    /// - Complexity: O(1).
    @inlinable
    public func byte(_ value: Scalar) -> UInt8 {
        let t = (value - lower) * scale
        // `!(t > 0)` also catches NaN.
        if !(t > 0) { return 0 }
        if t >= 255 { return 255 }
        return UInt8((t + Scalar(0.5)).rounded(.down))
    }
}

extension Image {
    /// A grayscale image of `matrix`: element `(i, j)` becomes pixel `(row i, column j)`, mapped from
    /// `range` to 0...255 as ``IntensityMapping`` describes (clamped; NaN is black).
    /// - Throws: ``RenderError`` when the matrix is empty or `range` is not finite with lower < upper.
    /// - Complexity: O(rows * columns).
    public init<S: OTScalar>(grayscale matrix: Matrix<S>, range: ClosedRange<S> = 0...1) throws {
        let mapping = try IntensityMapping(range)
        try self.init(width: matrix.columns, height: matrix.rows, format: .gray,
                      pixels: matrix.elements.map(mapping.byte))
    }

    /// An image of `width x height` pixels of `format` from interleaved row-major `values`
    /// (`values[(row * width + column) * channels + k]`), each mapped from `range` to 0...255.
    /// - Throws: ``RenderError`` when the count is not `width * height * channels` or `range` is invalid.
    /// - Complexity: O(values.count).
    public init<S: OTScalar>(width: Int, height: Int, format: Format, values: [S],
                             range: ClosedRange<S> = 0...1) throws {
        let mapping = try IntensityMapping(range)
        try self.init(width: width, height: height, format: format, pixels: values.map(mapping.byte))
    }
}
