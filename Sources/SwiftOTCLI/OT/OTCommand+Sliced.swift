import OTKernels
import OptimalTransport

extension OTCommand {
    /// The number of directions of `--method sliced` without `--projections`.
    static let defaultProjections = 50

    /// `--method sliced`: ``SlicedWasserstein`` over `--projections` directions drawn with `--seed`.
    func solveSliced<S: OTScalar>(_ inputs: OTInputs<S>) throws -> OTReport {
        let p = order ?? 2, count = projections ?? Self.defaultProjections
        var rng = global.makeGenerator()
        let (result, seconds) = try timed {
            try SlicedWasserstein<S>.compute(
                source: inputs.source, target: inputs.target, sourceWeights: inputs.sourceWeights,
                targetWeights: inputs.targetWeights, directionCount: count, p: S(p), using: &rng)
        }
        var report = report(inputs, precision: precision ?? .double, seconds: seconds, cost: Double(result.value))
        report.p = p
        report.projections = count
        return report
    }
}
