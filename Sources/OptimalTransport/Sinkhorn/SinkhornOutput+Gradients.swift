import OTKernels

extension SinkhornOutput {
    /// `∂ OT_ε / ∂ x_i = Σ_j P_ij ∇_x c(x_i, y_j)` (`n x d`), by the envelope theorem: at the
    /// optimum the potentials' own dependence on `x` does not contribute. For `‖x − y‖²` this is
    /// `2 ((P1)_i x_i − Σ_j P_ij y_j)`. Exact for a converged solve, an approximation otherwise.
    /// - Throws: ``OTInputError`` for a custom cost without `gradientX`.
    /// - Complexity: O(n m d) (+ O(n m) exponentials).
    public func sourceGradient() throws -> Matrix<S> {
        try pointGradient(source: true)
    }

    /// `∂ OT_ε / ∂ y_j = Σ_i P_ij ∇_y c(x_i, y_j)` (`m x d`), by the envelope theorem.
    /// - Throws: ``OTInputError`` for a custom cost without `gradientY`.
    /// - Complexity: O(n m d) (+ O(n m) exponentials).
    public func targetGradient() throws -> Matrix<S> {
        try pointGradient(source: false)
    }

    /// The gradient of ``regularizedCost`` with respect to the source weights `a`.
    ///
    /// - Unbalanced source (`τ_A` set), envelope theorem on the primal:
    ///   `ε (m(b) − r_i/a_i) + τ_A (1 − r_i/a_i)`, `r = P1`.
    /// - Hard source constraint: `f_i + ε (m(b) − r_i/a_i)` (the constraint's multiplier is `f`).
    ///   When both sides are hard, `OT_ε` is only defined for equal masses, so only directions with
    ///   `Σ_i δa_i = 0` are meaningful: the result is projected on them (`f − mean(f)`), which
    ///   also removes the gauge `f + c, g − c`.
    /// - Complexity: O(n).
    public var sourceWeightGradient: [S] {
        weightGradient(potential: f, ratios: rowRatios, tau: problem.tauA, otherMass: problem.b.reduce(0, +))
    }

    /// The gradient of ``regularizedCost`` with respect to the target weights `b` (as
    /// ``sourceWeightGradient`` with the sides swapped).
    /// - Complexity: O(m).
    public var targetWeightGradient: [S] {
        weightGradient(potential: g, ratios: columnRatios, tau: problem.tauB, otherMass: problem.a.reduce(0, +))
    }

    @_specialize(where S == Float) @_specialize(where S == Double)
    func weightGradient(potential: [S], ratios: [S], tau: S?, otherMass: S) -> [S] {
        var out = zip(potential, ratios).map { p, r in (tau.map { $0 * (1 - r) } ?? p) + epsilon * (otherMass - r) }
        if problem.isBalanced {
            let mean = out.reduce(0, +) / S(out.count)
            out = out.map { $0 - mean }
        }
        return out
    }

    @_specialize(where S == Float) @_specialize(where S == Double)
    func pointGradient(source: Bool) throws -> Matrix<S> {
        let geometry = problem.geometry, d = geometry.dimension, cost = geometry.cost
        let rows = source ? geometry.sourceCount : geometry.targetCount
        let length = source ? geometry.targetCount : geometry.sourceCount
        let weights = source ? problem.a : problem.b
        let mine = (source ? geometry.x : geometry.y).elements, theirs = (source ? geometry.y : geometry.x).elements
        try cost.checkGradient(withRespectToSecond: !source)
        var out = [S](repeating: 0, count: rows * d)
        out.withUnsafeMutableBufferPointer { ob in
            let o = ob.baseAddress!
            mine.withUnsafeBufferPointer { mp in
                theirs.withUnsafeBufferPointer { tp in
                    PlanRows.forEach(f: source ? f : g, g: source ? g : f, b: source ? problem.b : problem.a,
                                     geometry: geometry, epsilon: epsilon, transposed: !source) { i, q, _ in
                        let p = mp.baseAddress! + i &* d, row = o + i &* d
                        for j in 0..<length where q[j] > 0 {
                            let w = weights[i] * q[j], other = tp.baseAddress! + j &* d
                            // Cost arguments stay in the order c(x, y); the missing-closure case threw above.
                            if source {
                                try? cost.accumulateGradient(p, other, dimension: d, weight: w, into: row)
                            } else {
                                try? cost.accumulateGradient(other, p, dimension: d, weight: w, withRespectToSecond: true, into: row)
                            }
                        }
                    }
                }
            }
        }
        return Matrix(rows: rows, columns: d, elements: out)
    }
}
