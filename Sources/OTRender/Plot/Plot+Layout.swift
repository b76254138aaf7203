/// The resolved geometry of a plot: ticks and the pixel rectangle of the plot area.
struct PlotLayout {
    var xTicks: AxisTicks
    var yTicks: AxisTicks
    var left: Double, top: Double, right: Double, bottom: Double

    var xMap: AxisMap { AxisMap(scale: xTicks.scale, domain: xTicks.domain, pixels: (left, right)) }
    var yMap: AxisMap { AxisMap(scale: yTicks.scale, domain: yTicks.domain, pixels: (bottom, top)) }
}

extension Plot {
    /// Font sizes and tick geometry, in pixels.
    static let tickFontSize = 11.0, labelFontSize = 13.0, titleFontSize = 15.0
    static let tickLength = 5.0, minorTickLength = 3.0, tickLabelGap = 3.0, edge = 8.0

    /// The smallest box holding every point that both axes can place, per axis.
    func dataBounds() -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
        var (xLo, xHi, yLo, yHi) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
        for s in series {
            for (px, py) in zip(s.x, s.y) {
                guard x.scale.transform(px) != nil, y.scale.transform(py) != nil else { continue }
                (xLo, xHi, yLo, yHi) = (Swift.min(xLo, px), Swift.max(xHi, px), Swift.min(yLo, py), Swift.max(yHi, py))
            }
        }
        return xLo <= xHi ? (xLo...xHi, yLo...yHi) : (nil, nil)
    }

    /// Ticks and plot area: fixed ranges are kept, data ranges widen to nice ticks, and with
    /// ``equalAspect`` the narrower axis widens until a unit has one length on both axes.
    func layout() -> PlotLayout {
        let bounds = dataBounds()
        func fitted(_ axis: PlotAxis, _ data: ClosedRange<Double>?) -> AxisTicks {
            if let range = axis.range {
                return .nice(range.lowerBound, range.upperBound, scale: axis.scale, expand: false)
            }
            if let data { return .nice(data.lowerBound, data.upperBound, scale: axis.scale) }
            return axis.scale == .linear ? .nice(0, 1) : .nice(1, 10, scale: .logarithmic)
        }
        var layout = framed(fitted(x, bounds.x), fitted(y, bounds.y))
        guard equalAspect, x.scale == .linear, y.scale == .linear, x.range == nil, y.range == nil else {
            return layout
        }
        // Widen once for the first frame, re-frame with the wider of both label sets, widen again:
        // the final frame's y labels are those of the first widening, up to a rare step change.
        let base = (layout.xTicks.domain, layout.yTicks.domain)
        let first = equalized(base, in: layout)
        let widened = framed(.nice(first.0.lowerBound, first.0.upperBound, expand: false),
                             .nice(first.1.lowerBound, first.1.upperBound, expand: false))
        let reserve = Swift.max(layout.left, widened.left)
        layout = framed(layout.xTicks, layout.yTicks, left: reserve)
        let final = equalized(base, in: layout)
        layout.xTicks = .nice(final.0.lowerBound, final.0.upperBound, expand: false)
        layout.yTicks = .nice(final.1.lowerBound, final.1.upperBound, expand: false)
        return layout
    }

    /// The plot area that leaves room for the title, the axis labels and these ticks' labels.
    func framed(_ xTicks: AxisTicks, _ yTicks: AxisTicks, left fixedLeft: Double? = nil) -> PlotLayout {
        let yLabelWidth = yTicks.labels.map { SVGText.estimatedWidth($0, fontSize: Self.tickFontSize) }.max() ?? 0
        let left = fixedLeft ?? (Self.edge + (y.label.isEmpty ? 0 : Self.labelFontSize + 8) + yLabelWidth
            + Self.tickLength + Self.tickLabelGap + 2)
        let top = title.isEmpty ? Self.edge + 6 : Self.edge + Self.titleFontSize + 12
        let bottom = height - (Self.edge + Self.tickLength + Self.tickLabelGap + Self.tickFontSize
            + (x.label.isEmpty ? 0 : Self.labelFontSize + 8) + 2)
        let lastLabel = xTicks.labels.last.map { SVGText.estimatedWidth($0, fontSize: Self.tickFontSize) } ?? 0
        let right = width - Swift.max(Self.edge + 6, lastLabel / 2 + 4)
        // A degenerate document still gets a 1-pixel area rather than a flipped one.
        return PlotLayout(xTicks: xTicks, yTicks: yTicks, left: left, top: top,
                          right: Swift.max(right, left + 1), bottom: Swift.max(bottom, top + 1))
    }

    /// Domains widened around their centers so x and y have the same data units per pixel.
    private func equalized(_ domains: (ClosedRange<Double>, ClosedRange<Double>), in layout: PlotLayout)
        -> (ClosedRange<Double>, ClosedRange<Double>)
    {
        let (dx, dy) = domains
        let pixelsX = layout.right - layout.left, pixelsY = layout.bottom - layout.top
        let perPixel = Swift.max((dx.upperBound - dx.lowerBound) / pixelsX, (dy.upperBound - dy.lowerBound) / pixelsY)
        func widened(_ d: ClosedRange<Double>, _ pixels: Double) -> ClosedRange<Double> {
            let center = (d.lowerBound + d.upperBound) / 2, half = perPixel * pixels / 2
            return (center - half)...(center + half)
        }
        return (widened(dx, pixelsX), widened(dy, pixelsY))
    }
}
