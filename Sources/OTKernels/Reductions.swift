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
