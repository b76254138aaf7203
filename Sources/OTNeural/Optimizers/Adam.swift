import OTKernels

/// Adam (Kingma & Ba 2015) with bias correction. At step `t = 1, 2, …`, for each parameter `w`
/// with gradient `g`:
///
/// ```
/// m ← β₁ m + (1 − β₁) g                 (m₀ = 0)
/// v ← β₂ v + (1 − β₂) g²                (v₀ = 0, elementwise square)
/// m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)
/// w ← w − η m̂ / (√v̂ + ε)
/// ```
/// The bias corrections `1 − βᵗ` are computed in `Double`. This is PyTorch's `torch.optim.Adam`
/// without weight decay or AMSGrad.
public struct Adam<Scalar: OTScalar>: Optimizer {
    /// Step size `η`.
    public var learningRate: Scalar
    /// Decay of the first moment, `β₁`.
    public var beta1: Scalar
    /// Decay of the second moment, `β₂`.
    public var beta2: Scalar
    /// `ε` added to `√v̂`.
    public var epsilon: Scalar
    /// First moments `m` per parameter; empty before the first step.
    public var firstMoment: [Matrix<Scalar>] = []
    /// Second moments `v` per parameter; empty before the first step.
    public var secondMoment: [Matrix<Scalar>] = []
    /// Steps taken so far (`t`).
    public var stepCount = 0

    /// An Adam optimizer.
    /// - Precondition: `learningRate > 0`, `β₁, β₂ ∈ [0, 1)`, `ε > 0`.
    public init(learningRate: Scalar = 1e-3, beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-8) {
        precondition(learningRate > 0 && beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0,
                     "Adam: need learningRate > 0, betas in [0, 1), epsilon > 0")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// `"Adam"`.
    public var kind: String { "Adam" }
    /// `["firstMoment", "secondMoment"]`.
    public var slotNames: [String] { ["firstMoment", "secondMoment"] }
    /// `[firstMoment, secondMoment]`.
    public var slots: [[Matrix<Scalar>]] {
        get { [firstMoment, secondMoment] }
        set {
            firstMoment = newValue[0]
            secondMoment = newValue[1]
        }
    }

    /// One Adam step on every parameter.
    /// - Complexity: O(parameterCount) square roots.
    public mutating func step<Model: Layer>(_ model: inout Model) where Model.Scalar == Scalar {
        if firstMoment.isEmpty {
            firstMoment = model.zeroSlots()
            secondMoment = firstMoment
        }
        stepCount += 1
        let t = Double(stepCount)
        let correction1 = Scalar(1 - Double.pow(Double(beta1), t))
        let correction2 = Scalar(1 - Double.pow(Double(beta2), t))
        let b1 = beta1, b2 = beta2, eta = learningRate, eps = epsilon
        var index = 0
        model.updateParameters { _, p in
            precondition(index < firstMoment.count && firstMoment[index].shape == p.value.shape,
                         "Adam: the model's parameters changed shape between steps")
            Self.update(&p, firstMoment: &firstMoment[index], secondMoment: &secondMoment[index],
                        hyperparameters: (eta, b1, b2, eps), corrections: (correction1, correction2))
            index += 1
        }
    }

    /// One Adam update of one parameter, given `(η, β₁, β₂, ε)` and the bias corrections `(1 − β₁ᵗ, 1 − β₂ᵗ)`.
    /// - Complexity: O(p.value.count) square roots.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    static func update(
        _ p: inout Parameter<Scalar>, firstMoment: inout Matrix<Scalar>, secondMoment: inout Matrix<Scalar>,
        hyperparameters: (Scalar, Scalar, Scalar, Scalar), corrections: (Scalar, Scalar)
    ) {
        let (eta, b1, b2, eps) = hyperparameters, (c1, c2) = corrections
        p.gradient.withUnsafeBufferPointer { g in
            p.value.withUnsafeMutableBufferPointer { w in
                firstMoment.withUnsafeMutableBufferPointer { m in
                    secondMoment.withUnsafeMutableBufferPointer { v in
                        for i in 0..<w.count {
                            let gi = g[i]
                            let mi = b1 * m[i] + (1 - b1) * gi
                            let vi = b2 * v[i] + (1 - b2) * gi * gi
                            m[i] = mi
                            v[i] = vi
                            w[i] -= eta * (mi / c1) / ((vi / c2).squareRoot() + eps)
                        }
                    }
                }
            }
        }
    }
}
