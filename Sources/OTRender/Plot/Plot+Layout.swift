import Foundation

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
            for (px, py) in s.extentPoints {
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
        // Rough plot-area lengths (before the margins are known) to size the tick density.
        let (xPixels, yPixels) = (Swift.max(width - 90, 40), Swift.max(height - 80, 40))
        func fitted(_ axis: PlotAxis, _ data: ClosedRange<Double>?, pixels: Double, horizontal: Bool) -> AxisTicks {
            let limits: (lower: Double, upper: Double, expand: Bool)
            if let range = axis.range {
                limits = (range.lowerBound, range.upperBound, false)
            } else if let data {
                limits = (data.lowerBound, data.upperBound, true)
            } else {
                limits = axis.scale == .linear ? (0, 1, true) : (1, 10, true)
            }
            return Self.readableTicks(
                limits.lower, limits.upper, scale: axis.scale, expand: limits.expand, pixels: pixels,
                horizontal: horizontal)
        }
        var layout = framed(
            fitted(x, bounds.x, pixels: xPixels, horizontal: true),
            fitted(y, bounds.y, pixels: yPixels, horizontal: false))
        guard equalAspect, x.scale == .linear, y.scale == .linear, x.range == nil, y.range == nil else {
            return layout
        }
        func within(_ d: ClosedRange<Double>, pixels: Double, horizontal: Bool) -> AxisTicks {
            Self.readableTicks(
                d.lowerBound, d.upperBound, scale: .linear, expand: false, pixels: pixels, horizontal: horizontal)
        }
        // Widen once for the first frame, re-frame with the wider of both label sets, widen again:
        // the final frame's y labels are those of the first widening, up to a rare step change.
        let base = (layout.xTicks.domain, layout.yTicks.domain)
        let first = equalized(base, in: layout)
        let widened = framed(
            within(first.0, pixels: xPixels, horizontal: true), within(first.1, pixels: yPixels, horizontal: false))
        let reserve = Swift.max(layout.left, widened.left)
        layout = framed(layout.xTicks, layout.yTicks, left: reserve)
        let final = equalized(base, in: layout)
        layout.xTicks = within(final.0, pixels: layout.right - layout.left, horizontal: true)
        layout.yTicks = within(final.1, pixels: layout.bottom - layout.top, horizontal: false)
        return layout
    }

    /// Nice ticks whose labels do not collide along an axis `pixels` long: about one tick per 80 px
    /// across or 45 px up, fewer while neighbouring labels would overlap (estimated widths, 8 px gap
    /// across, one line plus 4 px up); if even the coarsest step collides (or decades on a log axis
    /// do), only every k-th tick keeps its label, for the smallest k that fits (the ticks stay).
    static func readableTicks(
        _ lo: Double, _ hi: Double, scale: AxisScale, expand: Bool, pixels: Double,
        horizontal: Bool
    ) -> AxisTicks {
        var target = Swift.min(10, Swift.max(1, Int(pixels / (horizontal ? 80 : 45))))
        while true {
            let ticks = AxisTicks.nice(lo, hi, scale: scale, expand: expand, targetCount: target)
            if ticks.major.count < 2 { return ticks }
            let map = AxisMap(scale: scale, domain: ticks.domain, pixels: (0, pixels))
            let positions = ticks.major.map { map.pixel($0)! }
            let sizes = ticks.labels.map {
                horizontal ? SVGText.estimatedWidth($0, fontSize: tickFontSize) : tickFontSize
            }
            let gap = horizontal ? 8.0 : 4.0
            func clear(_ i: Int, _ j: Int) -> Bool { positions[j] - positions[i] >= (sizes[i] + sizes[j]) / 2 + gap }
            if positions.indices.dropFirst().allSatisfy({ clear($0 - 1, $0) }) { return ticks }
            if target > 1 && scale == .linear {
                target -= 1
                continue
            }
            // Label every `stride`-th tick, counted from the first tick (from 10^0 for decades).
            let decades = scale == .logarithmic && ticks.major.allSatisfy { log10($0).rounded() == log10($0) }
            let anchors = ticks.major.indices.map { decades ? Int(log10(ticks.major[$0]).rounded()) : $0 }
            for stride in 2...Swift.max(2, ticks.major.count) {
                let kept = ticks.major.indices.filter { (anchors[$0] % stride + stride) % stride == 0 }
                guard !kept.isEmpty, zip(kept, kept.dropFirst()).allSatisfy({ clear($0, $1) }) else { continue }
                let labels = ticks.labels.indices.map { kept.contains($0) ? ticks.labels[$0] : "" }
                return AxisTicks(
                    scale: scale, domain: ticks.domain, major: ticks.major, labels: labels, minor: ticks.minor)
            }
            return ticks  // not reached: stride = count keeps exactly one label
        }
    }

    /// The plot area that leaves room for the title, the axis labels and these ticks' labels.
    func framed(_ xTicks: AxisTicks, _ yTicks: AxisTicks, left fixedLeft: Double? = nil) -> PlotLayout {
        let yLabelWidth = yTicks.labels.map { SVGText.estimatedWidth($0, fontSize: Self.tickFontSize) }.max() ?? 0
        let left =
            fixedLeft
            ?? (Self.edge + (y.label.isEmpty ? 0 : Self.labelFontSize + 8) + yLabelWidth
                + Self.tickLength + Self.tickLabelGap + 2)
        let top = title.isEmpty ? Self.edge + 6 : Self.edge + Self.titleFontSize + 12
        let bottom =
            height
            - (Self.edge + Self.tickLength + Self.tickLabelGap + Self.tickFontSize
                + (x.label.isEmpty ? 0 : Self.labelFontSize + 8) + 2)
        let lastLabel = xTicks.labels.last.map { SVGText.estimatedWidth($0, fontSize: Self.tickFontSize) } ?? 0
        let right = width - Swift.max(Self.edge + 6, lastLabel / 2 + 4)
        // A degenerate document still gets a 1-pixel area rather than a flipped one.
        return PlotLayout(
            xTicks: xTicks, yTicks: yTicks, left: left, top: top,
            right: Swift.max(right, left + 1), bottom: Swift.max(bottom, top + 1))
    }

    /// Domains widened around their centers so x and y have the same data units per pixel.
    private func equalized(
        _ domains: (ClosedRange<Double>, ClosedRange<Double>), in layout: PlotLayout
    )
        -> (ClosedRange<Double>, ClosedRange<Double>)
    {
        let (dx, dy) = domains
        let pixelsX = layout.right - layout.left
        let pixelsY = layout.bottom - layout.top
        let perPixel = Swift.max((dx.upperBound - dx.lowerBound) / pixelsX, (dy.upperBound - dy.lowerBound) / pixelsY)
        func widened(_ d: ClosedRange<Double>, _ pixels: Double) -> ClosedRange<Double> {
            let center = (d.lowerBound + d.upperBound) / 2
            let half = perPixel * pixels / 2
            return (center - half)...(center + half)
        }
        return (widened(dx, pixelsX), widened(dy, pixelsY))
    }
}
