extension Plot {
    /// The color, dash pattern and marker of series `index`: its own, or the palette's and the
    /// marker list's in turn; palette colors are dashed once the palette has been used up. Bands take
    /// no turn: a band shares the turn of the next series (the line it surrounds).
    func appearance(of s: PlotSeries, index: Int) -> (color: String, dash: String, marker: PlotMarker) {
        let palette = PlotColor.palette
        let turn = series[..<index].count { $0.style != .band }
        let color = (s.color ?? palette[turn % palette.count]).hex
        let dash = s.color == nil && turn >= palette.count ? "6 3" : ""
        return (color, dash, s.marker ?? PlotMarker.allCases[turn % PlotMarker.allCases.count])
    }

    /// Draws one series, clipped to the plot area: its polyline (see ``polylineRuns(_:xMap:yMap:)``)
    /// and a marker at each point inside both domains.
    func drawSeries(_ s: PlotSeries, index: Int, xMap: AxisMap, yMap: AxisMap, clip: String, into w: inout SVGWriter) {
        let (color, dash, marker) = appearance(of: s, index: index)
        let n = SVGText.number
        let opacity = s.opacity < 1 ? n(Swift.max(0, s.opacity)) : ""
        w.open("g", ["class": "series", "clip-path": "url(#\(clip))"])
        if let lower = s.lower {
            let d = Self.bandOutline(x: s.x, lower: lower, upper: s.y, xMap: xMap, yMap: yMap)
            if !d.isEmpty {
                w.element(
                    "path",
                    [
                        "class": "band", "d": d, "fill": color, "stroke": "none",
                        "fill-opacity": n(Self.bandOpacity * Swift.min(1, Swift.max(0, s.opacity))),
                    ])
            }
        }
        if s.drawsLine {
            var d = ""
            for run in Self.polylineRuns(s, xMap: xMap, yMap: yMap) {
                for (k, point) in run.enumerated() { d += (k == 0 ? "M" : "L") + n(point.x) + "," + n(point.y) }
            }
            if !d.isEmpty {
                w.element(
                    "path",
                    [
                        "class": "line", "d": d, "fill": "none", "stroke": color, "stroke-width": n(s.lineWidth),
                        "stroke-linejoin": "round", "stroke-linecap": "round", "stroke-dasharray": dash,
                        "stroke-opacity": opacity,
                    ])
            }
        }
        if s.drawsMarkers {
            if marker == .cross {
                w.open(
                    "g",
                    [
                        "class": "markers", "fill": "none", "stroke": color, "stroke-width": "1.5",
                        "stroke-opacity": opacity,
                    ])
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

    /// Fill opacity of a band at full series opacity.
    static let bandOpacity = 0.25

    /// The closed outline of a band: per run of placeable points, along `upper` forward and back
    /// along `lower`.
    static func bandOutline(x: [Double], lower: [Double], upper: [Double], xMap: AxisMap, yMap: AxisMap) -> String {
        let n = SVGText.number
        var d = ""
        var run: [(x: Double, low: Double, high: Double)] = []
        func flush() {
            guard !run.isEmpty else { return }
            d += "M" + run.map { n($0.x) + "," + n($0.high) }.joined(separator: "L")
            d += "L" + run.reversed().map { n($0.x) + "," + n($0.low) }.joined(separator: "L") + "Z"
            run = []
        }
        for i in x.indices {
            if let px = xMap.pixel(x[i]), let low = yMap.pixel(lower[i]), let high = yMap.pixel(upper[i]) {
                run.append((px, low, high))
            } else {
                flush()
            }
        }
        flush()
        return d
    }

    /// One marker of radius `size` centered at `center`, with class `kind`; shapes other than the
    /// circle are scaled to about the circle's area.
    static func drawMarker(
        _ marker: PlotMarker, at center: (x: Double, y: Double), size r: Double,
        kind: String = "marker", into w: inout SVGWriter
    ) {
        let n = SVGText.number
        let (x, y) = center
        func path(_ points: [(Double, Double)]) -> String {
            "M" + points.map { n(x + $0.0 * r) + "," + n(y + $0.1 * r) }.joined(separator: "L") + "Z"
        }
        switch marker {
        case .circle:
            w.element("circle", ["class": kind, "cx": n(x), "cy": n(y), "r": n(r)])
        case .square:
            w.element(
                "path", ["class": kind, "d": path([(-0.89, -0.89), (0.89, -0.89), (0.89, 0.89), (-0.89, 0.89)])])
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
