/// Log-sum-exp and softmax along rows and columns, on the vectorized ``LogSumExp`` and ``VectorExp``
/// kernels, over row (or column) blocks on all cores for large matrices.
extension Matrix {
    /// `out[i] = log Σ_j exp(self[i, j])`, stable (the row maximum is factored out).
    /// A row of all `-∞` gives `-∞`; a NaN in a row gives NaN.
    /// - Complexity: O(rows * columns) vector exponentials.
    @inlinable
    public func logSumExpRows() -> [Scalar] {
        let n = columns
        var out = [Scalar](repeating: 0, count: rows)
        withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                let xp = x.baseAddress, op = o.baseAddress!
                Parallel.forEachBlock(count: rows, minimumBlock: Swift.max(1, 65_536 / Swift.max(1, n))) { block in
                    for i in block { op[i] = n == 0 ? -.infinity : LogSumExp.logSumExp(xp! + i &* n, count: n) }
                }
            }
        }
        return out
    }

    /// `out[j] = log Σ_i exp(self[i, j])`, stable; vectorized across columns, no transpose.
    /// - Complexity: O(rows * columns) vector exponentials.
    @inlinable
    public func logSumExpColumns() -> [Scalar] {
        let r = rows, n = columns
        var out = [Scalar](repeating: -.infinity, count: n)
        guard r > 0 else { return out }
        withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                let xp = x.baseAddress!, op = o.baseAddress!
                let chunk = Scalar.Vector.scalarCount
                Parallel.forEachBlock(count: (n &+ chunk &- 1) / chunk, minimumBlock: Swift.max(1, 65_536 / (r &* chunk))) { block in
                    let range = (block.lowerBound &* chunk)..<Swift.min(n, block.upperBound &* chunk)
                    LogSumExp.columns(of: xp, rows: r, columns: n, columnRange: range, into: op)
                }
            }
        }
        return out
    }

    /// Each row mapped to `exp(x - logsumexp(row))`, summing to 1.
    /// - Complexity: O(rows * columns) vector exponentials.
    @inlinable
    public func softmaxRows() -> Matrix {
        let lse = logSumExpRows()
        return shiftedExponential { i, _ in lse[i] }
    }

    /// Each column mapped to `exp(x - logsumexp(column))`, summing to 1.
    /// - Complexity: O(rows * columns) vector exponentials.
    @inlinable
    public func softmaxColumns() -> Matrix {
        let lse = logSumExpColumns()
        return shiftedExponential { _, j in lse[j] }
    }

    /// `exp(self[i, j] − shift(i, j))`, vectorized along rows.
    @inlinable
    func shiftedExponential(_ shift: (Int, Int) -> Scalar) -> Matrix {
        var out = self
        let n = columns
        out.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<rows {
                let row = buffer.baseAddress! + i &* n
                for j in 0..<n { row[j] -= shift(i, j) }
                VectorExp.exp(inPlace: UnsafeMutableBufferPointer(start: row, count: n))
            }
        }
        return out
    }
}
