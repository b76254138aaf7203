extension Plot {
    /// Draws the plot's elements at the origin of the current user space; ids start with `id`.
    ///
    /// Element classes let readers and tests find the parts: `frame`, `grid`, `tick x|y`,
    /// `minor-tick x|y`, `tick-label x|y`, `axis-label x|y`, `title`, `series`, `line`, `markers`,
    /// `marker`, `legend`, `legend-label`.
    func draw(into w: inout SVGWriter, id: String) {
        let layout = layout()
        let (xMap, yMap) = (layout.xMap, layout.yMap)
        let (left, top, right, bottom) = (layout.left, layout.top, layout.right, layout.bottom)
        let n = SVGText.number

        // Series may overhang the frame by a marker so points on the limits are drawn whole.
        let overhang = Swift.max(4, (series.map(\.markerSize).max() ?? 0) + 2)
        w.open("defs")
        w.open("clipPath", ["id": "\(id)-clip"])
        w.element("rect", ["x": n(left - overhang), "y": n(top - overhang),
                           "width": n(right - left + 2 * overhang), "height": n(bottom - top + 2 * overhang)])
        w.close("clipPath")
        w.close("defs")

        if showsGrid {
            w.open("g", ["class": "grid", "stroke": "#e8e8e8", "stroke-width": "1"])
            for v in layout.xTicks.major { if let p = xMap.pixel(v) { w.element("line", ["x1": n(p), "y1": n(top), "x2": n(p), "y2": n(bottom)]) } }
            for v in layout.yTicks.major { if let p = yMap.pixel(v) { w.element("line", ["x1": n(left), "y1": n(p), "x2": n(right), "y2": n(p)]) } }
            w.close("g")
        }

        w.open("g", ["class": "ticks", "stroke": "#444444", "stroke-width": "1"])
        for (values, length, kind) in [(layout.xTicks.major, Self.tickLength, "tick"), (layout.xTicks.minor, Self.minorTickLength, "minor-tick")] {
            for v in values { if let p = xMap.pixel(v) { w.element("line", ["class": "\(kind) x", "x1": n(p), "y1": n(bottom), "x2": n(p), "y2": n(bottom + length)]) } }
        }
        for (values, length, kind) in [(layout.yTicks.major, Self.tickLength, "tick"), (layout.yTicks.minor, Self.minorTickLength, "minor-tick")] {
            for v in values { if let p = yMap.pixel(v) { w.element("line", ["class": "\(kind) y", "x1": n(left - length), "y1": n(p), "x2": n(left), "y2": n(p)]) } }
        }
        w.close("g")

        w.open("g", ["class": "tick-labels", "font-size": n(Self.tickFontSize), "fill": "#333333"])
        let xLabelBaseline = bottom + Self.tickLength + Self.tickLabelGap + 0.8 * Self.tickFontSize
        for (v, label) in zip(layout.xTicks.major, layout.xTicks.labels) where !label.isEmpty {
            if let p = xMap.pixel(v) { w.element("text", ["class": "tick-label x", "x": n(p), "y": n(xLabelBaseline), "text-anchor": "middle"], text: label) }
        }
        let yLabelRight = left - Self.tickLength - Self.tickLabelGap
        for (v, label) in zip(layout.yTicks.major, layout.yTicks.labels) where !label.isEmpty {
            // 0.35 em below the tick puts the middle of the digits on it.
            if let p = yMap.pixel(v) { w.element("text", ["class": "tick-label y", "x": n(yLabelRight), "y": n(p + 0.35 * Self.tickFontSize), "text-anchor": "end"], text: label) }
        }
        w.close("g")

        w.element("rect", ["class": "frame", "x": n(left), "y": n(top), "width": n(right - left), "height": n(bottom - top),
                           "fill": "none", "stroke": "#444444", "stroke-width": "1"])

        for (index, s) in series.enumerated() { drawSeries(s, index: index, xMap: xMap, yMap: yMap, clip: "\(id)-clip", into: &w) }

        if !x.label.isEmpty {
            w.element("text", ["class": "axis-label x", "x": n((left + right) / 2), "y": n(height - Self.edge - 2),
                               "text-anchor": "middle", "font-size": n(Self.labelFontSize), "fill": "#222222"], text: x.label)
        }
        if !y.label.isEmpty {
            let baseline = Self.edge + 0.8 * Self.labelFontSize
            w.element("text", ["class": "axis-label y", "transform": "translate(\(n(baseline)),\(n((top + bottom) / 2))) rotate(-90)",
                               "text-anchor": "middle", "font-size": n(Self.labelFontSize), "fill": "#222222"], text: y.label)
        }
        if !title.isEmpty {
            w.element("text", ["class": "title", "x": n((left + right) / 2), "y": n(Self.edge + 0.8 * Self.titleFontSize + 2),
                               "text-anchor": "middle", "font-size": n(Self.titleFontSize), "font-weight": "bold", "fill": "#222222"], text: title)
        }
        drawLegend(layout: layout, into: &w)
    }

    /// The color and dash pattern of series `index`: its own color, or the palette's, dashed once
    /// the palette has been used up.
    func appearance(of s: PlotSeries, index: Int) -> (color: String, dash: String, marker: PlotMarker) {
        let palette = PlotColor.palette
        let color = (s.color ?? palette[index % palette.count]).hex
        let dash = s.color == nil && index >= palette.count ? "6 3" : ""
        return (color, dash, s.marker ?? PlotMarker.allCases[index % PlotMarker.allCases.count])
    }

    private func drawSeries(_ s: PlotSeries, index: Int, xMap: AxisMap, yMap: AxisMap, clip: String, into w: inout SVGWriter) {
        let (color, dash, marker) = appearance(of: s, index: index)
        let n = SVGText.number
        let opacity = s.opacity < 1 ? n(Swift.max(0, s.opacity)) : ""
        w.open("g", ["class": "series", "clip-path": "url(#\(clip))"])
        if s.drawsLine {
            var d = ""
            for run in Self.polylineRuns(s, xMap: xMap, yMap: yMap) {
                for (k, point) in run.enumerated() { d += (k == 0 ? "M" : "L") + n(point.x) + "," + n(point.y) }
            }
            if !d.isEmpty {
                w.element("path", ["class": "line", "d": d, "fill": "none", "stroke": color, "stroke-width": n(s.lineWidth),
                                   "stroke-linejoin": "round", "stroke-linecap": "round", "stroke-dasharray": dash,
                                   "stroke-opacity": opacity])
            }
        }
        if s.drawsMarkers {
            if marker == .cross {
                w.open("g", ["class": "markers", "fill": "none", "stroke": color, "stroke-width": "1.5", "stroke-opacity": opacity])
            } else {
                w.open("g", ["class": "markers", "fill": color, "fill-opacity": opacity])
            }
            for (vx, vy) in zip(s.x, s.y) where xMap.contains(vx) && yMap.contains(vy) {
                Self.drawMarker(marker, at: (xMap.pixel(vx)!, yMap.pixel(vy)!), size: s.markerSize, into: &w)
            }
            w.close("g")
        }
        w.close("g")
    }

    /// One marker of radius `size` centered at `center`, with class `kind`; shapes other than the
    /// circle are scaled to about the circle's area.
    static func drawMarker(_ marker: PlotMarker, at center: (x: Double, y: Double), size r: Double, kind: String = "marker",
                           into w: inout SVGWriter) {
        let n = SVGText.number
        let (x, y) = center
        func path(_ points: [(Double, Double)]) -> String {
            "M" + points.map { n(x + $0.0 * r) + "," + n(y + $0.1 * r) }.joined(separator: "L") + "Z"
        }
        switch marker {
        case .circle:
            w.element("circle", ["class": kind, "cx": n(x), "cy": n(y), "r": n(r)])
        case .square:
            w.element("path", ["class": kind, "d": path([(-0.89, -0.89), (0.89, -0.89), (0.89, 0.89), (-0.89, 0.89)])])
        case .triangle:
            w.element("path", ["class": kind, "d": path([(0, -1.35), (1.17, 0.68), (-1.17, 0.68)])])
        case .diamond:
            w.element("path", ["class": kind, "d": path([(0, -1.25), (1.25, 0), (0, 1.25), (-1.25, 0)])])
        case .cross:
            let d = "M\(n(x - r)),\(n(y - r))L\(n(x + r)),\(n(y + r))M\(n(x - r)),\(n(y + r))L\(n(x + r)),\(n(y - r))"
            w.element("path", ["class": kind, "d": d])
        }
    }
}
