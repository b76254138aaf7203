extension Plot {
    /// Legend geometry, in pixels.
    static let legendRowHeight = 17.0, legendPadding = 6.0, legendSwatch = 24.0, legendInset = 8.0

    /// The legend box listing the series `entries` at corner `position` (not `.automatic` or `.hidden`).
    func legendBox(
        _ position: LegendPosition, layout: PlotLayout, entries: [Int]
    )
        -> (x: Double, y: Double, width: Double, height: Double)
    {
        let textWidth = entries.map { SVGText.estimatedWidth(series[$0].name, fontSize: Self.tickFontSize) }.max() ?? 0
        let width = 3 * Self.legendPadding + Self.legendSwatch + textWidth
        let height = 2 * (Self.legendPadding - 1) + Self.legendRowHeight * Double(entries.count)
        let leftX = layout.left + Self.legendInset
        let rightX = layout.right - Self.legendInset - width
        let topY = layout.top + Self.legendInset
        let bottomY = layout.bottom - Self.legendInset - height
        switch position {
        case .topLeft: return (leftX, topY, width, height)
        case .bottomRight: return (rightX, bottomY, width, height)
        case .bottomLeft: return (leftX, bottomY, width, height)
        default: return (rightX, topY, width, height)
        }
    }

    /// The corner of ``legend`` to use: itself, or for `.automatic` the corner whose box covers the
    /// fewest drawn points (markers and points sampled every ~6 pixels along lines).
    func legendPlacement(layout: PlotLayout, entries: [Int]) -> LegendPosition {
        guard legend == .automatic else { return legend }
        let corners: [LegendPosition] = [.topRight, .topLeft, .bottomRight, .bottomLeft]
        let boxes = corners.map { legendBox($0, layout: layout, entries: entries) }
        var counts = [Int](repeating: 0, count: corners.count)
        let (xMap, yMap) = (layout.xMap, layout.yMap)
        func visit(_ px: Double, _ py: Double) {
            for (k, b) in boxes.enumerated()
            where px >= b.x - 3 && px <= b.x + b.width + 3 && py >= b.y - 3 && py <= b.y + b.height + 3 {
                counts[k] += 1
            }
        }
        for s in series {
            var previous: (Double, Double)?
            for (vx, vy) in s.extentPoints {
                guard let px = xMap.pixel(vx), let py = yMap.pixel(vy) else {
                    previous = nil
                    continue
                }
                visit(px, py)
                if s.drawsLine, let (qx, qy) = previous {
                    let steps = Swift.min(64, Int(((px - qx) * (px - qx) + (py - qy) * (py - qy)).squareRoot() / 6))
                    if steps > 1 {
                        for t in 1..<steps {
                            visit(
                                qx + (px - qx) * Double(t) / Double(steps), qy + (py - qy) * Double(t) / Double(steps))
                        }
                    }
                }
                previous = (px, py)
            }
        }
        return corners[counts.indices.min { counts[$0] < counts[$1] }!]
    }

    /// Draws the legend of the named series, unless hidden or no series has a name.
    func drawLegend(layout: PlotLayout, into w: inout SVGWriter) {
        let entries = series.indices.filter { !series[$0].name.isEmpty }
        guard legend != .hidden, !entries.isEmpty else { return }
        let box = legendBox(legendPlacement(layout: layout, entries: entries), layout: layout, entries: entries)
        let n = SVGText.number
        w.open("g", ["class": "legend", "font-size": n(Self.tickFontSize)])
        w.element(
            "rect",
            [
                "class": "legend-box", "x": n(box.x), "y": n(box.y), "width": n(box.width), "height": n(box.height),
                "rx": "3", "fill": "white", "fill-opacity": "0.9", "stroke": "#bbbbbb", "stroke-width": "1",
            ])
        for (row, index) in entries.enumerated() {
            let s = series[index]
            let (color, dash, marker) = appearance(of: s, index: index)
            let middle = box.y + Self.legendPadding - 1 + Self.legendRowHeight * (Double(row) + 0.5)
            let swatchLeft = box.x + Self.legendPadding
            if s.style == .band {
                w.element(
                    "rect",
                    [
                        "x": n(swatchLeft), "y": n(middle - 5), "width": n(Self.legendSwatch), "height": "10",
                        "fill": color, "fill-opacity": n(Self.bandOpacity),
                    ])
            }
            if s.drawsLine {
                w.element(
                    "line",
                    [
                        "x1": n(swatchLeft), "y1": n(middle), "x2": n(swatchLeft + Self.legendSwatch), "y2": n(middle),
                        "stroke": color, "stroke-width": n(Swift.min(s.lineWidth, 3)), "stroke-dasharray": dash,
                    ])
            }
            if s.drawsMarkers {
                let attributes: KeyValuePairs<String, String> =
                    marker == .cross
                    ? ["fill": "none", "stroke": color, "stroke-width": "1.5"] : ["fill": color]
                w.open("g", attributes)
                Self.drawMarker(
                    marker, at: (swatchLeft + Self.legendSwatch / 2, middle),
                    size: Swift.min(Swift.max(s.markerSize, 2.5), 4.5),
                    kind: "legend-marker", into: &w)
                w.close("g")
            }
            w.element(
                "text",
                [
                    "class": "legend-label", "x": n(swatchLeft + Self.legendSwatch + Self.legendPadding),
                    "y": n(middle + 0.35 * Self.tickFontSize), "fill": Self.inkColor,
                ], text: s.name)
        }
        w.close("g")
    }
}
