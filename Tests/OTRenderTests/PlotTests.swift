import Foundation
import OTKernels
import OTRender
import Testing

@Suite struct PlotTests {
    @Test func svgIsWellFormedAndDrawsEveryPoint() throws {
        var plot = Plot(title: "t", x: PlotAxis(label: "x"), y: PlotAxis(label: "y"))
        plot.add(.scatter("cloud", x: [0, 1, 2, 3, 4.5], y: [1, -2, 3, 0.5, 2]))
        plot.add(.line("curve", x: [0, 1, 2], y: [0, 1, 4]))
        plot.add(PlotSeries(name: "both", x: [1, 2, 3], y: [1, 1, 1], style: .lineAndMarkers))
        let svg = try ParsedSVG(plot.svg())
        #expect(svg.elements.first?.name == "svg")
        // 5 scatter markers + 3 markers of the third series; lines for series 2 and 3 only.
        #expect(svg.elements(withClass: "marker", inside: "series").count == 8)
        #expect(svg.elements(withClass: "line", inside: "series").count == 2)
        #expect(svg.elements(withClass: "series").count == 3)
        // The legend lists the three names, in order.
        #expect(svg.elements(withClass: "legend-label").map(\.text) == ["cloud", "curve", "both"])
        #expect(svg.elements(withClass: "title").map(\.text) == ["t"])
        #expect(svg.elements(withClass: "axis-label").map(\.text) == ["x", "y"])
        // Distinct default colors.
        let fills = svg.elements(withClass: "markers").compactMap { $0.attributes["fill"] }
        let strokes = svg.elements(withClass: "line").compactMap { $0.attributes["stroke"] }
        #expect(Set(fills + strokes).count == 3)
    }

    @Test func pointsLandWhereTheTicksSay() throws {
        var plot = Plot()
        plot.add(.scatter("", x: [0, 10], y: [0, 100]))
        let svg = try ParsedSVG(plot.svg())
        let xTicks = svg.elements(withClass: "tick-label").filter { $0.classes.contains("x") }
        let yTicks = svg.elements(withClass: "tick-label").filter { $0.classes.contains("y") }
        // Nice covering ticks: 0, 2, ..., 10 and 0, 20, ..., 100.
        #expect(xTicks.map(\.text) == ["0", "2", "4", "6", "8", "10"])
        #expect(yTicks.map(\.text) == ["0", "20", "40", "60", "80", "100"])
        let markers = svg.elements(withClass: "marker", inside: "series")
        // The point (0, 0) sits under the first x label and beside the first y label; (10, 100) at the last.
        // 0.01 px: coordinates are printed to hundredths; the y label baseline is 0.35 em below its tick.
        #expect(abs(markers[0].number("cx")! - xTicks[0].number("x")!) < 0.011)
        #expect(abs(markers[1].number("cx")! - xTicks[5].number("x")!) < 0.011)
        #expect(abs(markers[0].number("cy")! + 0.35 * 11 - yTicks[0].number("y")!) < 0.011)
        #expect(abs(markers[1].number("cy")! + 0.35 * 11 - yTicks[5].number("y")!) < 0.011)
        // No names: no legend.
        #expect(svg.elements(withClass: "legend").isEmpty)
    }

    @Test func logScaleSpacesDecadesEvenly() throws {
        var plot = Plot(y: PlotAxis(scale: .logarithmic))
        // 10^0.5 must land halfway between 1 and 10; 0 and -1 cannot be shown and are skipped.
        plot.add(.scatter("", x: [0, 1, 2, 3, 4, 5, 6], y: [1, 10, 100, 1000, 10.0.squareRoot(), 0, -1]))
        let svg = try ParsedSVG(plot.svg())
        let ticks = svg.elements(withClass: "tick").filter { $0.classes.contains("y") }.map { $0.number("y1")! }
        #expect(ticks.count == 4)
        let gaps = zip(ticks, ticks.dropFirst()).map { $0 - $1 }
        // Printed to hundredths, so equal gaps agree to 0.02 px.
        #expect(gaps.allSatisfy { abs($0 - gaps[0]) < 0.02 } && gaps[0] > 0)
        let cy = svg.elements(withClass: "marker", inside: "series").map { $0.number("cy")! }
        #expect(cy.count == 5)
        #expect(abs(cy[4] - (cy[0] + cy[1]) / 2) < 0.02)
        #expect(zip(cy[0..<4], ticks).allSatisfy { abs($0 - $1) < 0.011 })
        #expect(
            svg.elements(withClass: "tick-label").filter { $0.classes.contains("y") }.map(\.text) == [
                "1", "10", "100", "1000",
            ])
    }

    /// Small plots, tiny steps, and labels ("123456.0002") wider than the default tick spacing.
    @Test(arguments: [160.0, 240, 400, 900], [(-0.000153, 0.000151), (123_456.0001, 123_456.0011)])
    func tickLabelsDoNotOverlap(width: Double, xRange: (Double, Double)) throws {
        var plot = Plot(width: width, height: width * 0.6)
        plot.add(.line("", x: [xRange.0, xRange.1], y: [123_456, 987_654]))
        let labels = try ParsedSVG(plot.svg()).elements(withClass: "tick-label")
        let xs = labels.filter { $0.classes.contains("x") }
        let ys = labels.filter { $0.classes.contains("y") }
        #expect(xs.count >= 2 && ys.count >= 2)
        // Centered x labels: neighbours at least half their estimated widths apart (the estimate is
        // the layout's own; 8 px is the gap it promises, so 7.9 allows the 0.01 px printing).
        for (a, b) in zip(xs, xs.dropFirst()) {
            let room = (SVGText.estimatedWidth(a.text, fontSize: 11) + SVGText.estimatedWidth(b.text, fontSize: 11)) / 2
            #expect(b.number("x")! - a.number("x")! >= room + 7.9)
        }
        // y labels: at least one 11 px line apart.
        for (a, b) in zip(ys, ys.dropFirst()) { #expect(a.number("y")! - b.number("y")! >= 11) }
    }

    @Test func bandsFillBetweenTheirEdgesAndWidenTheAxis() throws {
        var plot = Plot()
        plot.add(.band("± std", x: [0, 1, 2, 3, 4], lower: [-5, 0, .nan, 1, 1], upper: [1, 2, 3, 4, 5]))
        plot.add(.line("mean", x: [0, 1, 2, 3, 4], y: [0, 1, 2, 3, 3]))
        let svg = try ParsedSVG(plot.svg())
        let band = try #require(svg.elements(withClass: "band", inside: "series").first)
        // The NaN splits the band into two closed outlines: (0, 1) with 2 + 2 vertices, (3, 4) likewise.
        let d = try #require(band.attributes["d"])
        #expect(
            d.filter { $0 == "M" }.count == 2 && d.filter { $0 == "Z" }.count == 2 && d.filter { $0 == "L" }.count == 6)
        // The lower edge's -5 widens the y axis: the covering ticks reach down to -5 (and up to 5).
        let yLabels = svg.elements(withClass: "tick-label").filter { $0.classes.contains("y") }.compactMap {
            Double($0.text)
        }
        #expect(yLabels.min()! <= -5 && yLabels.max()! >= 5)
        #expect(svg.elements(withClass: "legend-label").map(\.text) == ["± std", "mean"])
        // The band takes the color of the line it surrounds.
        #expect(
            band.attributes["fill"] == svg.elements(withClass: "line", inside: "series").first?.attributes["stroke"])
    }

    @Test func histogramCountsEachValueOnce() {
        // Edges 0, 0.5, 1: 0 and 0.1 in bin 0; 0.5, 0.9 and 1 (the closed right end) in bin 1; 2 and
        // NaN are not counted.
        let h = PlotSeries.histogram("h", values: [0, 0.1, 0.5, 0.9, 1, 2, .nan], bins: 2, range: 0...1)
        #expect(h.style == .band)
        #expect(h.x == [0, 0.5, 0.5, 1] && h.y == [2, 2, 3, 3] && h.lower == [0, 0, 0, 0])
        let density = PlotSeries.histogram("d", values: [0.0, 0.25, 0.75, 1], bins: 2, normalized: true)
        // Default range 0 ... 1 from the data; each bin holds 2 of 4 values: 2 / (4 * 0.5) = 1.
        #expect(density.y == [1, 1, 1, 1])
    }

    @Test func emptyAndUnplaceableDataStillGiveAxes() throws {
        // No series: default 0 ... 1 axes. Only non-positive values on log axes: default 1 ... 10.
        let empty = try ParsedSVG(Plot(title: "nothing").svg())
        #expect(empty.elements(withClass: "tick-label").filter { $0.classes.contains("x") }.first?.text == "0")
        #expect(empty.elements(withClass: "legend").isEmpty && empty.elements(withClass: "series").isEmpty)
        var logPlot = Plot(x: PlotAxis(scale: .logarithmic), y: PlotAxis(scale: .logarithmic))
        logPlot.add(.scatter("bad", x: [0, -1, .nan], y: [1, 2, 3]))
        let svg = try ParsedSVG(logPlot.svg())
        #expect(svg.elements(withClass: "tick-label").filter { $0.classes.contains("y") }.map(\.text) == ["1", "10"])
        #expect(svg.elements(withClass: "marker", inside: "series").isEmpty)
    }

    @Test func linesBreakAtMissingValues() throws {
        var plot = Plot()
        plot.add(.line("gappy", x: [0, 1, 2, 3, 4, 5], y: [1, 2, .nan, 3, .infinity, 4]))
        let svg = try ParsedSVG(plot.svg())
        let d = try #require(svg.elements(withClass: "line", inside: "series").first?.attributes["d"])
        // Three runs: (0,1)-(1,2), (3,3) alone, (5,4) alone.
        #expect(d.filter { $0 == "M" }.count == 3 && d.filter { $0 == "L" }.count == 1)
    }

    @Test func longLinesAreThinnedPerPixelColumnKeepingTheirExtent() throws {
        let n = 20_000
        let y = (0..<n).map { sin(Double($0) * 0.37) * (1 + Double($0 % 7)) }
        func vertices(_ plot: Plot) throws -> [(x: Double, y: Double)] {
            let d = try #require(
                try ParsedSVG(plot.svg()).elements(withClass: "line", inside: "series").first?.attributes["d"])
            return d.split(whereSeparator: { $0 == "M" || $0 == "L" }).map { pair in
                let xy = pair.split(separator: ",").map { Double($0)! }
                return (x: xy[0], y: xy[1])
            }
        }
        let thinned = try vertices(Plot(series: [.line("", y: y)], width: 400, height: 300))
        // At most four vertices per pixel column of a < 400 px wide plot area.
        #expect(thinned.count <= 4 * 400 && thinned.count > 400)
        // Same extent as the unthinned line: a two-point line through the first point, the minimum and
        // the maximum has the same data bounds, hence the same axes; its pixels must reappear exactly.
        let iMin = y.indices.min { y[$0] < y[$1] }!
        let iMax = y.indices.max { y[$0] < y[$1] }!
        let reference = try vertices(
            Plot(
                series: [
                    .line(
                        "", x: [0, Double(iMin), Double(iMax), Double(n - 1)],
                        y: [y[0], y[iMin], y[iMax], y[n - 1]])
                ], width: 400, height: 300))
        #expect(reference.count == 4)
        for point in reference { #expect(thinned.contains { $0.x == point.x && $0.y == point.y }) }
    }

    @Test func textIsEscaped() throws {
        let nasty = "a < b & c > \"d\" 'e'\u{1}"
        var plot = Plot(title: nasty, x: PlotAxis(label: nasty), y: PlotAxis(label: "<y>"))
        plot.add(.line(nasty, y: [1, 2]))
        let raw = plot.svg()
        #expect(raw.contains("a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;\u{FFFD}"))
        let svg = try ParsedSVG(raw)
        // The parser gives the text back, the forbidden control character replaced.
        #expect(svg.elements(withClass: "title").first?.text == "a < b & c > \"d\" 'e'\u{FFFD}")
        #expect(svg.elements(withClass: "legend-label").first?.text == "a < b & c > \"d\" 'e'\u{FFFD}")
        #expect(svg.elements(withClass: "axis-label").last?.text == "<y>")
    }

    @Test func automaticLegendAvoidsTheData() throws {
        // Points crowd the top right; the legend must go to a corner that covers none of them.
        var plot = Plot()
        let xs = (0..<50).map { 8 + Double($0 % 10) * 0.2 }
        let ys = (0..<50).map { 8 + Double($0 / 10) * 0.4 }
        plot.add(.scatter("crowd", x: xs + [0], y: ys + [0]))
        let svg = try ParsedSVG(plot.svg())
        let box = try #require(svg.elements(withClass: "legend-box").first)
        let (bx, by, bw, bh) = (box.number("x")!, box.number("y")!, box.number("width")!, box.number("height")!)
        for m in svg.elements(withClass: "marker", inside: "series") {
            let (cx, cy) = (m.number("cx")!, m.number("cy")!)
            #expect(!(cx >= bx && cx <= bx + bw && cy >= by && cy <= by + bh))
        }
        var hidden = plot
        hidden.legend = .hidden
        #expect(try ParsedSVG(hidden.svg()).elements(withClass: "legend").isEmpty)
    }

    @Test func equalAspectGivesOneUnitOneLength() throws {
        var plot = Plot(width: 500, height: 300)
        plot.equalAspect = true
        plot.add(.scatter("", x: [0, 1, 0], y: [0, 0, 1]))
        let markers = try ParsedSVG(plot.svg()).elements(withClass: "marker", inside: "series")
        let dx = markers[1].number("cx")! - markers[0].number("cx")!
        let dy = markers[0].number("cy")! - markers[2].number("cy")!
        // Unit steps along x and y have the same pixel length (coordinates printed to 0.01 px).
        #expect(dx > 50 && abs(dx - dy) < 0.03)
    }

    @Test func figurePlacesPanelsWithDistinctClipPaths() throws {
        var a = Plot(title: "a")
        var b = Plot(title: "b", width: 300, height: 200)
        a.add(.line("", y: [1, 2, 3]))
        b.add(.line("", y: [3, 2, 1]))
        let figure = Figure(panels: [a, b], title: "both")
        let svg = try ParsedSVG(figure.svg())
        let root = try #require(svg.elements.first)
        // Cells as large as the largest panel, side by side, plus a 30 px title band.
        #expect(root.number("width") == 1280 && root.number("height") == 430)
        let clips = svg.elements.filter { $0.name == "clipPath" }.compactMap { $0.attributes["id"] }
        #expect(clips.count == 2 && Set(clips).count == 2)
        #expect(
            svg.elements(withClass: "panel").map { $0.attributes["transform"] } == [
                "translate(0,30)", "translate(640,30)",
            ])
        #expect(svg.elements(withClass: "figure-title").first?.text == "both")
    }

    @Test func coordinatesPrintToHundredths() {
        #expect(SVGText.number(12.5) == "12.5")
        #expect(SVGText.number(-3) == "-3")
        #expect(SVGText.number(0.07) == "0.07")
        #expect(SVGText.number(-0.004) == "0")
        #expect(SVGText.number(1.005001) == "1.01")
        #expect(SVGText.number(.nan) == "0")
    }

    @Test func writesTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("otrender-plot-\(getpid()).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var plot = Plot()
        plot.add(.line("l", y: [1, 2]))
        try plot.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == plot.svg())
        #expect(throws: FileWriteError.self) { try plot.write(to: "/nonexistent-dir-otrender/p.svg") }
    }
}
