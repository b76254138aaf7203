import OTKernels

/// A loss of a point cloud `x` (one point per row) that a learner minimizes: its value and its
/// gradient with respect to every coordinate of `x`. Whoever owns `x` back-propagates the gradient.
public protocol PointCloudLoss<Scalar> {
    /// `Float` or `Double`.
    associatedtype Scalar: OTScalar
    /// The loss at `x` and `∂loss/∂x` (same shape as `x`).
    /// - Throws: ``OTInputError`` for an invalid `x` (NaN, wrong dimension, empty).
    func valueAndGradient(of x: Matrix<Scalar>) throws -> (value: Scalar, gradient: Matrix<Scalar>)
}

extension Sinkhorn {
    /// The cheap fixed-budget regime for training losses (GeomLoss's default in spirit): ε-scaling
    /// from the largest cost down to `epsilon` by `decay` per iteration, then exactly `iterations`
    /// iterations in all (annealing included), no convergence checks; gradients by the envelope
    /// theorem at the last potentials.
    /// - Complexity: `iterations` potential updates per solve.
    public static func fixedBudget(epsilon: Epsilon<S>, iterations: Int = 20, decay: S = 0.5) -> Sinkhorn {
        Sinkhorn(epsilon: epsilon, maxIterations: iterations, fixedIterations: true,
                 epsilonScaling: EpsilonScaling(decay: decay))
    }
}

/// The Sinkhorn divergence to a fixed target cloud as a training loss: `S_ε((x, a), (y, b))` and
/// `∂S_ε/∂x`. The target self term `OT_ε(b, b)` does not depend on `x`: it is solved once, at `init`.
public struct SinkhornDivergenceLoss<S: OTScalar>: PointCloudLoss, Sendable {
    /// The target points `y`.
    public let target: Matrix<S>
    /// Target weights `b`.
    public let targetWeights: [S]
    /// Source weights `a`; `nil` means uniform over however many points `x` has.
    public let sourceWeights: [S]?
    /// The ground cost.
    public let cost: CostFunction<S>
    /// The solver (ε must be absolute: the loss must not change scale with `x`).
    public let solver: Sinkhorn<S>
    /// `OT_ε(b, b)`, solved at `init`.
    public let targetSelfCost: S

    /// A loss towards `target` (uniform weights when `targetWeights` is omitted).
    /// - Throws: ``OTInputError`` for invalid targets or weights, or a relative ε.
    public init(target: Matrix<S>, targetWeights: [S]? = nil, sourceWeights: [S]? = nil,
                cost: CostFunction<S> = .squaredEuclidean, solver: Sinkhorn<S>) throws {
        guard case .absolute = solver.epsilon else {
            throw OTInputError("SinkhornDivergenceLoss needs an absolute epsilon (a relative one would move with x)")
        }
        let geometry = try PointCloud(target, target, cost: cost)
        let problem = try LinearProblem(geometry, a: targetWeights, b: targetWeights)
        self.target = target
        self.targetWeights = problem.a
        self.sourceWeights = sourceWeights
        self.cost = cost
        self.solver = solver
        targetSelfCost = try solver.solveSymmetric(problem).regularizedCost
    }

    /// `S_ε` and `∂S_ε/∂x`: two solves (`x`–`y` and `x`–`x`) per call.
    /// - Throws: ``OTInputError`` for an invalid `x`.
    /// - Complexity: O(iterations · (n m + n²)) exponentials + O((n m + n²) d).
    public func valueAndGradient(of x: Matrix<S>) throws -> (value: S, gradient: Matrix<S>) {
        let geometry = try PointCloud(x, target, cost: cost)
        let solver = try solver.sharingEpsilon(with: geometry)
        let cross = try solver.solve(LinearProblem(geometry, a: sourceWeights, b: targetWeights))
        let a = cross.problem.a
        let sourceSelf = try solver.solveSymmetric(LinearProblem(PointCloud(x, x, cost: cost), a: a, b: a))
        let value = cross.regularizedCost - (sourceSelf.regularizedCost + targetSelfCost) / 2
        let gradient = try SinkhornDivergence.combine(cross.sourceGradient(), sourceSelf.sourceGradient(),
                                                      sourceSelf.targetGradient())
        return (value, gradient)
    }
}
