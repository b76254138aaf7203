extension Matrix {
    /// The Cholesky factor of a symmetric positive definite matrix: the lower-triangular `L` with
    /// positive diagonal and `A = L Lᵀ`, computed in `Double` (row-oriented, inner products).
    /// - Parameter symmetryTolerance: as for ``symmetricEigen(symmetryTolerance:)``.
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(operation:detail:)`` when a pivot is not
    ///   positive, and the shape, finiteness and symmetry errors of ``symmetricEigen(symmetryTolerance:)``.
    /// - Complexity: n³ / 3 flops.
    public func choleskyFactor(symmetryTolerance: Scalar = Scalar.ulpOfOne.squareRoot()) throws -> Matrix {
        DenseInput.matrix(try choleskyElements(symmetryTolerance: symmetryTolerance, operation: "choleskyFactor"))
    }

    /// The solution `X` of `A X = B` for a symmetric positive definite `A` (`self`), by the Cholesky
    /// factorization and two triangular solves in `Double`.
    /// - Parameters:
    ///   - rhs: `B`, `n x r` (one right-hand side per column).
    ///   - symmetryTolerance: as for ``symmetricEigen(symmetryTolerance:)``.
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:detail:)`` when `B` does not have `n`
    ///   rows or is not finite, and the errors of ``choleskyFactor(symmetryTolerance:)``.
    /// - Complexity: n³ / 3 + 2 n² r flops.
    public func solvePositiveDefinite(
        _ rhs: Matrix, symmetryTolerance: Scalar = Scalar.ulpOfOne.squareRoot()
    ) throws -> Matrix {
        let operation = "solvePositiveDefinite"
        guard rhs.rows == rows else {
            throw LinearAlgebraError.shapeMismatch(
                operation: operation, detail: "the right-hand side has \(rhs.rows) rows; expected \(rows)")
        }
        let b = try DenseInput.finiteElements(rhs, operation: operation + " (right-hand side)")
        let l = try choleskyElements(symmetryTolerance: symmetryTolerance, operation: operation)
        let n = rows, r = rhs.columns
        // Columns of B as rows, so each triangular solve runs over contiguous vectors.
        var x = Matrix<Double>(rows: rhs.rows, columns: rhs.columns, elements: b).transposed()
        for c in 0..<r {
            for i in 0..<n {  // L y = b
                var sum = x[c, i]
                for k in 0..<i { sum -= l[i, k] * x[c, k] }
                x[c, i] = sum / l[i, i]
            }
            for i in stride(from: n - 1, through: 0, by: -1) {  // Lᵀ x = y
                var sum = x[c, i]
                for k in (i + 1)..<max(i + 1, n) { sum -= l[k, i] * x[c, k] }
                x[c, i] = sum / l[i, i]
            }
        }
        return DenseInput.matrix(x.transposed())
    }

    /// The validated Cholesky factor in `Double`.
    func choleskyElements(symmetryTolerance: Scalar, operation: String) throws -> Matrix<Double> {
        let n = rows
        let symmetric = try DenseInput.symmetricElements(
            self, relativeTolerance: symmetryTolerance, operation: operation)
        var l = Matrix<Double>(rows: n, columns: n, elements: symmetric)
        l.withUnsafeMutableBufferPointer { buffer in
            let a = buffer.baseAddress!
            for i in 0..<n {
                for j in 0...i {
                    let s = a[i &* n &+ j] - VectorKernels.dot(a + i &* n, a + j &* n, count: j)
                    a[i &* n &+ j] = i == j ? s : s / a[j &* n &+ j]
                }
                // A pivot that is not positive marks failure; it is checked below.
                let pivot = a[i &* n &+ i]
                a[i &* n &+ i] = pivot > 0 ? pivot.squareRoot() : -.infinity
                if pivot <= 0 { break }
                for j in (i &+ 1)..<max(i &+ 1, n) { a[i &* n &+ j] = 0 }
            }
        }
        if let failed = (0..<n).first(where: { !(l[$0, $0] > 0) }) {
            throw LinearAlgebraError.notPositiveDefinite(
                operation: operation, detail: "the pivot of row \(failed) is not positive")
        }
        return l
    }
}
