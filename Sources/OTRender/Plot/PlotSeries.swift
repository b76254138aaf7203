import OTKernels

/// The shape drawn at each point of a scatter series.
public enum PlotMarker: Sendable, CaseIterable, Equatable {
    /// A filled disc.
    case circle
    /// A filled square.
    case square
    /// A filled triangle pointing up.
    case triangle
    /// A filled square turned 45°.
    case diamond
    /// An `×` of two strokes.
    case cross
}

/// One named data series of a ``Plot``: points `(x[i], y[i])` drawn as a line, markers, or both.
///
/// Points whose coordinates are not finite (or not positive on a log axis) are skipped; a line
/// breaks at them instead of joining across the gap.
public struct PlotSeries: Sendable {
    /// How the points are drawn.
    public enum Style: Sendable, Equatable {
        /// A polyline through the points in order.
        case line
        /// A marker at every point.
        case scatter
        /// A polyline and a marker at every point.
        case lineAndMarkers
        /// The area between ``PlotSeries/lower`` and `y`, filled translucent (e.g. mean ± std);
        /// add it before the line it surrounds.
        case band
    }

    /// The legend entry; an empty name leaves the series out of the legend.
    public var name: String
    /// The x coordinates.
    public private(set) var x: [Double]
    /// The y coordinates, one per x (the upper edge of a band).
    public private(set) var y: [Double]
    /// The lower edge of a ``Style/band``, one per x; nil for other styles.
    public private(set) var lower: [Double]?
    /// Line, markers or both.
    public var style: Style
    /// The color; nil takes the series' turn in ``PlotColor/palette`` (a band shares the next series' turn).
    public var color: PlotColor?
    /// The marker shape; nil takes the series' place in ``PlotMarker/allCases``.
    public var marker: PlotMarker?
    /// Stroke width of the line, in pixels.
    public var lineWidth: Double = 1.75
    /// Marker radius (half its width), in pixels.
    public var markerSize: Double = 3
    /// Opacity of lines, markers and bands (a band fills at a quarter of it), 0 ... 1; lower it for dense
    /// scatter plots.
    public var opacity: Double = 1

    /// A series through `(x[i], y[i])`.
    /// - Precondition: `x.count == y.count`.
    public init<S: BinaryFloatingPoint>(name: String, x: [S], y: [S], style: Style) {
        precondition(x.count == y.count, "PlotSeries '\(name)': \(x.count) x values for \(y.count) y values")
        self.name = name
        self.x = x.map { Double($0) }
        self.y = y.map { Double($0) }
        self.style = style
    }

    /// A line through `(x[i], y[i])`.
    /// - Precondition: `x.count == y.count`.
    public static func line<S: BinaryFloatingPoint>(_ name: String, x: [S], y: [S]) -> PlotSeries {
        PlotSeries(name: name, x: x, y: y, style: .line)
    }

    /// A line through `(i, y[i])` for `i = 0, 1, ...` (e.g. a loss per step).
    public static func line<S: BinaryFloatingPoint>(_ name: String, y: [S]) -> PlotSeries {
        PlotSeries(name: name, x: y.indices.map { Double($0) }, y: y.map { Double($0) }, style: .line)
    }

    /// The area between `(x[i], lower[i])` and `(x[i], upper[i])`, filled with the series color at a
    /// quarter of its ``opacity``. A point with any coordinate not placeable breaks the band.
    /// - Precondition: `x`, `lower` and `upper` have the same count.
    public static func band<S: BinaryFloatingPoint>(_ name: String, x: [S], lower: [S], upper: [S]) -> PlotSeries {
        precondition(lower.count == x.count, "PlotSeries.band '\(name)': \(x.count) x values for \(lower.count) lower")
        var series = PlotSeries(name: name, x: x, y: upper, style: .band)
        series.lower = lower.map { Double($0) }
        return series
    }

    /// Markers at `(x[i], y[i])`.
    /// - Precondition: `x.count == y.count`.
    public static func scatter<S: BinaryFloatingPoint>(_ name: String, x: [S], y: [S]) -> PlotSeries {
        PlotSeries(name: name, x: x, y: y, style: .scatter)
    }

    /// Markers at the rows of `points`, reading columns 0 and 1 as x and y (a 2-D point cloud).
    /// - Precondition: `points.columns >= 2`.
    /// - Complexity: O(points.rows).
    public static func scatter<S: OTScalar>(_ name: String, points: Matrix<S>) -> PlotSeries {
        precondition(points.columns >= 2, "PlotSeries.scatter '\(name)': \(points.columns) columns; need 2")
        return PlotSeries(name: name, x: points.column(0), y: points.column(1), style: .scatter)
    }

    /// Whether the series draws a polyline.
    var drawsLine: Bool { style == .line || style == .lineAndMarkers }
    /// Whether the series draws markers.
    var drawsMarkers: Bool { style == .scatter || style == .lineAndMarkers }

    /// The points to fit the axes to: `(x, y)`, and `(x, lower)` for a band.
    var extentPoints: [(x: Double, y: Double)] {
        Array(zip(x, y)) + (lower.map { Array(zip(x, $0)) } ?? [])
    }
}
