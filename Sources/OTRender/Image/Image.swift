/// An 8-bit raster image: `height` rows of `width` pixels, each pixel `format.channels` bytes.
///
/// Pixels are stored row-major and interleaved: channel `k` of pixel `(row, column)` is
/// `pixels[(row * width + column) * channels + k]`. Row 0 is the top of the picture.
public struct Image: Equatable, Sendable {
    /// How many bytes a pixel has and what they mean.
    public enum Format: Int, Sendable, CaseIterable {
        /// One byte per pixel: luminance, 0 black to 255 white.
        case gray = 1
        /// Three bytes per pixel: red, green, blue.
        case rgb = 3
        /// Four bytes per pixel: red, green, blue and alpha (0 transparent, 255 opaque; not premultiplied).
        case rgba = 4

        /// Bytes per pixel.
        public var channels: Int { rawValue }
    }

    /// Number of pixels per row.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// The pixel layout.
    public let format: Format
    /// The interleaved row-major bytes; `pixels.count == width * height * format.channels`.
    public private(set) var pixels: [UInt8]

    /// Bytes per pixel, `format.channels`.
    public var channels: Int { format.channels }

    /// Bytes per row, `width * channels`.
    public var bytesPerRow: Int { width &* format.channels }

    /// An image over the interleaved row-major `pixels`.
    /// - Throws: ``RenderError`` when `width` or `height` is not positive or `pixels` has the wrong count.
    /// - Complexity: O(1) (the array is shared, not copied).
    public init(width: Int, height: Int, format: Format, pixels: [UInt8]) throws {
        try Self.validate(width: width, height: height)
        let expected = width * height * format.channels
        guard pixels.count == expected else {
            throw RenderError(
                "pixels has \(pixels.count) bytes; expected width * height * channels = "
                    + "\(width) * \(height) * \(format.channels) = \(expected)"
            )
        }
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }

    /// A `width x height` image with every pixel set to `color` (one byte per channel).
    /// - Throws: ``RenderError`` when a dimension is not positive or `color.count != format.channels`.
    /// - Complexity: O(width * height * channels).
    public init(width: Int, height: Int, format: Format, filledWith color: [UInt8]) throws {
        try Self.validate(width: width, height: height)
        guard color.count == format.channels else {
            throw RenderError("color has \(color.count) channels; expected \(format.channels) for format \(format)")
        }
        var pixels = [UInt8](repeating: 0, count: width * height * format.channels)
        if color.contains(where: { $0 != 0 }) {
            for i in stride(from: 0, to: pixels.count, by: format.channels) {
                for k in 0..<format.channels { pixels[i &+ k] = color[k] }
            }
        }
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }

    /// The `channels` bytes of pixel `(row, column)`.
    /// - Precondition: the pixel lies inside the image.
    public subscript(row: Int, column: Int) -> ArraySlice<UInt8> {
        get {
            precondition(
                row >= 0 && row < height && column >= 0 && column < width,
                "Image: pixel (\(row), \(column)) outside \(height) x \(width)")
            let start = (row &* width &+ column) &* format.channels
            return pixels[start..<(start &+ format.channels)]
        }
        set {
            precondition(
                row >= 0 && row < height && column >= 0 && column < width,
                "Image: pixel (\(row), \(column)) outside \(height) x \(width)")
            precondition(newValue.count == format.channels, "Image: \(newValue.count) channels for \(format)")
            let start = (row &* width &+ column) &* format.channels
            pixels.replaceSubrange(start..<(start &+ format.channels), with: newValue)
        }
    }

    /// Calls `body` with the pixel bytes, mutable; the shape cannot change.
    public mutating func withUnsafeMutablePixels<R>(
        _ body: (inout UnsafeMutableBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        try pixels.withUnsafeMutableBufferPointer(body)
    }

    private static func validate(width: Int, height: Int) throws {
        guard width > 0, height > 0 else {
            throw RenderError("image size \(width) x \(height); expected a positive width and height")
        }
        // PNG stores dimensions as 31-bit integers.
        guard width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw RenderError("image size \(width) x \(height); expected each dimension <= \(Int32.max)")
        }
    }
}
