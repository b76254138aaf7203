import OTKernels

/// Which optional results a c-transform evaluation computes besides the values and assignments.
public struct SemiDiscreteOutputs: OptionSet, Sendable {
    /// The raw bits.
    public let rawValue: Int
    /// Wraps raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `Σ_b w_b π_j(x_b)` per target: the source's mass on each target, needed for `∂F/∂ψ`.
    /// For `λ > 0` it costs a second sweep over the targets (see ``SemiDiscreteKernel``).
    public static let targetMass = SemiDiscreteOutputs(rawValue: 1)
    /// `Σ_j π_j(x_b) y_j` per source point: the soft barycentric projection, needed for `∇_x`.
    public static let barycenters = SemiDiscreteOutputs(rawValue: 2)
}

/// The regularized c,λ-transform of a potential `ψ` at a batch of source points, with the soft
/// assignments it implies, as computed by ``SemiDiscreteProblem/cTransform(_:potential:sourceWeights:computing:chunkSize:)``.
///
/// ```
/// π_j(x) = ν_j exp((ψ_j − c(x, y_j)) / λ) / Σ_k ν_k exp((ψ_k − c(x, y_k)) / λ)     (λ > 0)
/// π_j(x) = 1 if j is the Laguerre cell of x, argmin_k (c(x, y_k) − ψ_k), else 0   (λ = 0)
/// ```
public struct SemiDiscreteTransform<S: OTScalar>: Sendable {
    /// `ψ^{c,λ}(x_b)` for every source point (`ψ^c(x_b)` when `λ = 0`).
    public var values: [S]
    /// The index `j` of the largest `π_j(x_b)` per source point: the Laguerre cell when `λ = 0`.
    /// Ties go to the smallest index.
    public var assignments: [Int]
    /// `Σ_b w_b π_j(x_b)` per target (length `N`) when ``SemiDiscreteOutputs/targetMass`` was
    /// requested; `w_b` are the source weights (`1/B` by default), so the masses sum to `Σ_b w_b`.
    public var targetMass: [S]?
    /// `Σ_j π_j(x_b) y_j` per source point (`B x d`) when ``SemiDiscreteOutputs/barycenters`` was
    /// requested.
    public var barycenters: Matrix<S>?

    /// Bundles the results.
    @inlinable
    public init(values: [S], assignments: [Int], targetMass: [S]?, barycenters: Matrix<S>?) {
        self.values = values
        self.assignments = assignments
        self.targetMass = targetMass
        self.barycenters = barycenters
    }
}
