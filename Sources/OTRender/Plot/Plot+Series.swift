extension Plot {
    /// The color, dash pattern and marker of series `index`: its own, or the palette's and the
    /// marker list's in turn; palette colors are dashed once the palette has been used up.
    func appearance(of s: PlotSeries, index: Int) -> (color: String, dash: String, marker: PlotMarker) {
        let palette = PlotColor.palette
        let color = (s.color ?? palette[index % palette.count]).hex
        let dash = s.color == nil && index >= palette.count ? "6 3" : ""
        return (color, dash, s.marker ?? PlotMarker.allCases[index % PlotMarker.allCases.count])
    }

    /// Draws one series, clipped to the plot area: its polyline (see ``polylineRuns(_:xMap:yMap:)``)
    /// and a marker at each point inside both domains.
    func drawSeries(_ s: PlotSeries, index: Int, xMap: AxisMap, yMap: AxisMap, clip: String, into w: inout SVGWriter) {
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
