extension Plot {
    /// Colors of the plot furniture.
    static let inkColor = "#222222", axisColor = "#444444", tickLabelColor = "#333333", gridColor = "#e8e8e8"

    /// Draws the plot's elements at the origin of the current user space; ids start with `id`.
    ///
    /// Element classes let readers and tests find the parts: `frame`, `grid`, `tick x|y`,
    /// `minor-tick x|y`, `tick-label x|y`, `axis-label x|y`, `title`, `series`, `line`, `markers`,
    /// `marker`, `band`, `legend`, `legend-box`, `legend-label`, `legend-marker`.
    func draw(into w: inout SVGWriter, id: String) {
        let layout = layout()
        let clip = "\(id)-clip"
        // Series may overhang the frame by a marker so points on the limits are drawn whole.
        let overhang = Swift.max(4, (series.map(\.markerSize).max() ?? 0) + 2)
        let n = SVGText.number
        w.open("defs")
        w.open("clipPath", ["id": clip])
        w.element(
            "rect",
            [
                "x": n(layout.left - overhang), "y": n(layout.top - overhang),
                "width": n(layout.right - layout.left + 2 * overhang),
                "height": n(layout.bottom - layout.top + 2 * overhang),
            ])
        w.close("clipPath")
        w.close("defs")
        if showsGrid { drawGrid(layout, into: &w) }
        drawTicks(layout, into: &w)
        drawTickLabels(layout, into: &w)
        w.element(
            "rect",
            [
                "class": "frame", "x": n(layout.left), "y": n(layout.top), "width": n(layout.right - layout.left),
                "height": n(layout.bottom - layout.top), "fill": "none", "stroke": Self.axisColor, "stroke-width": "1",
            ])
        let (xMap, yMap) = (layout.xMap, layout.yMap)
        for (index, s) in series.enumerated() {
            drawSeries(s, index: index, xMap: xMap, yMap: yMap, clip: clip, into: &w)
        }
        drawTitles(layout, into: &w)
        drawLegend(layout: layout, into: &w)
    }

    private func drawGrid(_ layout: PlotLayout, into w: inout SVGWriter) {
        let n = SVGText.number
        w.open("g", ["class": "grid", "stroke": Self.gridColor, "stroke-width": "1"])
        for p in layout.xTicks.major.compactMap(layout.xMap.pixel) {
            w.element("line", ["x1": n(p), "y1": n(layout.top), "x2": n(p), "y2": n(layout.bottom)])
        }
        for p in layout.yTicks.major.compactMap(layout.yMap.pixel) {
            w.element("line", ["x1": n(layout.left), "y1": n(p), "x2": n(layout.right), "y2": n(p)])
        }
        w.close("g")
    }

    private func drawTicks(_ layout: PlotLayout, into w: inout SVGWriter) {
        let n = SVGText.number
        let (bottom, left) = (layout.bottom, layout.left)
        w.open("g", ["class": "ticks", "stroke": Self.axisColor, "stroke-width": "1"])
        for (values, length, kind) in [
            (layout.xTicks.major, Self.tickLength, "tick"),
            (layout.xTicks.minor, Self.minorTickLength, "minor-tick"),
        ] {
            for p in values.compactMap(layout.xMap.pixel) {
                w.element(
                    "line", ["class": "\(kind) x", "x1": n(p), "y1": n(bottom), "x2": n(p), "y2": n(bottom + length)])
            }
        }
        for (values, length, kind) in [
            (layout.yTicks.major, Self.tickLength, "tick"),
            (layout.yTicks.minor, Self.minorTickLength, "minor-tick"),
        ] {
            for p in values.compactMap(layout.yMap.pixel) {
                w.element(
                    "line", ["class": "\(kind) y", "x1": n(left - length), "y1": n(p), "x2": n(left), "y2": n(p)])
            }
        }
        w.close("g")
    }

    private func drawTickLabels(_ layout: PlotLayout, into w: inout SVGWriter) {
        let n = SVGText.number
        w.open("g", ["class": "tick-labels", "font-size": n(Self.tickFontSize), "fill": Self.tickLabelColor])
        let baseline = layout.bottom + Self.tickLength + Self.tickLabelGap + 0.8 * Self.tickFontSize
        for (v, label) in zip(layout.xTicks.major, layout.xTicks.labels) where !label.isEmpty {
            guard let p = layout.xMap.pixel(v) else { continue }
            w.element(
                "text", ["class": "tick-label x", "x": n(p), "y": n(baseline), "text-anchor": "middle"], text: label)
        }
        let right = layout.left - Self.tickLength - Self.tickLabelGap
        for (v, label) in zip(layout.yTicks.major, layout.yTicks.labels) where !label.isEmpty {
            guard let p = layout.yMap.pixel(v) else { continue }
            // A baseline 0.35 em below the tick centers the digits on it.
            w.element(
                "text",
                [
                    "class": "tick-label y", "x": n(right), "y": n(p + 0.35 * Self.tickFontSize),
                    "text-anchor": "end",
                ], text: label)
        }
        w.close("g")
    }

    private func drawTitles(_ layout: PlotLayout, into w: inout SVGWriter) {
        let n = SVGText.number
        let center = (layout.left + layout.right) / 2
        if !x.label.isEmpty {
            w.element(
                "text",
                [
                    "class": "axis-label x", "x": n(center), "y": n(height - Self.edge - 2), "text-anchor": "middle",
                    "font-size": n(Self.labelFontSize), "fill": Self.inkColor,
                ], text: x.label)
        }
        if !y.label.isEmpty {
            let baseline = Self.edge + 0.8 * Self.labelFontSize
            let middle = (layout.top + layout.bottom) / 2
            w.element(
                "text",
                [
                    "class": "axis-label y", "transform": "translate(\(n(baseline)),\(n(middle))) rotate(-90)",
                    "text-anchor": "middle", "font-size": n(Self.labelFontSize), "fill": Self.inkColor,
                ], text: y.label)
        }
        if !title.isEmpty {
            w.element(
                "text",
                [
                    "class": "title", "x": n(center), "y": n(Self.edge + 0.8 * Self.titleFontSize + 2),
                    "text-anchor": "middle",
                    "font-size": n(Self.titleFontSize), "font-weight": "bold", "fill": Self.inkColor,
                ], text: title)
        }
    }
}
