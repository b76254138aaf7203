import OTKernels

extension Loss {
    /// Binary cross-entropy of `σ(z)` against targets `t ∈ [0, 1]`, averaged over all `N` elements,
    /// computed from the logits `z` without forming `σ(z)`:
    ///
    /// ```
    /// ℓ(z, t) = −t log σ(z) − (1 − t) log(1 − σ(z)) = max(z, 0) − z t + log(1 + e^{−|z|})
    /// ∂ℓ/∂z = σ(z) − t
    /// ```
    /// The right-hand form never overflows and keeps full precision for large `|z|`.
    /// - Precondition: `logits` and `targets` have the same non-empty shape.
    /// - Complexity: O(N) exponentials and logarithms.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public static func binaryCrossEntropyWithLogits<S: OTScalar>(
        _ logits: Matrix<S>, targets: Matrix<S>
    ) -> (value: S, gradient: Matrix<S>) {
        precondition(logits.shape == targets.shape && logits.count > 0,
                     "binaryCrossEntropyWithLogits: shapes \(logits.shape) and \(targets.shape) differ or are empty")
        let scale = 1 / S(logits.count)
        var gradient = Matrix<S>(rows: logits.rows, columns: logits.columns)
        var total: S = 0
        logits.withUnsafeBufferPointer { zs in
            targets.withUnsafeBufferPointer { ts in
                gradient.withUnsafeMutableBufferPointer { g in
                    for i in 0..<zs.count {
                        let z = zs[i], t = ts[i]
                        let e = S.exp(-abs(z))
                        total += max(z, 0) - z * t + S.log(onePlus: e)
                        let sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e)
                        g[i] = scale * (sigmoid - t)
                    }
                }
            }
        }
        return (total * scale, gradient)
    }
}
