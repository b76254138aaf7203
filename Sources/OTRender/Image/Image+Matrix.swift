import OTKernels

extension Image {
    /// A grayscale image of `matrix`: element `(i, j)` becomes pixel `(row i, column j)`, mapped from
    /// `range` to 0...255 as ``IntensityMapping`` describes (clamped; NaN is black).
    /// - Throws: ``RenderError`` when the matrix is empty or `range` is not finite with lower < upper.
    /// - Complexity: O(rows * columns).
    @inlinable
    public init<S: OTScalar>(grayscale matrix: Matrix<S>, range: ClosedRange<S> = 0...1) throws {
        let mapping = try IntensityMapping(range)
        try self.init(
            width: matrix.columns, height: matrix.rows, format: .gray,
            pixels: mapping.bytes(matrix.elements))
    }

    /// An image of `width x height` pixels of `format` from interleaved row-major `values`
    /// (`values[(row * width + column) * channels + k]`), each mapped from `range` to 0...255.
    /// - Throws: ``RenderError`` when the count is not `width * height * channels` or `range` is invalid.
    /// - Complexity: O(values.count).
    @inlinable
    public init<S: OTScalar>(
        width: Int, height: Int, format: Format, values: [S],
        range: ClosedRange<S> = 0...1
    ) throws {
        let mapping = try IntensityMapping(range)
        try self.init(width: width, height: height, format: format, pixels: mapping.bytes(values))
    }
}
