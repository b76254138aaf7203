import Foundation
import OTKernels
import OTRender
import Testing

/// Writes example pictures to `$TMPDIR/swiftot-render-examples/` for a person to look at (they are
/// checked for well-formedness elsewhere; here only that they are written).
@Suite struct ExampleArtefactTests {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftot-render-examples")

    @Test func writesExamplePlotsGridAndReport() throws {
        try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { Self.directory.appendingPathComponent(name).path }
        var rng = Xoshiro256(seed: 1)

        // A loss curve on a log axis: two noisy exponential decays.
        let steps = 300
        let train = (0..<steps).map { 2.0 * exp(-Double($0) / 60) + 0.01 + 0.02 * rng.uniform(Double.self) }
        let valid = (0..<steps).map { 2.5 * exp(-Double($0) / 80) + 0.03 + 0.02 * rng.uniform(Double.self) }
        var loss = Plot(
            title: "Training loss <Sinkhorn & MMD>", x: PlotAxis(label: "step"),
            y: PlotAxis(label: "loss", scale: .logarithmic))
        loss.add(.line("train", y: train))
        loss.add(.line("validation", y: valid))
        try loss.write(to: path("loss.svg"))

        // Two point clouds and their barycentric map, equal aspect.
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
        try clouds.write(to: path("clouds.svg"))

        var markers = Plot(title: "Series styles", x: PlotAxis(label: "x"), y: PlotAxis(label: "y"))
        for k in 0..<10 {
            markers.add(
                PlotSeries(
                    name: "series \(k)", x: (0..<8).map { Double($0) },
                    y: (0..<8).map { Double($0) * (1 + Double(k) * 0.2) }, style: k < 5 ? .lineAndMarkers : .line))
        }
        try Figure(panels: [loss, clouds, markers], columns: 2, title: "Figure").write(to: path("figure.svg"))

        var panels = [Plot]()
        for (k, range) in [(-0.000153, 0.000151), (123_456.0001, 123_456.0011), (0.5, 3e5), (-2.0, 2.0)].enumerated() {
            var p = Plot(
                title: "panel \(k)", x: PlotAxis(label: "x", scale: k == 2 ? .logarithmic : .linear),
                y: PlotAxis(label: "y"), width: 260, height: 180)
            p.add(
                PlotSeries(
                    name: "a", x: [range.0, (range.0 + range.1) / 2, range.1], y: [1, 3, 2], style: .lineAndMarkers))
            panels.append(p)
        }
        try Figure(panels: panels, columns: 4).write(to: path("small-panels.svg"))

        let samples = Matrix<Float>(rows: 100, columns: 784) { k, j in
            let (r, c) = (Float(j / 28) - 13.5, Float(j % 28) - 13.5)
            return exp(-(r * r + c * c) / Float(10 + 4 * k))
        }
        let grid = try ImageGrid(padding: 2, background: 40, scale: 2).render(samples)
        try grid.writePNG(to: path("grid.png"))
        let small = try ImageGrid(columns: 5, padding: 1, background: 255).render(samples.rows(0..<25), range: 0...0.5)
        try TitledImages([("data", small), ("samples <escaped & shown>", small)], scale: 2).write(
            to: path("titled.svg"))
        let plan = Matrix<Double>(rows: 60, columns: 80) { i, j in
            let d = Double(i) / 59 - Double(j) / 79
            return exp(-d * d / 0.005)
        }
        let potential = Matrix<Double>(rows: 60, columns: 60) { i, j in sin(Double(i) / 9) * cos(Double(j) / 7) }
        try TitledImages([
            ("plan", Image(heatmap: plan, range: 0...1)),
            ("potential", Image(heatmap: potential, range: -1...1, colormap: .diverging)),
        ], scale: 4).write(to: path("heatmaps.svg"))

        var report = MarkdownReport(title: "Example run")
        report.paragraph("Pictures written by `ExampleArtefactTests`.")
        report.metrics([(name: "final train loss", value: train.last!), (name: "steps", value: Double(steps))])
        report.image("loss.svg", alt: "loss")
        report.image("grid.png", alt: "samples")
        try report.write(to: path("report.md"))
        for name in ["loss.svg", "clouds.svg", "figure.svg", "grid.png", "titled.svg", "heatmaps.svg", "report.md"] {
            #expect(FileManager.default.fileExists(atPath: path(name)))
        }
        print("ExampleArtefactTests: wrote examples to \(Self.directory.path)")
    }
}
