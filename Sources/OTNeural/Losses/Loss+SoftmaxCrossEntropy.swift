import OTKernels

extension Loss {
    /// Softmax cross-entropy with integer class labels, averaged over the `n` rows:
    ///
    /// ```
    /// L = (1/n) Σ_i [ logsumexp(z_i) − z_i[y_i] ],   ∂L/∂z_i = (softmax(z_i) − onehot(y_i)) / n
    /// ```
    /// The log-sum-exp factors out the row maximum, so large logits neither overflow nor lose precision.
    /// - Precondition: `labels.count == logits.rows > 0` and every label lies in `0..<logits.columns`.
    /// - Complexity: O(n · classes) exponentials.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public static func softmaxCrossEntropy<S: OTScalar>(
        _ logits: Matrix<S>, labels: [Int]
    ) -> (value: S, gradient: Matrix<S>) {
        let n = logits.rows, k = logits.columns
        precondition(n > 0 && labels.count == n, "softmaxCrossEntropy: \(labels.count) labels for \(n) rows")
        precondition(labels.allSatisfy { $0 >= 0 && $0 < k }, "softmaxCrossEntropy: a label is outside 0..<\(k)")
        let lse = logits.logSumExpRows()
        let scale = 1 / S(n)
        var gradient = Matrix<S>(rows: n, columns: k)
        var total: S = 0
        logits.withUnsafeBufferPointer { z in
            gradient.withUnsafeMutableBufferPointer { g in
                for i in 0..<n {
                    let row = z.baseAddress! + i &* k, out = g.baseAddress! + i &* k
                    for j in 0..<k { out[j] = scale * S.exp(row[j] - lse[i]) }
                    out[labels[i]] -= scale
                    total += lse[i] - row[labels[i]]
                }
            }
        }
        return (total * scale, gradient)
    }
}
