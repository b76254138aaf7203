import OTKernels

/// Stochastic gradient descent with heavy-ball momentum and optional L2 weight decay (PyTorch's
/// convention, no dampening):
///
/// ```
/// g ← ∂L/∂w + λ w
/// v ← μ v + g          (v₀ = 0)
/// w ← w − η v
/// ```
/// With `μ = 0` and `λ = 0` this is plain `w ← w − η ∂L/∂w`.
public struct SGD<Scalar: OTScalar>: Optimizer {
    /// Step size `η`.
    public var learningRate: Scalar
    /// Momentum `μ ∈ [0, 1)`.
    public var momentum: Scalar
    /// L2 weight decay `λ ≥ 0`.
    public var weightDecay: Scalar
    /// The velocity `v` per parameter; empty before the first step.
    public var velocity: [Matrix<Scalar>] = []
    /// Steps taken so far.
    public var stepCount = 0

    /// An SGD optimizer.
    /// - Precondition: `learningRate > 0`, `0 ≤ momentum < 1`, `weightDecay ≥ 0`.
    public init(learningRate: Scalar, momentum: Scalar = 0, weightDecay: Scalar = 0) {
        precondition(learningRate > 0 && momentum >= 0 && momentum < 1 && weightDecay >= 0,
                     "SGD: need learningRate > 0, 0 <= momentum < 1, weightDecay >= 0")
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    /// `"SGD"`.
    public var kind: String { "SGD" }
    /// `["velocity"]`.
    public var slotNames: [String] { ["velocity"] }
    /// `[velocity]`.
    public var slots: [[Matrix<Scalar>]] {
        get { [velocity] }
        set { velocity = newValue[0] }
    }

    /// One momentum step on every parameter.
    /// - Complexity: O(parameterCount).
    public mutating func step<Model: Layer>(_ model: inout Model) where Model.Scalar == Scalar {
        if velocity.isEmpty { velocity = model.zeroSlots() }
        stepCount += 1
        let eta = learningRate, mu = momentum, lambda = weightDecay
        var index = 0
        model.updateParameters { _, p in
            precondition(index < velocity.count && velocity[index].shape == p.value.shape,
                         "SGD: the model's parameters changed shape between steps")
            Self.update(&p, velocity: &velocity[index], learningRate: eta, momentum: mu, weightDecay: lambda)
            index += 1
        }
    }

    /// `v ← μ v + (g + λ w)`, `w ← w − η v` on one parameter.
    /// - Complexity: O(p.value.count).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    static func update(
        _ p: inout Parameter<Scalar>, velocity: inout Matrix<Scalar>, learningRate eta: Scalar, momentum mu: Scalar,
        weightDecay lambda: Scalar
    ) {
        p.gradient.withUnsafeBufferPointer { g in
            p.value.withUnsafeMutableBufferPointer { w in
                velocity.withUnsafeMutableBufferPointer { v in
                    for i in 0..<w.count {
                        let v1 = mu * v[i] + (g[i] + lambda * w[i])
                        v[i] = v1
                        w[i] -= eta * v1
                    }
                }
            }
        }
    }
}
