import OTKernels

extension Loss {
    /// Mean squared error over all `N` elements, `L = (1/N) Σ (p − t)²`, `∂L/∂p = 2 (p − t) / N`.
    /// - Precondition: `prediction` and `target` have the same non-empty shape.
    /// - Complexity: O(N).
    @_specialize(where S == Float) @_specialize(where S == Double)
    public static func meanSquaredError<S: OTScalar>(
        _ prediction: Matrix<S>, _ target: Matrix<S>
    ) -> (value: S, gradient: Matrix<S>) {
        precondition(prediction.shape == target.shape && prediction.count > 0,
                     "meanSquaredError: shapes \(prediction.shape) and \(target.shape) differ or are empty")
        let scale = 1 / S(prediction.count)
        var gradient = Matrix<S>(rows: prediction.rows, columns: prediction.columns)
        var total: S = 0
        prediction.withUnsafeBufferPointer { p in
            target.withUnsafeBufferPointer { t in
                gradient.withUnsafeMutableBufferPointer { g in
                    for i in 0..<p.count {
                        let d = p[i] - t[i]
                        total += d * d
                        g[i] = 2 * scale * d
                    }
                }
            }
        }
        return (total * scale, gradient)
    }
}
