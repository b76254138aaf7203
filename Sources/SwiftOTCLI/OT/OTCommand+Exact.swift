import OptimalTransport

extension OTCommand {
    /// `--method exact`: ``NetworkSimplex`` on the cost `‖x − y‖^p` (squared Euclidean for p = 2).
    func solveExact(_ inputs: OTInputs<Double>) throws -> OTReport {
        let p = order ?? 2
        let solver = NetworkSimplex(maxIterations: maxIterations)
        let (result, seconds) = try timed {
            try solver.solve(
                source: inputs.source, target: inputs.target, sourceWeights: inputs.sourceWeights,
                targetWeights: inputs.targetWeights, cost: p == 2 ? .squaredEuclidean : .euclideanPower(p))
        }
        try writeOutputs(plan: result.densePlan, f: result.f, g: result.g)
        var report = report(inputs, precision: .double, seconds: seconds, cost: result.cost)
        report.p = p
        report.iterations = result.iterations
        report.marginalError = result.marginalError
        report.converged = result.converged
        return report
    }
}
