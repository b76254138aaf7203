import Foundation
import OTGenerative
import OTKernels
import OTRender

extension SemiDiscreteToyExperiment {
    /// `--setup three-point`: trains ``ThreePointToy`` with `--lambda` for `steps` outer steps and
    /// writes `samples.svg` (generated samples and the targets), `metrics.json`, `config.json` and
    /// `report.md`.
    func runThreePoint(steps: Int) throws {
        let toy = try ThreePointToy(lambda: lambda, outerSteps: steps)
        let progress = global.makeProgressBar(total: 1, label: "semidiscrete-toy")
        defer { progress.finish() }
        var rng = global.makeGenerator()
        let result = try toy.run(using: &rng)
        progress.advance(status: String(format: "marginal error %.3g", result.marginalError))
        progress.finish()
        let summary = ThreePointToyMetrics(lambda: lambda, steps: steps, result: result)

        let folder = try RunFolder(path: out)
        try folder.writeConfig(SemiDiscreteToyConfig(setup: SemiDiscreteToySetup.threePoint.rawValue, lambda: lambda,
                                                     steps: steps, seed: global.seed))
        let shown = Matrix(rows: min(result.samples.rows, 1000), columns: 2,
                           elements: Array(result.samples.elements.prefix(2000)))
        var plot = Plot(
            title: "Three-point toy, lambda = \(lambda), \(steps) steps", x: PlotAxis(label: "x_1"),
            y: PlotAxis(label: "x_2"),
            series: [.scatter("generated", points: shown), .scatter("targets", points: ThreePointToy.targets)])
        plot.equalAspect = true
        try Figure(panels: [plot]).write(to: folder.file("samples.svg").path)
        try folder.writeMetrics(summary)
        var report = MarkdownReport(title: "Semi-discrete three-point toy (lambda \(lambda))")
        report.paragraph(
            "MLP 1 -> \(toy.hiddenWidth) -> 2 on z ~ U[-1, 1], \(steps) outer steps of \(toy.psiSteps) psi steps "
                + "(step \(toy.psiStepSize)) and one Adam step (lr \(toy.learningRate)), batch \(toy.batchSize), "
                + "cost ||x - y||^2. Measured on \(result.samples.rows) generated samples: the fraction nearest to "
                + "each target (Voronoi cells) and the target marginal of the entropic plan under the trained psi.")
        report.table(
            header: ["target", "nearest-target fraction", "plan mass"],
            rows: (0..<3).map { j in
                ["(\(MarkdownReport.number(ThreePointToy.targets[j, 0], significantDigits: 4)), "
                    + "\(MarkdownReport.number(ThreePointToy.targets[j, 1], significantDigits: 4)))",
                 String(format: "%.4f", result.cellMass[j]), String(format: "%.4f", result.planMass[j])]
            })
        report.metrics([("max |cell mass - 1/3|", result.cellMassError), ("plan marginal error", result.marginalError)])
        report.image("samples.svg", alt: "generated samples and targets")
        try report.write(to: folder.file("report.md").path)
        try global.printResult(summary) {
            "three-point toy, lambda \(lambda), \(steps) steps: nearest-target fractions "
                + result.cellMass.map { String(format: "%.3f", $0) }.joined(separator: ", ") + "; plan mass "
                + result.planMass.map { String(format: "%.3f", $0) }.joined(separator: ", ")
                + "\noutputs in \(folder.url.path)"
        }
    }
}

/// `metrics.json` and `--json` of the three-point toy.
struct ThreePointToyMetrics: Encodable {
    var setup = SemiDiscreteToySetup.threePoint.rawValue
    var lambda: Double
    var steps: Int
    /// The fraction of generated samples nearest to each target.
    var cellMass: [Double]
    /// The entropic plan's target marginal under the trained psi.
    var planMass: [Double]
    var cellMassError: Double
    var marginalError: Double
    var finalSemiDual: Double

    init(lambda: Double, steps: Int, result: ThreePointToyResult) {
        self.lambda = lambda
        self.steps = steps
        cellMass = result.cellMass
        planMass = result.planMass
        cellMassError = result.cellMassError
        marginalError = result.marginalError
        finalSemiDual = result.history.last?.semiDual ?? .nan
    }
}
