import OTKernels

/// The result of ``Sinkhorn``: costs, potentials, convergence report; the plan, the entropic map
/// and the gradients on demand (in `SinkhornOutput+Plan.swift` and `+Gradients.swift`).
///
/// The plan is `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`. Computing the output costs one more
/// pass over the cost rows (the exponentials of the plan), two more for unbalanced problems.
public struct SinkhornOutput<S: OTScalar>: Sendable {
    /// The problem solved.
    public let problem: LinearProblem<S>
    /// The absolute ε used (the target value when ε-scaling).
    public let epsilon: S
    /// The source potential (dual variable), length `n`.
    public let f: [S]
    /// The target potential, length `m`.
    public let g: [S]
    /// Iterations run (each updates `f` then `g`; one averaged update for a symmetric solve).
    public let iterations: Int
    /// Whether the marginal error reached the tolerance.
    public let converged: Bool
    /// The transport cost of the plan, `⟨C, P⟩`.
    public let primalCost: S
    /// `⟨C, P⟩ + ε KL(P | a bᵀ)` (+ `τ_A KL(P1 | a) + τ_B KL(Pᵀ1 | b)` when unbalanced), with the
    /// generalized KL; for a converged balanced problem it equals `⟨f, a⟩ + ⟨g, b⟩`.
    public let regularizedCost: S
    /// Balanced: `Σ_i |(P1)_i − a_i|` (the columns are exact after the last `g` update).
    /// Unbalanced sides: the residual of the optimality condition,
    /// `Σ_i a_i |exp((f_i − κ f̃_i)/ε) − 1|` (see `PotentialUpdate`), in the same units.
    public let marginalError: S
    /// The total mass of the plan, `Σ_ij P_ij`.
    public let mass: S
    /// `(P1)_i / a_i` (1 at a balanced optimum), computed without dividing by `a_i`.
    public let rowRatios: [S]
    /// `(Pᵀ1)_j / b_j`.
    public let columnRatios: [S]

    /// Evaluates the costs and marginals of the plan given by `f` and `g`.
    @_specialize(where S == Float) @_specialize(where S == Double)
    init(problem: LinearProblem<S>, epsilon: S, f: [S], g: [S], iterations: Int, converged: Bool, tolerance: S) {
        self.problem = problem
        self.epsilon = epsilon
        self.f = f
        self.g = g
        self.iterations = iterations
        let geometry = problem.geometry, a = problem.a, b = problem.b
        let n = geometry.sourceCount, m = geometry.targetCount
        // Per row: Σ_j Q_ij, Σ_j Q_ij C_ij, Σ_j Q_ij g_j with Q_ij = P_ij / a_i.
        var stats = [(Double, Double, Double)](repeating: (0, 0, 0), count: n)
        stats.withUnsafeMutableBufferPointer { out in
            let o = out.baseAddress!
            g.withUnsafeBufferPointer { gb in
                PlanRows.forEach(f: f, g: g, b: b, geometry: geometry, epsilon: epsilon, transposed: false) { i, q, c in
                    var r = 0.0, s = 0.0, t = 0.0
                    for j in 0..<m {
                        let qj = Double(q[j])
                        r += qj
                        s += qj * Double(c[j])
                        t += qj * Double(gb[j])
                    }
                    o[i] = (r, s, t)
                }
            }
        }
        var columns = [S](repeating: 1, count: m)
        if problem.tauB != nil {
            columns.withUnsafeMutableBufferPointer { out in
                let o = out.baseAddress!
                PlanRows.forEach(f: g, g: f, b: a, geometry: geometry, epsilon: epsilon, transposed: true) { j, q, _ in
                    var r = 0.0
                    for i in 0..<n { r += Double(q[i]) }
                    o[j] = S(r)
                }
            }
        }
        var primal = 0.0, dual = 0.0, mass = 0.0, error = 0.0, klRows = 0.0
        for i in 0..<n {
            let ai = Double(a[i]), (r, s, t) = stats[i]
            primal += ai * s
            dual += ai * (Double(f[i]) * r + t)
            mass += ai * r
            error += abs(ai * r - ai)
            if ai > 0 && r > 0 { klRows += ai * r * Double.log(r) - ai * r + ai } else { klRows += ai }
        }
        var klColumns = 0.0
        for j in 0..<m {
            let bj = Double(b[j]), c = Double(columns[j])
            if bj > 0 && c > 0 { klColumns += bj * c * Double.log(c) - bj * c + bj } else { klColumns += bj }
        }
        let e = Double(epsilon)
        let ma = a.reduce(0.0) { $0 + Double($1) }, mb = b.reduce(0.0) { $0 + Double($1) }
        var regularized = dual - e * mass + e * ma * mb
        if let tauA = problem.tauA { regularized += Double(tauA) * klRows }
        if let tauB = problem.tauB { regularized += Double(tauB) * klColumns }
        // Unbalanced sides report the fixed-point residual of their update instead.
        if problem.tauA != nil || problem.tauB != nil {
            error = 0
            let logA = PotentialUpdate.logarithms(a), logB = PotentialUpdate.logarithms(b)
            if problem.tauA != nil {
                var probe = f
                error += PotentialUpdate.run(&probe, other: g, otherLogWeights: logB, geometry: geometry, transposed: false,
                                             epsilon: epsilon, damping: problem.damping(problem.tauA, epsilon: epsilon),
                                             averaged: false, residualWeights: a)
            }
            if problem.tauB != nil {
                var probe = g
                error += PotentialUpdate.run(&probe, other: f, otherLogWeights: logA, geometry: geometry, transposed: true,
                                             epsilon: epsilon, damping: problem.damping(problem.tauB, epsilon: epsilon),
                                             averaged: false, residualWeights: b)
            }
        }
        primalCost = S(primal)
        regularizedCost = S(regularized)
        self.mass = S(mass)
        marginalError = S(error)
        rowRatios = stats.map { S($0.0) }
        columnRatios = columns
        // A fixed-iteration run never checks; it counts as converged only if the final error is in tolerance.
        self.converged = converged || error <= Double(tolerance)
    }

    /// The dual objective `⟨f, a⟩ + ⟨g, b⟩` (equal to ``regularizedCost`` at a balanced optimum).
    /// - Complexity: O(n + m).
    public var dualCost: S {
        S(zip(f, problem.a).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            + zip(g, problem.b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) })
    }
}
