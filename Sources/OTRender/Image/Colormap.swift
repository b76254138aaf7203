import OTKernels

/// A map from `t` in `[0, 1]` to an sRGB color, piecewise linear between evenly spaced anchors.
///
/// ```
/// color(t) = anchors[k] + (s - k) * (anchors[k + 1] - anchors[k]),   s = t * (count - 1), k = floor(s)
/// ```
/// Use it to show matrices (transport plans, cost matrices, potentials on a grid) as images.
public struct Colormap: Sendable, Equatable {
    /// The colors at `t = 0, 1/(n-1), ..., 1`.
    public let anchors: [PlotColor]

    /// A colormap through `anchors`, evenly spaced.
    /// - Precondition: at least two anchors.
    public init(anchors: [PlotColor]) {
        precondition(anchors.count >= 2, "Colormap: needs at least two anchors, got \(anchors.count)")
        self.anchors = anchors
    }

    /// Black to white.
    public static let grays = Colormap(anchors: [PlotColor(hex: 0x000000), PlotColor(hex: 0xFFFFFF)])

    /// Dark purple through blue and green to yellow, increasing in lightness (a viridis-like ramp,
    /// readable in grayscale); for non-negative quantities such as plans and costs.
    public static let sequential = Colormap(anchors: [
        PlotColor(hex: 0x440154), PlotColor(hex: 0x3B528B), PlotColor(hex: 0x21918C), PlotColor(hex: 0x5EC962),
        PlotColor(hex: 0xFDE725),
    ])

    /// Blue through white to red; for signed quantities centered on zero (potentials, differences).
    public static let diverging = Colormap(anchors: [
        PlotColor(hex: 0x2166AC), PlotColor(hex: 0xF7F7F7), PlotColor(hex: 0xB2182B),
    ])

    /// The color at `t`, clamped to `[0, 1]`; NaN gives the first anchor.
    /// - Complexity: O(1).
    public func color(at t: Double) -> PlotColor {
        let clamped = t > 0 ? Swift.min(t, 1) : 0
        let s = clamped * Double(anchors.count - 1)
        let k = Swift.min(Int(s), anchors.count - 2)
        let f = s - Double(k)
        let (a, b) = (anchors[k], anchors[k + 1])
        func mix(_ u: UInt8, _ v: UInt8) -> UInt8 { UInt8((Double(u) + f * (Double(v) - Double(u))).rounded()) }
        return PlotColor(red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue))
    }

    /// The 256 colors of the bytes 0 ... 255 (`color(at: byte / 255)`).
    var table: [PlotColor] { (0..<256).map { color(at: Double($0) / 255) } }
}

extension Image {
    /// An RGB image of `matrix` through `colormap`: element `(i, j)` becomes pixel `(row i, column j)`
    /// colored `colormap(t)` with `t` the value mapped from `range` to `[0, 1]` (clamped, NaN 0;
    /// quantized to 256 levels as ``IntensityMapping`` does).
    /// - Throws: ``RenderError`` when the matrix is empty or `range` is not finite with lower < upper.
    /// - Complexity: O(rows * columns).
    @inlinable
    public init<S: OTScalar>(
        heatmap matrix: Matrix<S>, range: ClosedRange<S>, colormap: Colormap = .sequential
    )
        throws
    {
        let levels = try IntensityMapping(range).bytes(matrix.elements)
        try self.init(width: matrix.columns, height: matrix.rows, levels: levels, colormap: colormap)
    }

    /// An RGB image of byte `levels` (row-major, `width * height`) through `colormap`.
    /// - Throws: ``RenderError`` when the count is not `width * height` or a dimension is not positive.
    /// - Complexity: O(width * height).
    public init(width: Int, height: Int, levels: [UInt8], colormap: Colormap) throws {
        guard levels.count == width * height else {
            throw RenderError("levels has \(levels.count) bytes; expected width * height = \(width) * \(height)")
        }
        let table = colormap.table
        var pixels = [UInt8]()
        pixels.reserveCapacity(levels.count * 3)
        for level in levels {
            let c = table[Int(level)]
            pixels += [c.red, c.green, c.blue]
        }
        try self.init(width: width, height: height, format: .rgb, pixels: pixels)
    }
}
