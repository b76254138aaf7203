import OTKernels

/// SGD with Polyak–Ruppert averaging: the iterates `w_t` follow ``SGD``, and the optimizer keeps
/// their running mean from step `t₀ = averagingStart` on,
///
/// ```
/// w̄_t = w_t                                   for t ≤ t₀
/// w̄_t = w̄_{t−1} + (w_t − w̄_{t−1}) / (t − t₀ + 1)   for t > t₀   (the mean of w_{t₀}, …, w_t)
/// ```
/// The average is what one evaluates or samples with (``averaged(_:)``); training continues from
/// the iterates.
public struct AveragedSGD<Scalar: OTScalar>: Optimizer {
    /// The underlying SGD that produces the iterates.
    public var sgd: SGD<Scalar>
    /// The first step whose iterate enters the average, `t₀ ≥ 1`.
    public var averagingStart: Int
    /// The averaged parameters `w̄`, one per parameter; empty before the first step.
    public var averagedParameters: [Matrix<Scalar>] = []

    /// Averaged SGD over `SGD(learningRate:momentum:weightDecay:)` iterates, averaging from step `averagingStart`.
    /// - Precondition: `averagingStart ≥ 1`, and the SGD preconditions.
    public init(learningRate: Scalar, momentum: Scalar = 0, weightDecay: Scalar = 0, averagingStart: Int = 1) {
        precondition(averagingStart >= 1, "AveragedSGD: averagingStart must be at least 1")
        sgd = SGD(learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
        self.averagingStart = averagingStart
    }

    /// `"AveragedSGD"`.
    public var kind: String { "AveragedSGD" }
    /// `["velocity", "average"]`.
    public var slotNames: [String] { ["velocity", "average"] }
    /// `[velocity, averagedParameters]`.
    public var slots: [[Matrix<Scalar>]] {
        get { [sgd.velocity, averagedParameters] }
        set {
            sgd.velocity = newValue[0]
            averagedParameters = newValue[1]
        }
    }
    /// Steps taken so far.
    public var stepCount: Int {
        get { sgd.stepCount }
        set { sgd.stepCount = newValue }
    }

    /// One SGD step, then the average update.
    /// - Complexity: O(parameterCount).
    public mutating func step<Model: Layer>(_ model: inout Model) where Model.Scalar == Scalar {
        sgd.step(&model)
        let count = max(1, sgd.stepCount - averagingStart + 1)
        if averagedParameters.isEmpty { averagedParameters = model.zeroSlots() }
        let weight = 1 / Scalar(count)
        var index = 0
        model.updateParameters { _, p in
            Self.accumulate(p.value, into: &averagedParameters[index], weight: weight)
            index += 1
        }
    }

    /// `a ← a + (w − a) · weight`, and exactly `a ← w` when `weight == 1`.
    /// - Complexity: O(w.count).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    static func accumulate(_ w: Matrix<Scalar>, into average: inout Matrix<Scalar>, weight: Scalar) {
        w.withUnsafeBufferPointer { w in
            average.withUnsafeMutableBufferPointer { a in
                if weight == 1 {
                    _ = a.update(fromContentsOf: w)
                } else {
                    for i in 0..<w.count { a[i] += (w[i] - a[i]) * weight }
                }
            }
        }
    }

    /// A copy of `model` whose parameters are the averaged ones (the model itself if no step was taken).
    /// - Complexity: O(number of parameters); values are shared copy-on-write.
    public func averaged<Model: Layer>(_ model: Model) -> Model where Model.Scalar == Scalar {
        guard !averagedParameters.isEmpty else { return model }
        var copy = model
        var index = 0
        copy.updateParameters { _, p in
            precondition(averagedParameters[index].shape == p.value.shape, "AveragedSGD: model shape changed")
            p.value = averagedParameters[index]
            index += 1
        }
        return copy
    }
}
