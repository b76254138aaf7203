extension Matrix {
    /// The trace `tr A = Σ_i A_ii` of a square matrix, summed in `Double`.
    /// - Precondition: the matrix is square.
    /// - Complexity: O(n).
    public var trace: Scalar {
        precondition(rows == columns, "trace: the matrix is \(rows) x \(columns); expected a square matrix")
        var sum = 0.0
        for i in 0..<rows { sum += Double(self[i, i]) }
        return Scalar(sum)
    }

    /// The Frobenius norm `‖A‖_F = √(Σ_ij A_ij²)`, summed in `Double` after scaling by a power of two,
    /// so it neither overflows nor underflows before the result does.
    /// - Complexity: O(rows * columns).
    public var frobeniusNorm: Scalar {
        let values = DenseInput.doubles(elements)
        let scale = DenseInput.powerOfTwoScale(values)
        let sum = values.reduce(0) { $0 + ($1 * scale) * ($1 * scale) }
        return Scalar(sum.squareRoot() / scale)
    }

    /// The nuclear norm `‖A‖_* = Σ_i σ_i`, the sum of the singular values.
    /// - Throws: the errors of ``singularValueDecomposition()``.
    /// - Complexity: that of ``singularValueDecomposition()``.
    public func nuclearNorm() throws -> Scalar {
        let operation = "nuclearNorm"
        let a = try DenseInput.finiteElements(self, operation: operation)
        let sigma = try OneSidedJacobi.decompose(a, rows: rows, columns: columns, operation: operation).sigma
        return Scalar(sigma.reduce(0, +))
    }
}
