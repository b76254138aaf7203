import OTKernels

/// Log-domain Sinkhorn for entropic optimal transport,
/// `OT_ε(a, b) = min_P ⟨C, P⟩ + ε KL(P | a bᵀ)` (plus the marginal penalties of an unbalanced
/// ``LinearProblem``), in `Float` or `Double`.
///
/// Each iteration updates the source potential `f` against `g` (a log-sum-exp over each row of
/// `C`) and then `g` against `f` (over each column), both in one pass over `C` (see
/// `SinkhornSweep`); the plan is
/// `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`. Stops when the marginal error (checked every
/// ``checkEvery`` iterations, once ε has reached its target) is at most ``tolerance``, or after
/// ``maxIterations``; ``fixedIterations`` runs exactly ``maxIterations`` without checking (for
/// benchmarks and fixed-budget training).
///
/// ```swift
/// let geometry = try PointCloud(x, y)                                   // ‖x − y‖², materialized
/// let output = try Sinkhorn<Float>(epsilon: .absolute(0.05)).solve(LinearProblem(geometry))
/// output.regularizedCost; output.f; output.plan(); try output.sourceGradient()
/// ```
public struct Sinkhorn<S: OTScalar>: Sendable {
    /// The regularization: absolute, or relative to the mean cost.
    public var epsilon: Epsilon<S>
    /// The largest accepted marginal error `Σ_i |(P1)_i − a_i|` (see ``SinkhornOutput/marginalError``).
    public var tolerance: S
    /// The iteration budget (exactly this many with ``fixedIterations``).
    public var maxIterations: Int
    /// How often (in iterations) the marginal error is computed; it costs a few operations per row.
    public var checkEvery: Int
    /// Run exactly ``maxIterations`` iterations and never check convergence.
    public var fixedIterations: Bool
    /// ε-scaling (annealing) from the cost scale down to ε; `nil` runs at ε from the start.
    public var epsilonScaling: EpsilonScaling<S>?

    /// A solver configuration.
    public init(epsilon: Epsilon<S>, tolerance: S = 1e-5, maxIterations: Int = 1000, checkEvery: Int = 10,
                fixedIterations: Bool = false, epsilonScaling: EpsilonScaling<S>? = nil) {
        self.epsilon = epsilon
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.checkEvery = checkEvery
        self.fixedIterations = fixedIterations
        self.epsilonScaling = epsilonScaling
    }

    /// Solves `problem`, starting from `initialPotentials` (warm start) or from zero.
    /// - Throws: ``OTInputError`` for ε ≤ 0 (or a relative ε on an all-zero cost), a tolerance that
    ///   is not finite and > 0, `maxIterations < 1`, `checkEvery < 1`, a decay outside (0, 1),
    ///   or initial potentials of the wrong lengths or with non-finite entries.
    /// - Complexity: O(iterations · n m) exponentials (and O(iterations · n m d) cost evaluations
    ///   in online mode), on all cores.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public func solve(_ problem: LinearProblem<S>, initialPotentials: (f: [S], g: [S])? = nil) throws -> SinkhornOutput<S> {
        let (eps, start) = try checkedSchedule(problem.geometry)
        let n = problem.geometry.sourceCount, m = problem.geometry.targetCount
        var f = [S](repeating: 0, count: n), g = [S](repeating: 0, count: m)
        if let initialPotentials {
            try Self.checkPotential(initialPotentials.f, count: n, name: "initial potential f")
            try Self.checkPotential(initialPotentials.g, count: m, name: "initial potential g")
            (f, g) = initialPotentials
        }
        var sweep = SinkhornSweep(problem)
        let (iterations, converged) = iterate(target: eps, start: start) { e, check in
            sweep.iterate(
                f: &f, g: &g, epsilon: e, kappaA: problem.damping(problem.tauA, epsilon: e),
                kappaB: problem.damping(problem.tauB, epsilon: e), check: check, checkColumns: check && problem.tauB != nil)
        }
        return SinkhornOutput(problem: problem, epsilon: eps, f: f, g: g, iterations: iterations, converged: converged,
                              tolerance: tolerance)
    }

    /// The symmetric self-transport `OT_ε(a, a)` on `geometry` (whose source and target clouds
    /// are the same points) with the averaged update `f ← (f + T(f))/2`, which converges where
    /// the plain update oscillates; the output has `g = f`.
    /// - Throws: as ``solve(_:initialPotentials:)``, and when source and target differ.
    /// - Complexity: as ``solve(_:initialPotentials:)``, with one potential update per iteration.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public func solveSymmetric(_ problem: LinearProblem<S>) throws -> SinkhornOutput<S> {
        guard problem.geometry.x == problem.geometry.y, problem.a == problem.b, problem.tauA == problem.tauB else {
            throw OTInputError("solveSymmetric needs the same points, weights and tau on both sides")
        }
        let (eps, start) = try checkedSchedule(problem.geometry)
        var f = [S](repeating: 0, count: problem.geometry.sourceCount)
        let logA = PotentialUpdate.logarithms(problem.a)
        let (iterations, converged) = iterate(target: eps, start: start) { e, check in
            // During annealing the average is skipped: each ε level is a new problem to track.
            let current = f
            return PotentialUpdate.run(
                &f, other: current, otherLogWeights: logA, geometry: problem.geometry, transposed: false, epsilon: e,
                damping: problem.damping(problem.tauA, epsilon: e), averaged: e == eps,
                residualWeights: check ? problem.a : nil)
        }
        return SinkhornOutput(problem: problem, epsilon: eps, f: f, g: f, iterations: iterations, converged: converged,
                              tolerance: tolerance)
    }

    /// The iteration loop shared by the solvers: iteration `t` runs `step(ε_t, check_t)`, with `ε_t`
    /// the ε-scaling schedule from `start` down to `target` (or `target` throughout) and `check_t`
    /// true every ``checkEvery`` iterations at the target ε (never in fixed-iterations mode); `step`
    /// returns the marginal error when asked to check. Stops at the first checked error within
    /// ``tolerance`` or after ``maxIterations``.
    /// - Returns: the iterations run and whether the tolerance was met.
    /// - Complexity: `maxIterations` calls of `step` at most.
    @inline(__always)
    func iterate(target: S, start: S, _ step: (S, Bool) -> Double) -> (iterations: Int, converged: Bool) {
        var iterations = 0
        while iterations < maxIterations {
            let e = epsilonScaling?.epsilon(at: iterations, target: target, start: start) ?? target
            let check = !fixedIterations && e == target && (iterations + 1) % checkEvery == 0
            let residual = step(e, check)
            iterations += 1
            if check && residual <= Double(tolerance) { return (iterations, true) }
        }
        return (iterations, false)
    }

    /// The absolute target ε and the start of the ε-scaling schedule, after checking the options.
    func checkedSchedule(_ geometry: PointCloud<S>) throws -> (S, S) {
        let eps = try epsilon.resolved(meanCost: geometry.meanCost)
        try Validate.positive(tolerance, name: "tolerance")
        guard maxIterations >= 1 else { throw OTInputError("maxIterations = \(maxIterations); expected at least 1") }
        guard checkEvery >= 1 else { throw OTInputError("checkEvery = \(checkEvery); expected at least 1") }
        guard let scaling = epsilonScaling else { return (eps, eps) }
        guard scaling.decay > 0, scaling.decay < 1 else {
            throw OTInputError("epsilon scaling decay = \(scaling.decay); expected a value in (0, 1)")
        }
        if let s = scaling.start { try Validate.positive(s, name: "epsilon scaling start") }
        return (eps, Swift.max(eps, scaling.start ?? geometry.maxCost))
    }

    static func checkPotential(_ p: [S], count: Int, name: String) throws {
        guard p.count == count else { throw OTInputError("\(name) has \(p.count) entries; expected \(count)") }
        if let i = p.firstIndex(where: { !$0.isFinite }) {
            throw OTInputError("\(name)[\(i)] = \(p[i]); expected a finite value")
        }
    }
}
