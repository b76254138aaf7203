import OTKernels

/// Random orthogonal matrices distributed by the Haar measure.
public enum RandomRotation {
    /// A Haar-distributed `d x d` orthogonal matrix: the `Q` factor of a standard Gaussian matrix
    /// with the signs fixed so that `R` has a positive diagonal (modified Gram-Schmidt).
    /// - Complexity: O(d³).
    public static func haar(dimension d: Int, using generator: inout some RandomNumberGenerator) -> Matrix<Double> {
        orthonormalColumns(rows: d, columns: d, using: &generator)
    }

    /// A `rows x columns` matrix (`columns ≤ rows`) with Haar-random orthonormal columns: the first
    /// `columns` columns of a Haar rotation.
    /// - Complexity: O(rows · columns²).
    public static func orthonormalColumns(
        rows: Int, columns: Int, using generator: inout some RandomNumberGenerator
    ) -> Matrix<Double> {
        precondition(columns <= rows, "RandomRotation: \(columns) orthonormal columns need at least as many rows")
        // Columns as contiguous rows of `q`, then transposed at the end.
        var q = Matrix<Double>.normal(rows: columns, columns: rows, using: &generator)
        for j in 0..<columns {
            for p in 0..<j {
                var dot = 0.0
                for i in 0..<rows { dot += q[p, i] * q[j, i] }
                for i in 0..<rows { q[j, i] -= dot * q[p, i] }
            }
            var norm = 0.0
            for i in 0..<rows { norm += q[j, i] * q[j, i] }
            norm = norm.squareRoot()
            for i in 0..<rows { q[j, i] /= norm }
        }
        return q.transposed()
    }
}
