/// Log-sum-exp and softmax along rows and columns.
///
/// Reference implementation (scalar `exp`). To be replaced by the vectorized kernel.
extension Matrix {
    /// `out[i] = log Σ_j exp(self[i, j])`, stable (the row maximum is factored out).
    /// A row of all `-∞` gives `-∞`.
    /// - Complexity: O(rows * columns) exponentials.
    @inlinable
    public func logSumExpRows() -> [Scalar] {
        (0..<rows).map { i in
            let r = row(i)
            guard let mx = r.max(), mx > -Scalar.infinity else { return -Scalar.infinity }
            return mx + Scalar.log(r.reduce(0) { $0 + Scalar.exp($1 - mx) })
        }
    }

    /// `out[j] = log Σ_i exp(self[i, j])`, stable.
    /// - Complexity: O(rows * columns) exponentials.
    @inlinable
    public func logSumExpColumns() -> [Scalar] { transposed().logSumExpRows() }

    /// Each row mapped to `exp(x - logsumexp(row))`, summing to 1.
    /// - Complexity: O(rows * columns) exponentials.
    @inlinable
    public func softmaxRows() -> Matrix {
        let lse = logSumExpRows()
        return Matrix(rows: rows, columns: columns) { i, j in Scalar.exp(self[i, j] - lse[i]) }
    }

    /// Each column mapped to `exp(x - logsumexp(column))`, summing to 1.
    /// - Complexity: O(rows * columns) exponentials.
    @inlinable
    public func softmaxColumns() -> Matrix { transposed().softmaxRows().transposed() }
}

/// Pairwise squared Euclidean distances `D[i, j] = ‖x_i − y_j‖²` between the rows of `x` and `y`.
/// - Precondition: `x.columns == y.columns`.
/// - Complexity: O(n m d).
@inlinable
public func pairwiseSquaredDistances<S: OTScalar>(_ x: Matrix<S>, _ y: Matrix<S>) -> Matrix<S> {
    precondition(x.columns == y.columns, "pairwiseSquaredDistances: dimensions \(x.columns) and \(y.columns) differ")
    return Matrix(rows: x.rows, columns: y.rows) { i, j in
        var s: S = 0
        for k in 0..<x.columns {
            let t = x[i, k] - y[j, k]
            s += t * t
        }
        return s
    }
}
