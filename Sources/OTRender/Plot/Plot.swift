import OTKernels
/// One axis of a ``Plot``: its label, scale and limits.
public struct PlotAxis: Sendable {
    /// The axis title, e.g. `"step"` or `"loss"`; empty for none.
    public var label: String
    /// Linear or logarithmic placement.
    public var scale: AxisScale
    /// Fixed limits; nil fits the data and widens the limits to the enclosing nice ticks.
    public var range: ClosedRange<Double>?

    /// An axis; the defaults are an unlabelled linear axis fitted to the data.
    public init(label: String = "", scale: AxisScale = .linear, range: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.range = range
    }
}

/// Where a ``Plot`` draws its legend (inside the plot area).
public enum LegendPosition: Sendable, Equatable, CaseIterable {
    /// The corner that covers the fewest data points (ties: top right, top left, bottom right, bottom left).
    case automatic
    /// The top right corner.
    case topRight
    /// The top left corner.
    case topLeft
    /// The bottom right corner.
    case bottomRight
    /// The bottom left corner.
    case bottomLeft
    /// No legend.
    case hidden
}

/// A 2-D chart of one or more series, rendered as a standalone SVG document.
///
/// It draws a frame with ticks at nice numbers (``AxisTicks``), tick labels, light grid lines, axis
/// labels, a title, the series (lines and/or markers, colors from ``PlotColor/palette``, lines
/// dashed after the palette wraps), and a legend of the named series. Text is XML-escaped. Sizes are
/// in pixels; the text layout assumes a sans-serif font (see ``SVGText/estimatedWidth(_:fontSize:)``).
///
/// ```swift
/// var plot = Plot(title: "Training loss", x: PlotAxis(label: "step"),
///                 y: PlotAxis(label: "loss", scale: .logarithmic))
/// plot.add(.line("Sinkhorn divergence", y: losses))
/// try plot.write(to: "loss.svg")
/// ```
public struct Plot: Sendable {
    /// The title above the plot area; empty for none.
    public var title: String
    /// The horizontal axis.
    public var x: PlotAxis
    /// The vertical axis.
    public var y: PlotAxis
    /// The series, drawn in order (later ones on top).
    public var series: [PlotSeries]
    /// Document width in pixels.
    public var width: Double
    /// Document height in pixels.
    public var height: Double
    /// Legend placement.
    public var legend: LegendPosition = .automatic
    /// Whether light grid lines run across the plot area at the major ticks.
    public var showsGrid = true
    /// Whether one data unit has the same length on both axes (for point clouds); the axis with
    /// the smaller span per pixel is widened around its center. Applies only when both axes are
    /// linear and have no fixed ``PlotAxis/range``.
    public var equalAspect = false

    /// A plot; add series with ``add(_:)`` or pass them here.
    public init(
        title: String = "", x: PlotAxis = PlotAxis(), y: PlotAxis = PlotAxis(),
        series: [PlotSeries] = [], width: Double = 640, height: Double = 400
    ) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.width = width
        self.height = height
    }

    /// Appends `series` (drawn on top of the earlier ones).
    public mutating func add(_ series: PlotSeries) {
        self.series.append(series)
    }

    /// The plot as a standalone SVG 1.1 document.
    /// - Complexity: O(total points); automatic legend placement samples each line segment at most 64 times.
    public func svg() -> String {
        Figure(panels: [self], columns: 1).svg()
    }

    /// Writes ``svg()`` to `path` atomically (temporary file + rename).
    /// - Throws: ``RenderError`` naming `path` when it cannot be written.
    public func write(to path: String) throws {
        try AtomicFile.write(svg(), to: path)
    }
}
