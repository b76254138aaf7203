/// The eigendecomposition `A = Σ_i λ_i v_i v_iᵀ` of a real symmetric matrix, in `Double`:
/// the engine behind ``Matrix/symmetricEigen(symmetryTolerance:)`` and the matrix functions.
struct SymmetricEigensystem {
    /// The order `n`.
    let n: Int
    /// The eigenvalues `λ_0 ≤ λ_1 ≤ ... ≤ λ_{n-1}`.
    var values: [Double]
    /// Row-major `n x n`: row `i` is the unit eigenvector `v_i` of `values[i]`, its largest-magnitude
    /// entry positive (the first such entry on ties), so the result does not depend on the precision
    /// of the input.
    var vectorRows: [Double]

    /// Decomposes the symmetric row-major `n x n` matrix `a` (both triangles, exactly symmetric):
    /// scaling by a power of two, Householder tridiagonalization, implicit QL, sorting.
    /// - Throws: ``LinearAlgebraError/didNotConverge(operation:iterations:)``.
    /// - Complexity: about 9 n³ flops, O(n²) memory.
    init(symmetric a: [Double], n: Int, operation: String) throws {
        self.n = n
        let scale = DenseInput.powerOfTwoScale(a)
        let reduction = HouseholderTridiagonalization(symmetric: a.map { $0 * scale }, n: n)
        var d = reduction.diagonal, e = reduction.offDiagonal, rows = reduction.transformRows
        try TridiagonalQL.diagonalize(diagonal: &d, offDiagonal: &e, rows: &rows, n: n, operation: operation)
        let order = d.indices.sorted { d[$0] < d[$1] || (d[$0] == d[$1] && $0 < $1) }
        values = order.map { d[$0] / scale }
        vectorRows = SymmetricEigensystem.canonicalRows(rows, order: order, length: n)
    }

    /// The rows `order` of the row-major `rows` (rows of `length` entries), each flipped so that
    /// its largest-magnitude entry is positive.
    /// - Complexity: O(order.count * length).
    static func canonicalRows(_ rows: [Double], order: [Int], length: Int) -> [Double] {
        var out = [Double]()
        out.reserveCapacity(order.count * length)
        for source in order {
            let row = rows[(source * length)..<((source + 1) * length)]
            var pivot = row.startIndex
            for k in row.indices where abs(row[k]) > abs(row[pivot]) { pivot = k }
            let sign: Double = length > 0 && row[pivot] < 0 ? -1 : 1
            out.append(contentsOf: row.map { sign * $0 })
        }
        return out
    }

    /// `Σ_i g(λ_i) v_i v_iᵀ`, symmetrized exactly.
    /// - Complexity: one n x n x n GEMM plus O(n²).
    func function(_ g: (Double) -> Double) -> Matrix<Double> {
        let basis = Matrix<Double>(rows: n, columns: n, elements: vectorRows)
        var scaled = basis
        for i in 0..<n {
            let factor = g(values[i])
            for j in 0..<n { scaled[i, j] *= factor }
        }
        var result = matmul(basis, scaled, transposeA: true)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let mean = 0.5 * (result[i, j] + result[j, i])
                result[i, j] = mean
                result[j, i] = mean
            }
        }
        return result
    }
}
