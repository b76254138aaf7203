import OTKernels

/// The debiased Sinkhorn divergence between weighted clouds `(x, a)` and `(y, b)`,
/// ```
/// S_ε(a, b) = OT_ε(a, b) − OT_ε(a, a)/2 − OT_ε(b, b)/2 + ε (m(a) − m(b))² / 2
/// ```
/// where the last (mass) term is non-zero only for unbalanced inputs (Séjourné et al. 2019); it
/// is ≥ 0 and = 0 when the inputs coincide (Feydy et al. 2019). The self terms are solved with
/// the symmetric averaged update (``Sinkhorn/solveSymmetric(_:)``). All three terms use the same
/// absolute ε (a relative ε is resolved on the cross geometry `x`–`y`).
public struct SinkhornDivergence<S: OTScalar>: Sendable {
    /// `S_ε(a, b)`.
    public let value: S
    /// The solve of `OT_ε(a, b)`.
    public let cross: SinkhornOutput<S>
    /// The symmetric solve of `OT_ε(a, a)`.
    public let sourceSelf: SinkhornOutput<S>
    /// The symmetric solve of `OT_ε(b, b)`.
    public let targetSelf: SinkhornOutput<S>
    /// `ε (m(a) − m(b))² / 2` for unbalanced inputs, 0 otherwise.
    public let massTerm: S

    /// Assembles the divergence from its three solves.
    public init(cross: SinkhornOutput<S>, sourceSelf: SinkhornOutput<S>, targetSelf: SinkhornOutput<S>) {
        self.cross = cross
        self.sourceSelf = sourceSelf
        self.targetSelf = targetSelf
        let ma = cross.problem.a.reduce(0, +), mb = cross.problem.b.reduce(0, +)
        massTerm = cross.problem.isBalanced ? 0 : cross.epsilon * (ma - mb) * (ma - mb) / 2
        value = cross.regularizedCost - (sourceSelf.regularizedCost + targetSelf.regularizedCost) / 2 + massTerm
    }

    /// `∂S_ε/∂x = ∂OT(a,b)/∂x − (∂OT(a,a)/∂x)/2`, where `x` enters `OT(a, a)` on both sides:
    /// `Σ_j P^ab_ij ∇_x c(x_i, y_j) − (Σ_j P^aa_ij ∇_1 c(x_i, x_j) + Σ_j P^aa_ji ∇_2 c(x_j, x_i))/2`.
    /// - Throws: ``OTInputError`` for a custom cost without the needed gradient closures.
    /// - Complexity: O((n m + n²) d).
    public func sourceGradient() throws -> Matrix<S> {
        try Self.combine(cross.sourceGradient(), sourceSelf.sourceGradient(), sourceSelf.targetGradient())
    }

    /// `∂S_ε/∂y`, as ``sourceGradient()`` with the sides swapped.
    /// - Throws: ``OTInputError`` for a custom cost without the needed gradient closures.
    /// - Complexity: O((n m + m²) d).
    public func targetGradient() throws -> Matrix<S> {
        try Self.combine(cross.targetGradient(), targetSelf.sourceGradient(), targetSelf.targetGradient())
    }

    /// `∂S_ε/∂a`: the cross term's weight gradient minus half of both sides of the self term's, plus
    /// `ε (m(a) − m(b))` when unbalanced (for balanced inputs, projected on `Σ δa = 0` as
    /// ``SinkhornOutput/sourceWeightGradient``).
    /// - Complexity: O(n).
    public var sourceWeightGradient: [S] {
        let mass = massTerm == 0 ? 0 : cross.epsilon * (cross.problem.a.reduce(0, +) - cross.problem.b.reduce(0, +))
        return zip(cross.sourceWeightGradient, zip(sourceSelf.sourceWeightGradient, sourceSelf.targetWeightGradient))
            .map { c, s in c - (s.0 + s.1) / 2 + mass }
    }

    /// `∂S_ε/∂b`, as ``sourceWeightGradient`` with the sides swapped.
    /// - Complexity: O(m).
    public var targetWeightGradient: [S] {
        let mass = massTerm == 0 ? 0 : cross.epsilon * (cross.problem.b.reduce(0, +) - cross.problem.a.reduce(0, +))
        return zip(cross.targetWeightGradient, zip(targetSelf.sourceWeightGradient, targetSelf.targetWeightGradient))
            .map { c, s in c - (s.0 + s.1) / 2 + mass }
    }

    @_specialize(where S == Float) @_specialize(where S == Double)
    static func combine(_ cross: Matrix<S>, _ selfSource: Matrix<S>, _ selfTarget: Matrix<S>) -> Matrix<S> {
        Matrix(rows: cross.rows, columns: cross.columns,
               elements: (0..<cross.count).map { cross.elements[$0] - (selfSource.elements[$0] + selfTarget.elements[$0]) / 2 })
    }
}

extension Sinkhorn {
    /// The Sinkhorn divergence `S_ε` between `(x, a)` and `(y, b)` (uniform weights when omitted);
    /// `tau` relaxes both marginals (see ``LinearProblem``).
    /// - Throws: ``OTInputError`` for any invalid input (see ``PointCloud``, ``LinearProblem``,
    ///   ``solve(_:initialPotentials:)``).
    /// - Complexity: three solves: on `n x m`, `n x n` and `m x m` cost matrices.
    public func divergence(
        _ x: Matrix<S>, _ y: Matrix<S>, a: [S]? = nil, b: [S]? = nil, cost: CostFunction<S> = .squaredEuclidean,
        mode: PointCloud<S>.Mode = .materialized, tau: S? = nil
    ) throws -> SinkhornDivergence<S> {
        let crossGeometry = try PointCloud(x, y, cost: cost, mode: mode)
        let cross = try LinearProblem(crossGeometry, a: a, b: b, tauA: tau, tauB: tau)
        let solver = try sharingEpsilon(with: crossGeometry)
        return try SinkhornDivergence(
            cross: solver.solve(cross),
            sourceSelf: solver.solveSymmetric(LinearProblem(PointCloud(x, x, cost: cost, mode: mode), a: cross.a, b: cross.a,
                                                            tauA: tau, tauB: tau)),
            targetSelf: solver.solveSymmetric(LinearProblem(PointCloud(y, y, cost: cost, mode: mode), a: cross.b, b: cross.b,
                                                            tauA: tau, tauB: tau)))
    }

    /// This solver with ε made absolute (and the ε-scaling start made explicit) on `geometry`, so
    /// that solves on other geometries use the very same schedule.
    func sharingEpsilon(with geometry: PointCloud<S>) throws -> Sinkhorn {
        let (eps, start) = try checkedSchedule(geometry)
        var solver = self
        solver.epsilon = .absolute(eps)
        solver.epsilonScaling?.start = start
        return solver
    }
}
