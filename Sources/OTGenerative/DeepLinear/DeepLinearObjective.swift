import OTKernels
import OptimalTransport

/// A ``DeepLinearLoss`` against a ``BuresLinearTarget``: value and gradients in the product `W` and
/// in every layer of a ``DeepLinearNetwork``.
///
/// Gradients in closed form (`R0 W = U Σ Vᵀ`, `M = R0 W Wᵀ R0 + τ S0`):
///
/// ```
/// τ = 0:      ∇L(W) = 2 (W − R0 U Vᵀ)          (where rank R0 W = k)
/// τ > 0:      ∇L(W) = 2 (W − R0 M^{-1/2} R0 W)
/// Frobenius:  ∇L(W) = 4 (W Wᵀ − S0) W
/// layer i:    ∂L/∂W_i = (W_N ⋯ W_{i+1})ᵀ ∇L(W) (W_{i−1} ⋯ W_1)ᵀ
/// ```
public struct DeepLinearObjective: Sendable {
    /// The target.
    public let target: BuresLinearTarget
    /// The loss.
    public let loss: DeepLinearLoss

    /// The objective `loss` against `target`.
    /// - Throws: ``OTInputError`` if `tau` is negative or not finite.
    public init(target: BuresLinearTarget, loss: DeepLinearLoss) throws {
        if case .buresWasserstein(let tau) = loss, !(tau.isFinite && tau >= 0) {
            throw OTInputError("tau = \(tau); expected a finite value >= 0")
        }
        self.target = target
        self.loss = loss
    }

    /// The loss at the product `w` (`d x d0`) and its gradient `∇L(W)`.
    /// - Throws: ``OTInputError`` if `w` does not have `d` rows or has a non-finite entry.
    /// - Complexity: O(d² (d + d0)) per Jacobi sweep, a few sweeps.
    public func valueAndGradient(at w: Matrix<Double>) throws -> (value: Double, gradient: Matrix<Double>) {
        try Validate.points(w, name: "W")
        guard w.rows == target.dimension else {
            throw OTInputError("W has \(w.rows) rows; expected \(target.dimension), the target's dimension")
        }
        let kernel = DeepLinearLossKernel(target: target, loss: loss, inputDimension: w.columns)
        var gradient = Matrix<Double>(rows: w.rows, columns: w.columns)
        let value = w.withUnsafeBufferPointer { pw in
            gradient.withUnsafeMutableBufferPointer { kernel.evaluate(pw.baseAddress!, gradient: $0.baseAddress!) }
        }
        return (value, gradient)
    }

    /// The loss at the product `w`.
    /// - Throws: as ``valueAndGradient(at:)``.
    public func value(at w: Matrix<Double>) throws -> Double { try valueAndGradient(at: w).value }

    /// The loss of `network` and its gradient in every layer, from the prefix products
    /// `W_{i−1} ⋯ W_1` and the back-propagated `(W_N ⋯ W_{i+1})ᵀ ∇L(W)` in one pass (the pass of
    /// ``DeepLinearTrainer/evaluate()``).
    /// - Throws: ``OTInputError`` if the network's output dimension is not the target's.
    /// - Complexity: about `3 Σ_i d_i d_{i−1} d_0` multiply-adds plus one loss evaluation.
    public func valueAndLayerGradients(
        of network: DeepLinearNetwork
    ) throws -> (value: Double, gradients: [Matrix<Double>]) {
        let trainer = try DeepLinearTrainer(network: network, objective: self, learningRate: 1)
        let value = trainer.evaluate()
        return (value, trainer.layerGradients)
    }
}
