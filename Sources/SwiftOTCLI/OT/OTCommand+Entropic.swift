import OTKernels
import OptimalTransport

extension OTCommand {
    /// The epsilon of the entropic methods without `--epsilon`.
    static let defaultEpsilon = 0.05

    /// The log-domain ``Sinkhorn`` solver the options describe (library defaults for what is not given).
    func sinkhornSolver<S: OTScalar>(_: S.Type) -> Sinkhorn<S> {
        let value = S(epsilon ?? Self.defaultEpsilon)
        var solver = Sinkhorn<S>(epsilon: relativeEpsilon ? .relative(value) : .absolute(value))
        if let tolerance { solver.tolerance = S(tolerance) }
        if let maxIterations { solver.maxIterations = maxIterations }
        solver.fixedIterations = fixedIterations
        return solver
    }

    /// The ground cost of the entropic methods: `‖x − y‖²` for p = 2, `‖x − y‖` for p = 1
    /// (`validate()` admits no other order for them).
    func entropicCost<S: OTScalar>(_: S.Type) -> CostFunction<S> { order == 1 ? .euclidean : .squaredEuclidean }

    /// `--method sinkhorn`: ``Sinkhorn/solve(_:initialPotentials:)`` on a ``LinearProblem``,
    /// KL-relaxed on both sides with `--unbalanced`. The geometry (cost matrix) is part of the solve time.
    func solveSinkhorn<S: OTScalar>(_ inputs: OTInputs<S>) throws -> OTReport {
        let solver = sinkhornSolver(S.self), tau = unbalanced.map { S($0) }
        let (output, seconds) = try timed {
            let geometry = try PointCloud(inputs.source, inputs.target, cost: entropicCost(S.self))
            let problem = try LinearProblem(
                geometry, a: inputs.sourceWeights, b: inputs.targetWeights, tauA: tau, tauB: tau)
            return try solver.solve(problem)
        }
        try writeOutputs(plan: output.plan, f: output.f, g: output.g)
        var report = report(inputs, precision: precision ?? .double, seconds: seconds, cost: Double(output.primalCost))
        report.p = order ?? 2
        report.regularizedCost = Double(output.regularizedCost)
        report.epsilon = Double(output.epsilon)
        report.iterations = output.iterations
        report.marginalError = Double(output.marginalError)
        report.converged = output.converged
        return report
    }

    /// `--method divergence`: the debiased ``SinkhornDivergence`` (three solves). Its `cost` and
    /// `regularizedCost` are both `S_ε`; `iterations` adds up the three solves, `marginalError` is
    /// their largest and `converged` says whether all three converged.
    func solveDivergence<S: OTScalar>(_ inputs: OTInputs<S>) throws -> OTReport {
        let solver = sinkhornSolver(S.self)
        let (divergence, seconds) = try timed {
            try solver.divergence(
                inputs.source, inputs.target, a: inputs.sourceWeights, b: inputs.targetWeights,
                cost: entropicCost(S.self), tau: unbalanced.map { S($0) })
        }
        let solves = [divergence.cross, divergence.sourceSelf, divergence.targetSelf]
        var report = report(inputs, precision: precision ?? .double, seconds: seconds, cost: Double(divergence.value))
        report.p = order ?? 2
        report.epsilon = Double(divergence.cross.epsilon)
        report.iterations = solves.map(\.iterations).reduce(0, +)
        report.marginalError = solves.map { Double($0.marginalError) }.max()
        report.converged = solves.allSatisfy(\.converged)
        return report
    }
}
