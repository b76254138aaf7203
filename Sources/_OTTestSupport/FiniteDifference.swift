import OTKernels

/// Central finite-difference gradient of `f` at `x`: `(f(x + h e_i) − f(x − h e_i)) / 2h` for
/// every element. Error O(h²) plus rounding O(ε/h); h = 1e-6 suits Double.
/// - Complexity: 2 · x.count evaluations of `f`.
public func finiteDifferenceGradient(
    of f: (Matrix<Double>) -> Double, at x: Matrix<Double>, step h: Double = 1e-6
) -> Matrix<Double> {
    var gradient = Matrix<Double>(rows: x.rows, columns: x.columns)
    var probe = x
    for i in 0..<x.rows {
        for j in 0..<x.columns {
            let x0 = x[i, j]
            probe[i, j] = x0 + h
            let up = f(probe)
            probe[i, j] = x0 - h
            let down = f(probe)
            probe[i, j] = x0
            gradient[i, j] = (up - down) / (2 * h)
        }
    }
    return gradient
}
