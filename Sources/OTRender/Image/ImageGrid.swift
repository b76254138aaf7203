import OTKernels

/// Tiles many small images (one per matrix row) into one picture, e.g. 10 x 10 MNIST samples.
///
/// Tile `k` sits in grid row `k / columns`, grid column `k % columns`. Every tile pixel becomes a
/// `scale x scale` block; tiles are separated from each other and from the border by `padding`
/// pixels of `background`:
/// ```
/// top(k)  = padding + (k / columns) * (tileHeight * scale + padding)
/// left(k) = padding + (k % columns) * (tileWidth  * scale + padding)
/// pixel (r, c) of tile k  ->  rows top(k) + r*scale ..< top(k) + (r+1)*scale,
///                             columns left(k) + c*scale ..< left(k) + (c+1)*scale
/// ```
public struct ImageGrid: Sendable {
    /// Width of one tile in source pixels (28 for MNIST).
    public var tileWidth: Int
    /// Height of one tile in source pixels (28 for MNIST).
    public var tileHeight: Int
    /// Pixel layout of a tile; a matrix row holds `tileHeight * tileWidth * format.channels` values,
    /// row-major and interleaved (HWC).
    public var format: Image.Format
    /// Tiles per grid row (the last grid row may be partly empty).
    public var columns: Int
    /// Background pixels between tiles and around the border.
    public var padding: Int
    /// Background byte, used for every channel (alpha included).
    public var background: UInt8
    /// Integer magnification of each tile pixel.
    public var scale: Int

    /// A grid layout; the defaults suit MNIST (28 x 28 gray, 10 per row, 2 pixels of black padding).
    public init(
        tileWidth: Int = 28, tileHeight: Int = 28, format: Image.Format = .gray, columns: Int = 10,
        padding: Int = 2, background: UInt8 = 0, scale: Int = 1
    ) {
        self.tileWidth = tileWidth
        self.tileHeight = tileHeight
        self.format = format
        self.columns = columns
        self.padding = padding
        self.background = background
        self.scale = scale
    }

    /// The picture of `samples`: row `k` of `samples` is tile `k`, its values mapped from `range`
    /// to bytes (clamped, NaN black; see ``IntensityMapping``).
    /// - Throws: ``RenderError`` when `samples` has no rows, its column count is not
    ///   `tileHeight * tileWidth * channels`, a layout field is out of range, or `range` is invalid.
    /// - Complexity: O(output pixels) = O((rows/columns) * columns * tile area * scale²).
    @inlinable
    public func render<S: OTScalar>(_ samples: Matrix<S>, range: ClosedRange<S> = 0...1) throws -> Image {
        let tileValues = tileWidth * tileHeight * format.channels
        guard samples.rows > 0 else {
            throw RenderError("samples is empty (0 rows); expected one image per row")
        }
        guard samples.columns == tileValues else {
            throw RenderError(
                "samples has \(samples.columns) columns; expected tileHeight * tileWidth * channels = "
                    + "\(tileHeight) * \(tileWidth) * \(format.channels) = \(tileValues)"
            )
        }
        return try render(tiles: IntensityMapping(range).bytes(samples.elements))
    }

    /// The picture of tiles given as bytes: tile `k` is `tiles[k * n ..< (k + 1) * n]` with
    /// `n = tileHeight * tileWidth * channels` (e.g. raw MNIST images).
    /// - Throws: ``RenderError`` when `tiles` is empty or not a whole number of tiles, or a layout field
    ///   is out of range.
    /// - Complexity: O(output pixels).
    public func render(tiles: [UInt8]) throws -> Image {
        try validate()
        let tileValues = tileWidth * tileHeight * format.channels
        guard !tiles.isEmpty, tiles.count % tileValues == 0 else {
            throw RenderError(
                "tiles has \(tiles.count) bytes; expected a positive multiple of "
                    + "tileHeight * tileWidth * channels = \(tileValues)"
            )
        }
        let count = tiles.count / tileValues
        let gridColumns = Swift.min(columns, count)
        let gridRows = (count + gridColumns - 1) / gridColumns
        let cellWidth = tileWidth * scale + padding
        let cellHeight = tileHeight * scale + padding
        var image = try Image(
            width: padding + gridColumns * cellWidth, height: padding + gridRows * cellHeight,
            format: format, filledWith: [UInt8](repeating: background, count: format.channels))
        let ch = format.channels
        let outRowBytes = image.bytesPerRow
        let (tileW, tileH, scale, padding) = (tileWidth, tileHeight, self.scale, self.padding)
        tiles.withUnsafeBufferPointer { src in
            image.withUnsafeMutablePixels { dst in
                for k in 0..<count {
                    let top = padding &+ (k / gridColumns) &* cellHeight
                    let left = padding &+ (k % gridColumns) &* cellWidth
                    for r in 0..<tileH {
                        let source = k &* tileValues &+ r &* tileW &* ch
                        for dy in 0..<scale {
                            var out = (top &+ r &* scale &+ dy) &* outRowBytes &+ left &* ch
                            for c in 0..<tileW {
                                for _ in 0..<scale {
                                    for q in 0..<ch { dst[out &+ q] = src[source &+ c &* ch &+ q] }
                                    out &+= ch
                                }
                            }
                        }
                    }
                }
            }
        }
        return image
    }

    private func validate() throws {
        guard tileWidth > 0, tileHeight > 0 else {
            throw RenderError("tile size \(tileWidth) x \(tileHeight); expected positive tileWidth and tileHeight")
        }
        guard columns > 0 else { throw RenderError("columns = \(columns); expected at least 1 tile per row") }
        guard padding >= 0 else { throw RenderError("padding = \(padding); expected >= 0") }
        guard scale > 0 else { throw RenderError("scale = \(scale); expected an integer >= 1") }
    }
}
