import Foundation
import OTKernels
import OTRender
import Testing

/// Writes example pictures to `$TMPDIR/swiftot-render-examples/` for a person to look at, and
/// attaches two of them to the run (`swift test --attachments-path DIR` keeps them). Their content
/// is checked by the other suites; here only that they are written.
@Suite struct ExampleArtefactTests {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftot-render-examples")

    static func path(_ name: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    /// Two noisy exponential decays on a log axis.
    static func lossPlot() -> Plot {
        var rng = Xoshiro256(seed: 1)
        let train = (0..<300).map { 2.0 * exp(-Double($0) / 60) + 0.01 + 0.02 * rng.uniform(Double.self) }
        let valid = (0..<300).map { 2.5 * exp(-Double($0) / 80) + 0.03 + 0.02 * rng.uniform(Double.self) }
        var loss = Plot(
            title: "Training loss <Sinkhorn & MMD>", x: PlotAxis(label: "step"),
            y: PlotAxis(label: "loss", scale: .logarithmic))
        let steps = (0..<300).map { Double($0) }
        loss.add(.band("train ± 20%", x: steps, lower: train.map { $0 * 0.8 }, upper: train.map { $0 * 1.2 }))
        loss.add(.line("train", y: train))
        loss.add(.line("validation", y: valid))
        return loss
    }

    /// Two Gaussian clouds, equal aspect.
    static func cloudPlot() -> Plot {
        var rng = Xoshiro256(seed: 2)
        let source = Matrix<Double>.normal(rows: 200, columns: 2, using: &rng)
        var target = Matrix<Double>.normal(rows: 200, columns: 2, using: &rng)
        target.withUnsafeMutableBufferPointer { b in
            for i in stride(from: 0, to: b.count, by: 2) { b[i] = b[i] * 0.5 + 4 }
        }
        var clouds = Plot(title: "Source and target", x: PlotAxis(label: "x₁"), y: PlotAxis(label: "x₂"))
        clouds.equalAspect = true
        var s = PlotSeries.scatter("source", points: source)
        s.opacity = 0.7
        clouds.add(s)
        clouds.add(.scatter("target", points: target))
        return clouds
    }

    /// 100 Gaussian blobs of growing width, as 28 x 28 tiles.
    static let blobs = Matrix<Float>(rows: 100, columns: 784) { k, j in
        let (r, c) = (Float(j / 28) - 13.5, Float(j % 28) - 13.5)
        return exp(-(r * r + c * c) / Float(10 + 4 * k))
    }

    @Test func writesPlotsAndFigures() throws {
        let loss = Self.lossPlot()
        try loss.write(to: Self.path("loss.svg"))
        try Self.cloudPlot().write(to: Self.path("clouds.svg"))
        Attachment.record(loss.svg(), named: "loss.svg")

        var styles = Plot(title: "Series styles", x: PlotAxis(label: "x"), y: PlotAxis(label: "y"))
        for k in 0..<10 {
            let y = (0..<8).map { Double($0) * (1 + Double(k) * 0.2) }
            styles.add(
                PlotSeries(
                    name: "series \(k)", x: (0..<8).map { Double($0) }, y: y,
                    style: k < 5 ? .lineAndMarkers : .line))
        }
        var rng = Xoshiro256(seed: 3)
        let draws = (0..<2000).map { _ in rng.normal(Double.self) }
        var histogram = Plot(title: "Histogram", x: PlotAxis(label: "value"), y: PlotAxis(label: "density"))
        histogram.add(.histogram("2000 normal draws", values: draws, bins: 30, normalized: true))
        let grid = (0..<121).map { -3 + Double($0) * 0.05 }
        histogram.add(.line("N(0, 1)", x: grid, y: grid.map { exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() }))
        try Figure(panels: [loss, Self.cloudPlot(), styles, histogram], columns: 2, title: "Figure")
            .write(to: Self.path("figure.svg"))

        // Small panels with awkward tick labels: tiny steps, long labels, many decades.
        let ranges = [(-0.000153, 0.000151), (123_456.0001, 123_456.0011), (0.5, 3e5), (-2.0, 2.0)]
        let panels = ranges.enumerated().map { k, range in
            Plot(
                title: "panel \(k)", x: PlotAxis(label: "x", scale: k == 2 ? .logarithmic : .linear),
                y: PlotAxis(label: "y"),
                series: [
                    PlotSeries(
                        name: "a", x: [range.0, (range.0 + range.1) / 2, range.1], y: [1, 3, 2],
                        style: .lineAndMarkers)
                ],
                width: 260, height: 180)
        }
        try Figure(panels: panels, columns: 4).write(to: Self.path("small-panels.svg"))
        for name in ["loss.svg", "clouds.svg", "figure.svg", "small-panels.svg"] {
            #expect(FileManager.default.fileExists(atPath: try Self.path(name)))
        }
    }

    @Test func writesImages() throws {
        let grid = try ImageGrid(padding: 2, background: 40, scale: 2).render(Self.blobs)
        try grid.writePNG(to: Self.path("grid.png"))
        Attachment.record(try grid.pngEncoded(), named: "grid.png")
        let small = try ImageGrid(columns: 5, padding: 1, background: 255).render(
            Self.blobs.rows(0..<25), range: 0...0.5)
        try TitledImages([("data", small), ("samples <escaped & shown>", small)], scale: 2)
            .write(to: Self.path("titled.svg"))
        let plan = Matrix<Double>(rows: 60, columns: 80) { i, j in
            let d = Double(i) / 59 - Double(j) / 79
            return exp(-d * d / 0.005)
        }
        let potential = Matrix<Double>(rows: 60, columns: 60) { i, j in sin(Double(i) / 9) * cos(Double(j) / 7) }
        try TitledImages(
            [
                ("plan", Image(heatmap: plan, range: 0...1)),
                ("potential", Image(heatmap: potential, range: -1...1, colormap: .diverging)),
            ], scale: 4
        ).write(to: Self.path("heatmaps.svg"))
        for name in ["grid.png", "titled.svg", "heatmaps.svg"] {
            #expect(FileManager.default.fileExists(atPath: try Self.path(name)))
        }
    }

    @Test func writesReport() throws {
        var report = MarkdownReport(title: "Example run")
        report.paragraph("Pictures written by `ExampleArtefactTests`.")
        report.metrics([(name: "final train loss", value: 0.0416118), (name: "steps", value: 300)])
        report.image("loss.svg", alt: "loss")
        report.image("grid.png", alt: "samples")
        try report.write(to: Self.path("report.md"))
        #expect(FileManager.default.fileExists(atPath: try Self.path("report.md")))
    }
}
