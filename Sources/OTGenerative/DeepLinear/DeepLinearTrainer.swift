import OTKernels
import OptimalTransport

/// Full-batch gradient descent on a deep linear network, `W_i ← W_i − η ∂L/∂W_i`, with every buffer
/// allocated once: a step allocates nothing.
///
/// One step is one pass: the prefix products `Q_i = (W_i ⋯ W_1)ᵀ` forward (`Q_N = Wᵀ`), the loss
/// and `∇L(W)` (``DeepLinearObjective``), then backward `T_N = ∇L(W)`, `∂L/∂W_i = T_i Q_{i−1}`,
/// `T_{i−1} = W_iᵀ T_i`, and the update.
///
/// Measured in CPU time (release, `SWIFTOT_NATIVE=1`, d = 20): 26 µs per step for N = 1 (τ = 0),
/// 48 µs for N = 10 and 0.30 ms for N = 100 (τ = 0.1); 300,000 steps at N = 100 take about 90 s.
public final class DeepLinearTrainer {
    /// The objective.
    public let objective: DeepLinearObjective
    /// `d_0, …, d_N`.
    public let widths: [Int]
    /// The step size `η`.
    public let learningRate: Double
    /// Steps taken.
    public private(set) var steps = 0
    /// The loss at the weights before the last step (or at the last ``evaluate()``).
    public private(set) var loss = Double.nan
    /// `(Σ_i ‖∂L/∂W_i‖_F²)^{1/2}` at the same point as ``loss``.
    public private(set) var gradientNorm = Double.nan

    private let kernel: DeepLinearLossKernel
    private let depth: Int, parameterCount: Int
    private let layerOffsets: [Int], prefixOffsets: [Int]
    private let weights: UnsafeMutablePointer<Double>, gradients: UnsafeMutablePointer<Double>
    private let prefixes: UnsafeMutablePointer<Double>, transposed: UnsafeMutablePointer<Double>
    private let back: UnsafeMutablePointer<Double>, backNext: UnsafeMutablePointer<Double>
    private let product: UnsafeMutablePointer<Double>, productGradient: UnsafeMutablePointer<Double>

    /// A trainer starting from `network`.
    /// - Throws: ``OTInputError`` if the network's output dimension is not the target's, or the
    ///   learning rate is not a finite value > 0.
    public init(network: DeepLinearNetwork, objective: DeepLinearObjective, learningRate: Double) throws {
        try Validate.positive(learningRate, name: "learning rate")
        let widths = network.widths
        guard widths.last! == objective.target.dimension else {
            throw OTInputError(
                "the network's output dimension is \(widths.last!); "
                    + "expected \(objective.target.dimension), the target's")
        }
        self.objective = objective
        self.widths = widths
        self.learningRate = learningRate
        depth = network.depth
        let d0 = widths[0], d = widths.last!
        kernel = DeepLinearLossKernel(target: objective.target, loss: objective.loss, inputDimension: d0)
        var offsets = [0], prefixOffsets = [0]
        for i in 1...depth {
            offsets.append(offsets[i - 1] + widths[i] * widths[i - 1])
            prefixOffsets.append(prefixOffsets[i - 1] + d0 * widths[i - 1])
        }
        layerOffsets = offsets
        self.prefixOffsets = prefixOffsets
        parameterCount = offsets[depth]
        let widest = widths.max()!
        weights = .allocate(capacity: parameterCount)
        gradients = .allocate(capacity: parameterCount)
        prefixes = .allocate(capacity: prefixOffsets[depth] + d0 * d)
        transposed = .allocate(capacity: widest * widest)
        back = .allocate(capacity: widest * d0)
        backNext = .allocate(capacity: widest * d0)
        product = .allocate(capacity: d * d0)
        productGradient = .allocate(capacity: d * d0)
        for (i, layer) in network.layers.enumerated() {
            layer.withUnsafeBufferPointer { (weights + offsets[i]).update(from: $0.baseAddress!, count: $0.count) }
        }
        prefixes.update(repeating: 0, count: d0 * d0)
        for i in 0..<d0 { prefixes[i * d0 + i] = 1 }
    }

    deinit {
        for p in [weights, gradients, prefixes, transposed, back, backNext, product, productGradient] {
            p.deallocate()
        }
    }

    /// The current network.
    /// - Complexity: O(number of parameters).
    public var network: DeepLinearNetwork {
        // The layers chain by construction.
        try! DeepLinearNetwork(layers: (0..<depth).map { layerMatrix(weights + layerOffsets[$0], layer: $0) })
    }

    /// The gradients `∂L/∂W_i` computed by the last ``evaluate()`` or ``step()``.
    public var layerGradients: [Matrix<Double>] {
        (0..<depth).map { layerMatrix(gradients + layerOffsets[$0], layer: $0) }
    }

    /// The product `W` at the last evaluation.
    public var lastProduct: Matrix<Double> {
        let d = widths.last!, d0 = widths[0]
        return Matrix(rows: d, columns: d0, elements: Array(UnsafeBufferPointer(start: product, count: d * d0)))
    }

    private func layerMatrix(_ start: UnsafePointer<Double>, layer: Int) -> Matrix<Double> {
        let rows = widths[layer + 1], columns = widths[layer]
        let elements = Array(UnsafeBufferPointer(start: start, count: rows * columns))
        return Matrix(rows: rows, columns: columns, elements: elements)
    }

    /// Computes the loss and every layer's gradient at the current weights (no update).
    /// - Returns: the loss.
    /// - Complexity: about `3 Σ_i d_i d_{i−1} d_0` multiply-adds plus one loss evaluation; no allocation.
    @discardableResult
    public func evaluate() -> Double {
        let d0 = widths[0], d = widths[depth]
        // Forward: Q_i = Q_{i−1} W_iᵀ (d0 x d_i).
        for i in 1...depth {
            let rows = widths[i], columns = widths[i - 1]
            SmallMatrixKernels.transpose(weights + layerOffsets[i - 1], rows: rows, columns: columns, lda: columns,
                                         into: transposed)
            SmallMatrixKernels.multiply(
                m: d0, n: rows, k: columns, a: prefixes + prefixOffsets[i - 1], lda: columns, transposeA: false,
                b: transposed, ldb: rows, c: prefixes + prefixOffsets[i],
                ldc: rows)
        }
        SmallMatrixKernels.transpose(prefixes + prefixOffsets[depth], rows: d0, columns: d, lda: d, into: product)
        loss = kernel.evaluate(product, gradient: productGradient)
        // Backward: ∂L/∂W_i = T_i Q_{i−1}, T_{i−1} = W_iᵀ T_i.
        var t = back, next = backNext
        t.update(from: productGradient, count: d * d0)
        var squaredNorm = 0.0
        for i in stride(from: depth, through: 1, by: -1) {
            let rows = widths[i], columns = widths[i - 1], g = gradients + layerOffsets[i - 1]
            SmallMatrixKernels.multiply(
                m: rows, n: columns, k: d0, a: t, lda: d0, transposeA: false,
                b: prefixes + prefixOffsets[i - 1], ldb: columns, c: g, ldc: columns)
            squaredNorm += SmallMatrixKernels.sumOfSquares(g, count: rows * columns)
            if i > 1 {
                SmallMatrixKernels.multiply(
                    m: columns, n: d0, k: rows, a: weights + layerOffsets[i - 1], lda: columns, transposeA: true,
                    b: t, ldb: d0, c: next, ldc: d0)
                swap(&t, &next)
            }
        }
        gradientNorm = squaredNorm.squareRoot()
        return loss
    }

    /// Applies `W_i ← W_i − η ∂L/∂W_i` with the gradients of the last ``evaluate()``.
    /// - Complexity: O(number of parameters); no allocation.
    public func update() {
        let eta = learningRate
        for j in 0..<parameterCount { weights[j] -= eta * gradients[j] }
        steps += 1
    }

    /// One gradient-descent step: ``evaluate()``, then ``update()``.
    /// - Returns: the loss before the step.
    /// - Complexity: as ``evaluate()``; no allocation.
    @discardableResult
    public func step() -> Double {
        let value = evaluate()
        update()
        return value
    }
}
