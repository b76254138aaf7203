import ArgumentParser
import Foundation
import OTGenerative
import OTKernels
import OTRender

/// `swiftot experiment semidiscrete-toy`: the translation generator `g_θ(z) = z − θ` trained with
/// semi-discrete OT (``TranslationToy``) for `λ = 0` and the given `λ`, same seed, trajectories of θ
/// side by side; or (`--setup three-point`) the authors' three-point MLP toy (``ThreePointToy``).
struct SemiDiscreteToyExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semidiscrete-toy",
        abstract: "Semi-discrete OT toys: translation theta trajectories (lambda = 0 vs lambda), or the three-point MLP.",
        discussion: """
            The generator translates the latent samples by -theta; the optimum is theta* = mean(latent) - \
            mean(targets) for every lambda. Setups: segment (latent U({0} x [0,1]), targets (-1,0), (1,0): \
            lambda = 0 oscillates around the Laguerre boundary), square (U([0,1]^2), targets (0,0), (1,0)), \
            triangle (U([-1,1]^2), the authors' three targets). Writes trajectory.svg, metrics.json, \
            config.json and report.md to --out. The three-point setup trains the authors' MLP 1 -> 8 -> 2 \
            on z ~ U[-1,1] against (0,0.3), (0,0.7), (1/sqrt2,0.5) (plain squared distance, 10 psi steps \
            per generator step, batch 200; default 5000 steps) and writes samples.svg (generated samples \
            and targets) and the mass each target gets.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Entropic regularization lambda > 0 of the regularized run (the other translation run uses 0).")
    var lambda = 0.1

    @Option(help: "Outer steps (psi restart + one generator step each; default 400, three-point 5000).")
    var steps: Int?

    @Option(help: "segment, square, triangle (translation generator) or three-point (MLP generator).")
    var setup: SemiDiscreteToySetup = .segment

    @Option(help: "Run folder.")
    var out = "runs/semidiscrete-toy"

    init() {}

    func validate() throws {
        guard lambda.isFinite, lambda >= 0 else { throw ValidationError("--lambda must be a number >= 0, got \(lambda)") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
    }

    func run() throws {
        guard let setup = setup.translation else { return try runThreePoint(steps: steps ?? 5000) }
        let steps = steps ?? 400
        let progress = global.makeProgressBar(total: 2, label: "semidiscrete-toy")
        var runs = [SemiDiscreteToyRun]()
        for value in [0, lambda] {
            var rng = global.makeGenerator()
            let result = try TranslationToy(setup: setup, lambda: value, outerSteps: steps).run(using: &rng)
            runs.append(SemiDiscreteToyRun(lambda: value, result: result))
            progress.advance(status: "lambda \(value): distance \(MarkdownReport.number(result.distance, significantDigits: 3))")
        }
        progress.finish()
        let regularized = runs[1]
        let summary = SemiDiscreteToyMetrics(
            setup: setup.rawValue, lambda: lambda, steps: steps, finalTheta: regularized.finalTheta,
            targetTheta: regularized.targetTheta, distance: regularized.distance,
            oscillation: regularized.oscillation, converged: regularized.converged, unregularized: runs[0])

        let folder = try RunFolder(path: out)
        try folder.writeConfig(SemiDiscreteToyConfig(setup: setup.rawValue, lambda: lambda, steps: steps, seed: global.seed))
        try Figure(panels: runs.map { Self.trajectoryPlot($0, setup: setup) }, columns: 2,
                   title: "Translation toy (\(setup.rawValue)): theta trajectories")
            .write(to: folder.file("trajectory.svg").path)
        try folder.writeMetrics(summary)
        var report = MarkdownReport(title: "Semi-discrete translation toy (\(setup.rawValue))")
        report.paragraph("g_theta(z) = z - theta, \(steps) outer steps; theta* = \(regularized.targetTheta).")
        report.table(
            header: ["lambda", "final theta", "distance to theta*", "oscillation", "converged"],
            rows: runs.map { r in
                [MarkdownReport.number(r.lambda), r.finalTheta.map { MarkdownReport.number($0, significantDigits: 4) }
                    .joined(separator: ", "),
                 MarkdownReport.number(r.distance, significantDigits: 3),
                 MarkdownReport.number(r.oscillation, significantDigits: 3), r.converged ? "yes" : "no"]
            })
        report.image("trajectory.svg", alt: "theta trajectories")
        try report.write(to: folder.file("report.md").path)
        try global.printResult(summary) {
            runs.map { r in
                "lambda \(r.lambda): final theta \(r.finalTheta), distance to theta* \(r.targetTheta) "
                    + "\(MarkdownReport.number(r.distance, significantDigits: 3)), "
                    + (r.converged ? "converged" : "not converged")
            }.joined(separator: "\n") + "\noutputs in \(folder.url.path)"
        }
    }

    /// θ's path, its start and θ*, with equal axis scales.
    static func trajectoryPlot(_ run: SemiDiscreteToyRun, setup: TranslationToySetup) -> Plot {
        var plot = Plot(
            title: "lambda = \(run.lambda)" + (run.converged ? " (converged)" : " (not converged)"),
            x: PlotAxis(label: "theta_1"), y: PlotAxis(label: "theta_2"),
            series: [
                .line("theta", x: run.trajectory.map { $0[0] }, y: run.trajectory.map { $0[1] }),
                .scatter("start", x: [run.trajectory[0][0]], y: [run.trajectory[0][1]]),
                .scatter("theta*", x: [run.targetTheta[0]], y: [run.targetTheta[1]]),
            ])
        plot.equalAspect = true
        return plot
    }
}

/// The `--setup` of `experiment semidiscrete-toy`: a translation setup or the three-point MLP toy.
enum SemiDiscreteToySetup: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// ``TranslationToySetup/segment``.
    case segment
    /// ``TranslationToySetup/square``.
    case square
    /// ``TranslationToySetup/triangle``.
    case triangle
    /// ``ThreePointToy``: the authors' MLP `1 → 8 → 2` against three points.
    case threePoint = "three-point"

    /// The translation toy's setup (`nil` for the three-point MLP toy).
    var translation: TranslationToySetup? { TranslationToySetup(rawValue: rawValue) }
}

/// One toy run in the JSON output.
struct SemiDiscreteToyRun: Encodable {
    var lambda: Double
    var finalTheta: [Double]
    var targetTheta: [Double]
    var distance: Double
    var oscillation: Double
    var converged: Bool
    var trajectory: [[Double]]

    init(lambda: Double, result: TranslationToyResult) {
        self.lambda = lambda
        finalTheta = result.finalTheta
        targetTheta = result.targetTheta
        distance = result.distance
        oscillation = result.oscillation
        converged = result.converged
        trajectory = result.trajectory
    }
}

/// `metrics.json` and `--json` of the toy: the regularized run's summary at the top level, the
/// `λ = 0` run under `unregularized`.
struct SemiDiscreteToyMetrics: Encodable {
    var setup: String
    var lambda: Double
    var steps: Int
    var finalTheta: [Double]
    var targetTheta: [Double]
    var distance: Double
    var oscillation: Double
    var converged: Bool
    var unregularized: SemiDiscreteToyRun
}

/// `config.json` of the toy.
struct SemiDiscreteToyConfig: Encodable {
    var setup: String
    var lambda: Double
    var steps: Int
    var seed: UInt64
}
