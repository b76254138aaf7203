import ArgumentParser
import Foundation
import OTGenerative
import OTRender

/// `swiftot experiment bures-linear-sweep`: the grid of depths and taus, one shared target.
struct BuresLinearSweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bures-linear-sweep",
        abstract: "Time to converge and linear rate against depth, for several tau.",
        discussion: """
            Every run shares the target (same --seed). Writes report.md (a table), metrics.json and \
            sweep.svg (time to converge and empirical rate against depth, one line per tau) to --out.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var settings: BuresLinearOptions

    @Option(parsing: .upToNextOption, help: "Depths N.")
    var depths: [Int] = [1, 2, 5, 10, 20]

    @Option(parsing: .upToNextOption, help: "Perturbations tau (each < l_k).")
    var taus: [Double] = [0, 0.1, 0.5, 1]

    @Option(help: "Run folder.")
    var out = "runs/bures-linear-sweep"

    func run() throws {
        let grid = taus.flatMap { tau in depths.map { (depth: $0, tau: tau) } }
        for point in grid { try settings.configuration(depth: point.depth, tau: point.tau).validate() }
        let folder = try RunFolder(path: out)
        let bar = global.makeProgressBar(total: grid.count, label: "bures-linear-sweep")
        defer { bar.finish() }
        var rows = [BuresLinearSummary]()
        for (i, point) in grid.enumerated() {
            bar.update(completed: i, status: "N=\(point.depth) tau=\(point.tau)")
            let result = try BuresLinearExperiment.run(
                settings.configuration(depth: point.depth, tau: point.tau), seed: global.seed)
            rows.append(BuresLinearSummary(result))
        }
        bar.finish(status: "done")
        try folder.writeMetrics(rows)
        try figure(rows).write(to: folder.file("sweep.svg").path)
        try report(rows).write(to: folder.file("report.md").path)
        try global.printResult(rows) { table(rows) + "\nreport in \(folder.url.path)" }
    }

    private func figure(_ rows: [BuresLinearSummary]) -> Figure {
        var time = Plot(title: "Time to |L - L*| < \(settings.tolerance)",
                        x: PlotAxis(label: "depth N"), y: PlotAxis(label: "time", scale: .logarithmic))
        var rate = Plot(title: "Empirical rate -d ln|L - L*|/dt",
                        x: PlotAxis(label: "depth N"), y: PlotAxis(label: "rate", scale: .logarithmic))
        for tau in taus {
            let line = rows.filter { $0.tau == tau }
            let x = line.map { Double($0.depth) }
            time.add(PlotSeries(name: "tau = \(tau)", x: x, y: line.map { $0.timeToConverge ?? .nan },
                                style: .lineAndMarkers))
            rate.add(PlotSeries(name: "tau = \(tau)", x: x, y: line.map { $0.empiricalRate ?? .nan },
                                style: .lineAndMarkers))
        }
        return Figure(panels: [time, rate], title: "Bures-Wasserstein deep linear networks")
    }

    private static let header = ["N", "tau", "converged", "time", "rate", "predicted", "margin", "|L - L*|",
                                 "steps", "µs/step (wall)"]

    private func cells(_ r: BuresLinearSummary) -> [String] {
        let s = BuresLinearReport.short
        return [String(r.depth), s(r.tau), r.converged ? "yes" : "no", s(r.timeToConverge), s(r.empiricalRate),
                s(r.predictedRate), s(r.margin), s(r.gap), String(r.steps), s(r.microsecondsPerStep)]
    }

    private func report(_ rows: [BuresLinearSummary]) -> MarkdownReport {
        var report = MarkdownReport(title: "Bures-Wasserstein deep linear networks: depth and tau sweep")
        report.paragraph(
            "One target (seed \(global.seed), d = \(settings.dimension), smallest eigenvalue 1/d + "
                + "\(settings.minEigenvalue)), close balanced initialization, step size \(settings.learningRate), "
                + "horizon T = \(settings.maxTime). Time is steps x step size; "
                + "rates are natural-log rates per unit time.")
        report.table(header: Self.header, rows: rows.map(cells), alignments: Array(repeating: .right, count: 10))
        report.image("sweep.svg", alt: "time to converge and empirical rate against depth")
        return report
    }

    private func table(_ rows: [BuresLinearSummary]) -> String {
        ([Self.header] + rows.map(cells)).map { line in
            line.map { $0.padding(toLength: max(9, $0.count), withPad: " ", startingAt: 0) }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}
