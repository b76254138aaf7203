import ArgumentParser
import OTKernels

/// `swiftot ot`: optimal transport between two point clouds read from NPY or CSV files.
///
/// The command reads the files, calls one library solver, prints its report (``OTReport``) and
/// writes the plan and potentials on request; it computes nothing itself.
struct OTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ot",
        abstract: "Optimal transport between two point clouds read from .npy or .csv files.",
        discussion: """
            Points are one per row (a 2-D .npy array or a CSV table, optional header line); weights \
            are one per point (a 1-D .npy array or a one-column CSV) and default to uniform. The \
            ground cost is |x - y|^p (squared Euclidean for the default p = 2, no 1/2 factor).

            Methods: sinkhorn (log-domain Sinkhorn; cost = <C, P> of the entropic plan, \
            regularizedCost = <C, P> + epsilon KL(P | a b^T), plus the marginal penalties with \
            --unbalanced); divergence (the debiased Sinkhorn divergence S_eps = OT(a,b) - OT(a,a)/2 \
            - OT(b,b)/2: cost and regularizedCost are both S_eps, iterations adds up its three solves, \
            marginalError is their largest, converged means all three converged); exact (network \
            simplex, always in Double; cost = W_p^p); sliced (sliced Wasserstein over --projections \
            random directions drawn with --seed; cost = SW_p^p). The entropic methods take p = 1 or 2.

            --json prints one object with the keys method, precision, sourceCount, targetCount, \
            dimension, p, projections, cost, regularizedCost, epsilon (the absolute value used), \
            iterations (simplex pivots for exact), marginalError, converged and solveSeconds (solver \
            time including the cost matrix, files excluded). Unregularized methods report epsilon 0 \
            and regularizedCost = cost; sliced, which has no iterative solver and no plan, reports \
            iterations, marginalError and converged as null; projections is null except for sliced.

            --plan writes the dense n x m plan as .npy; --potentials PREFIX writes PREFIX-f.npy \
            and PREFIX-g.npy (sinkhorn and exact). Files are replaced atomically and only after a \
            successful solve.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Source points: .npy or .csv, one point per row.")
    var source: String

    @Option(help: "Target points: .npy or .csv, one point per row.")
    var target: String

    @Option(help: "Source weights, one per point (.npy vector or one-column .csv); default uniform.")
    var sourceWeights: String?

    @Option(help: "Target weights, one per point (.npy vector or one-column .csv); default uniform.")
    var targetWeights: String?

    @Option(help: "The solver (see the methods above).")
    var method: OTMethod

    @Option(help: "float or double (default double; exact always solves in double).")
    var precision: OTPrecision?

    @Option(name: .customLong("p"), help: "Order p >= 1 of the ground cost |x - y|^p (default 2).")
    var order: Double?

    @Option(help: "Number of random directions of the sliced method (default 50).")
    var projections: Int?

    @Option(help: "Entropic regularization epsilon > 0 (default \(OTCommand.defaultEpsilon)), absolute unless --relative-epsilon.")
    var epsilon: Double?

    @Flag(help: "Read --epsilon as a multiple of the mean cost.")
    var relativeEpsilon = false

    @Option(help: "Sinkhorn stops when the marginal error is at most this (default: the solver's, 1e-5).")
    var tolerance: Double?

    @Option(help: "Iteration limit (simplex pivots for exact; default: the solver's).")
    var maxIterations: Int?

    @Flag(help: "Run exactly --max-iterations Sinkhorn iterations without checking convergence.")
    var fixedIterations = false

    @Option(help: "Relax both marginals of the entropic methods with a KL penalty of this weight tau > 0.")
    var unbalanced: Double?

    @Option(help: "Write the dense plan (n x m) to this .npy file.")
    var plan: String?

    @Option(help: "Write the potentials to PREFIX-f.npy and PREFIX-g.npy.")
    var potentials: String?

    init() {}

    func validate() throws {
        if let order, !(order.isFinite && order >= 1) {
            throw ValidationError("--p must be a finite order >= 1, got \(order)")
        }
        if let projections {
            guard method == .sliced else { throw ValidationError("--projections applies only to --method sliced") }
            guard projections >= 1 else { throw ValidationError("--projections must be at least 1, got \(projections)") }
        }
        if let maxIterations {
            guard method != .sliced else { throw ValidationError("--max-iterations does not apply to --method sliced") }
            guard maxIterations >= 1 else {
                throw ValidationError("--max-iterations must be at least 1, got \(maxIterations)")
            }
        }
        try validateEntropicOptions()
        if method == .exact, precision == .float {
            throw ValidationError("--method exact solves in double; --precision float is not available for it")
        }
        if plan != nil || potentials != nil, !method.hasPlan {
            throw ValidationError("--plan and --potentials need a method with a plan, not \(method.rawValue)")
        }
        if let plan, !plan.lowercased().hasSuffix(".npy") {
            throw ValidationError("--plan must name a .npy file, got \(plan)")
        }
        if potentials == "" { throw ValidationError("--potentials must be a non-empty path prefix") }
    }

    /// Throws unless the entropic options are given only to entropic methods, with valid values.
    func validateEntropicOptions() throws {
        guard method.isEntropic else {
            let given = [
                ("--epsilon", epsilon != nil), ("--relative-epsilon", relativeEpsilon), ("--tolerance", tolerance != nil),
                ("--fixed-iterations", fixedIterations), ("--unbalanced", unbalanced != nil),
            ].filter(\.1).map(\.0)
            if let first = given.first {
                throw ValidationError("\(first) applies only to --method sinkhorn or divergence")
            }
            return
        }
        if let epsilon, !(epsilon.isFinite && epsilon > 0) {
            throw ValidationError("--epsilon must be a finite number > 0, got \(epsilon)")
        }
        if let tolerance, !(tolerance.isFinite && tolerance > 0) {
            throw ValidationError("--tolerance must be a finite number > 0, got \(tolerance)")
        }
        if let unbalanced, !(unbalanced.isFinite && unbalanced > 0) {
            throw ValidationError("--unbalanced must be a finite tau > 0, got \(unbalanced)")
        }
        if let order, order != 1, order != 2 {
            throw ValidationError("--p must be 1 or 2 for --method \(method.rawValue), got \(order)")
        }
    }

    func run() throws { try run(output: .standardOutput) }

    /// Runs the command and prints its result to `output`.
    ///
    /// - Throws: the data readers' `DataFileError`, ``WeightFileError``, the solvers'
    ///   `OTInputError`, and `DataFileError` when an output file cannot be written.
    func run(output: TextStream) throws {
        let report: OTReport
        switch (method, precision ?? .double) {
        case (.sinkhorn, .float): report = try solveSinkhorn(inputs(Float.self))
        case (.sinkhorn, .double): report = try solveSinkhorn(inputs(Double.self))
        case (.divergence, .float): report = try solveDivergence(inputs(Float.self))
        case (.divergence, .double): report = try solveDivergence(inputs(Double.self))
        case (.exact, _): report = try solveExact(inputs(Double.self))
        case (.sliced, .float): report = try solveSliced(inputs(Float.self))
        case (.sliced, .double): report = try solveSliced(inputs(Double.self))
        }
        try global.printResult(report, to: output) { report.summary }
    }

    /// The points and weights, read as `S`.
    func inputs<S: OTScalar>(_: S.Type) throws -> OTInputs<S> {
        try OTInputs(source: source, target: target, sourceWeights: sourceWeights, targetWeights: targetWeights)
    }

    /// The report fields every method shares.
    func report<S: OTScalar>(_ inputs: OTInputs<S>, precision: OTPrecision, seconds: Double, cost: Double) -> OTReport {
        OTReport(
            method: method, precision: precision, sourceCount: inputs.source.rows, targetCount: inputs.target.rows,
            dimension: inputs.source.columns, p: nil, projections: nil, cost: cost, regularizedCost: cost, epsilon: 0,
            iterations: nil, marginalError: nil, converged: nil, solveSeconds: seconds)
    }

    /// Writes the plan (if `--plan`) and the potentials (if `--potentials`).
    ///
    /// - Throws: `DataFileError` if a file cannot be written.
    func writeOutputs<S: OTScalar>(plan densePlan: () -> Matrix<S>, f: [S], g: [S]) throws {
        if let plan { try densePlan().writeNPY(to: plan) }
        if let potentials {
            try f.writeNPY(to: potentials + "-f.npy")
            try g.writeNPY(to: potentials + "-g.npy")
        }
    }
}
