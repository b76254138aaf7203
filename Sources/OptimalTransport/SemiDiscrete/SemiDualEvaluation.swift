import OTKernels

/// The semi-dual objective on a (weighted) batch of source points and its gradients, as computed by
/// ``SemiDiscreteProblem/semiDual(potential:at:sourceWeights:potentialGradient:sourceGradient:chunkSize:)``.
///
/// ```
/// F(ψ)       = Σ_b w_b ψ^{c,λ}(x_b) + Σ_j ν_j ψ_j
/// ∂F/∂ψ_j    = ν_j − Σ_b w_b π_j(x_b)
/// ∂F/∂x_b    = w_b ∇_x ψ^{c,λ}(x_b) = w_b (2/κ) (x_b − Σ_j π_j(x_b) y_j)
/// ```
/// With `w_b = 1/B` for a sample of `μ`, `F` is an unbiased estimate of the semi-dual and
/// `∂F/∂ψ` of its gradient.
public struct SemiDualEvaluation<S: OTScalar>: Sendable {
    /// `F(ψ)` on the batch.
    public var value: S
    /// `∂F/∂ψ_j = ν_j − Σ_b w_b π_j(x_b)` (length `N`) when requested.
    public var potentialGradient: [S]?
    /// `∂F/∂x_b` (`B x d`) when requested.
    public var sourceGradient: Matrix<S>?
    /// `Σ_j |ν_j − Σ_b w_b π_j(x_b)|`: the target marginal error (when the potential gradient was
    /// computed; `nil` otherwise). 0 exactly at the optimum for a weighted discrete source.
    public var marginalError: S?
    /// The transform the values and gradients came from.
    public var transform: SemiDiscreteTransform<S>

    /// Bundles the results.
    @inlinable
    public init(
        value: S, potentialGradient: [S]?, sourceGradient: Matrix<S>?, marginalError: S?,
        transform: SemiDiscreteTransform<S>
    ) {
        self.value = value
        self.potentialGradient = potentialGradient
        self.sourceGradient = sourceGradient
        self.marginalError = marginalError
        self.transform = transform
    }
}
