import OTKernels

/// Batch normalization over features (1-D: input `n x F`) or over channels of NCHW images
/// (2-D: input `n x C·H·W`, statistics per channel over the `n·H·W` values).
///
/// Training (`m` values per channel, biased batch variance):
/// ```
/// μ = (1/m) Σ x,  σ² = (1/m) Σ (x − μ)²,  x̂ = (x − μ) / √(σ² + ε),  y = γ x̂ + β
/// running ← (1 − momentum) · running + momentum · batch   (variance: unbiased, σ² · m / (m − 1))
/// ∂x = γ / (m √(σ² + ε)) · (m ∂y − Σ ∂y − x̂ Σ ∂y x̂),  ∂γ = Σ ∂y x̂,  ∂β = Σ ∂y
/// ```
/// Evaluation uses the running mean and variance instead, and `∂x = γ ∂y / √(σ²_run + ε)`.
/// The conventions (momentum 0.1, ε = 1e-5, unbiased running variance) are PyTorch's.
public struct BatchNorm<Scalar: OTScalar>: Layer {
    /// Normalized groups: features (1-D) or channels (2-D).
    public let channels: Int
    /// Image height and width for 2-D; `nil` for 1-D.
    public let imageSize: (height: Int, width: Int)?
    /// `ε` added to the variance.
    public let epsilon: Scalar
    /// Weight of the current batch in the running averages.
    public let momentum: Scalar
    /// Scale `γ`, `1 x channels`, initially 1.
    public var scale: Parameter<Scalar>
    /// Shift `β`, `1 x channels`, initially 0.
    public var shift: Parameter<Scalar>
    /// Running mean, `1 x channels`, initially 0.
    public var runningMean: Matrix<Scalar>
    /// Running (unbiased) variance, `1 x channels`, initially 1.
    public var runningVariance: Matrix<Scalar>

    var normalized = Matrix<Scalar>(rows: 0, columns: 0)
    var inverseStandardDeviation = [Scalar]()
    var usedBatchStatistics = true

    /// 1-D batch normalization of `features` columns.
    public init(features: Int, epsilon: Scalar = 1e-5, momentum: Scalar = 0.1) {
        self.init(channels: features, imageSize: nil, epsilon: epsilon, momentum: momentum)
    }

    /// 2-D batch normalization of NCHW images with `channels` channels of `height x width`.
    public init(channels: Int, height: Int, width: Int, epsilon: Scalar = 1e-5, momentum: Scalar = 0.1) {
        self.init(channels: channels, imageSize: (height, width), epsilon: epsilon, momentum: momentum)
    }

    init(channels: Int, imageSize: (height: Int, width: Int)?, epsilon: Scalar, momentum: Scalar) {
        precondition(channels > 0, "BatchNorm: channels must be positive")
        self.channels = channels
        self.imageSize = imageSize
        self.epsilon = epsilon
        self.momentum = momentum
        scale = Parameter(Matrix(rows: 1, columns: channels, repeating: 1))
        shift = Parameter(Matrix(rows: 1, columns: channels))
        runningMean = Matrix(rows: 1, columns: channels)
        runningVariance = Matrix(rows: 1, columns: channels, repeating: 1)
    }

    /// Values per channel per sample: `H·W` (2-D) or 1 (1-D).
    @inlinable public var spatialSize: Int { imageSize.map { $0.height * $0.width } ?? 1 }

    /// `"BatchNorm1D(F)"` or `"BatchNorm2D(C,HxW)"`.
    public var architecture: String {
        guard let s = imageSize else { return "BatchNorm1D(\(channels))" }
        return "BatchNorm2D(\(channels),\(s.height)x\(s.width))"
    }

    /// Normalizes with batch statistics (training, updating the running averages) or running ones.
    /// - Precondition: `x.columns == channels · spatialSize`; at least 2 values per channel in training.
    /// - Complexity: O(x.count).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar> {
        let c = channels, l = spatialSize, n = x.rows
        precondition(x.columns == c * l, "\(architecture): input has \(x.columns) columns, expected \(c * l)")
        let m = n * l
        precondition(!training || m > 1, "\(architecture): training needs more than one value per channel")
        var mean = [Scalar](repeating: 0, count: c), variance = [Scalar](repeating: 0, count: c)
        if training {
            x.withUnsafeBufferPointer { px in
                for ch in 0..<c {
                    var s: Scalar = 0
                    for i in 0..<n {
                        let row = px.baseAddress! + (i &* c &+ ch) &* l
                        for j in 0..<l { s += row[j] }
                    }
                    let mu = s / Scalar(m)
                    var q: Scalar = 0
                    for i in 0..<n {
                        let row = px.baseAddress! + (i &* c &+ ch) &* l
                        for j in 0..<l { q += (row[j] - mu) * (row[j] - mu) }
                    }
                    mean[ch] = mu
                    variance[ch] = q / Scalar(m)
                }
            }
            for ch in 0..<c {
                runningMean[0, ch] = (1 - momentum) * runningMean[0, ch] + momentum * mean[ch]
                runningVariance[0, ch] =
                    (1 - momentum) * runningVariance[0, ch] + momentum * variance[ch] * Scalar(m) / Scalar(m - 1)
            }
        } else {
            mean = runningMean.elements
            variance = runningVariance.elements
        }
        inverseStandardDeviation = variance.map { 1 / ($0 + epsilon).squareRoot() }
        usedBatchStatistics = training
        var xhat = Matrix<Scalar>(rows: n, columns: c * l), y = Matrix<Scalar>(rows: n, columns: c * l)
        x.withUnsafeBufferPointer { px in
            xhat.withUnsafeMutableBufferPointer { ph in
                y.withUnsafeMutableBufferPointer { py in
                    for i in 0..<n {
                        for ch in 0..<c {
                            let base = (i &* c &+ ch) &* l
                            let mu = mean[ch], inv = inverseStandardDeviation[ch]
                            let g = scale.value[0, ch], b = shift.value[0, ch]
                            for j in base..<(base &+ l) {
                                let h = (px[j] - mu) * inv
                                ph[j] = h
                                py[j] = g * h + b
                            }
                        }
                    }
                }
            }
        }
        normalized = xhat
        return y
    }

    /// Adds `Σ ∂y x̂` and `Σ ∂y` to the scale and shift gradients; returns `∂x` for the statistics
    /// the forward pass used.
    /// - Complexity: O(gradOutput.count).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> {
        let c = channels, l = spatialSize, n = normalized.rows, m = Scalar(n * l)
        precondition(gradOutput.rows == n && gradOutput.columns == c * l,
                     "\(architecture): gradient shape differs from the forward output")
        var gradInput = Matrix<Scalar>(rows: n, columns: c * l)
        normalized.withUnsafeBufferPointer { ph in
            gradOutput.withUnsafeBufferPointer { pg in
                gradInput.withUnsafeMutableBufferPointer { pd in
                    for ch in 0..<c {
                        var sumG: Scalar = 0, sumGX: Scalar = 0
                        for i in 0..<n {
                            let base = (i &* c &+ ch) &* l
                            for j in base..<(base &+ l) {
                                sumG += pg[j]
                                sumGX += pg[j] * ph[j]
                            }
                        }
                        scale.gradient[0, ch] += sumGX
                        shift.gradient[0, ch] += sumG
                        let k = scale.value[0, ch] * inverseStandardDeviation[ch]
                        for i in 0..<n {
                            let base = (i &* c &+ ch) &* l
                            for j in base..<(base &+ l) {
                                pd[j] = usedBatchStatistics
                                    ? k / m * (m * pg[j] - sumG - ph[j] * sumGX)
                                    : k * pg[j]
                            }
                        }
                    }
                }
            }
        }
        return gradInput
    }

    /// `scale`, then `shift`.
    @inlinable
    public mutating func updateParameters(_ body: (String, inout Parameter<Scalar>) -> Void) {
        body("scale", &scale)
        body("shift", &shift)
    }

    /// `runningMean`, then `runningVariance`.
    @inlinable
    public mutating func updateBuffers(_ body: (String, inout Matrix<Scalar>) -> Void) {
        body("runningMean", &runningMean)
        body("runningVariance", &runningVariance)
    }
}
