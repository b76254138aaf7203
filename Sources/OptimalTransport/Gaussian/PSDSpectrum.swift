import OTKernels

/// A user's covariance matrix, validated as symmetric positive semidefinite, with its
/// eigendecomposition in `Double`: the shared first step of every Gaussian OT formula.
///
/// Eigenvalues at the rounding level of the input are exactly 0 (`Matrix.psdEigen`), so an
/// exactly rank-deficient input keeps an exactly rank-deficient factor; the square root would
/// otherwise turn rounding noise of 1e-16 into spurious components of 1e-8.
struct PSDSpectrum {
    /// The dimension `d`.
    let dimension: Int
    /// The eigenvalues, ascending and non-negative.
    let values: [Double]
    /// The unit eigenvectors, one per column.
    let vectors: Matrix<Double>
    /// The trace of the input (the sum of its diagonal, not of the clamped eigenvalues).
    let trace: Double

    /// Validates `matrix` (named `name` in errors) and decomposes it.
    /// - Throws: ``OTInputError`` if it is not square, not finite, not symmetric within
    ///   `√ε · max|A_ij|`, or has an eigenvalue below `−√ε · max|λ|` (not PSD), with `ε` of `S`.
    /// - Complexity: one symmetric eigendecomposition, about 9 d³ flops.
    init<S: OTScalar>(_ matrix: Matrix<S>, name: String) throws {
        // Decomposed at the input's precision so that eigenvalues at its rounding level become 0;
        // the eigensolver computes in Double either way.
        let eigen: (values: [S], vectors: Matrix<S>)
        do {
            eigen = try matrix.psdEigen(tolerance: S.ulpOfOne.squareRoot())
        } catch let error as LinearAlgebraError {
            throw PSDSpectrum.inputError(error, name: name)
        }
        values = eigen.values.map { Double($0) }
        vectors = eigen.vectors.converted(to: Double.self)
        dimension = matrix.rows
        trace = (0..<matrix.rows).reduce(0) { $0 + Double(matrix[$1, $1]) }
    }

    /// The input error for a problem the eigensolver found, naming the argument.
    static func inputError(_ error: LinearAlgebraError, name: String) -> OTInputError {
        switch error {
        case let .notSquare(_, rows, columns):
            return OTInputError("\(name) is \(rows) x \(columns); expected a square covariance matrix")
        case let .nonFinite(_, row, column):
            return OTInputError("\(name) has a non-finite value at row \(row), column \(column)")
        case let .notSymmetric(_, row, column, asymmetry, tolerance):
            return OTInputError(
                "\(name) is not symmetric: |\(name)[\(row), \(column)] - \(name)[\(column), \(row)]| = \(asymmetry) "
                    + "exceeds \(tolerance)")
        case let .notPositiveSemidefinite(_, eigenvalue, _):
            return OTInputError(
                "\(name) is not positive semidefinite: it has the eigenvalue \(eigenvalue); "
                    + "expected a covariance matrix")
        default:
            return OTInputError("\(name): \(error)")
        }
    }

    /// The factor `X = V diag(√λ)` with `X Xᵀ = A`.
    /// - Complexity: O(d²).
    var factor: Matrix<Double> {
        var x = vectors
        for j in 0..<dimension {
            let root = values[j].squareRoot()
            for i in 0..<dimension { x[i, j] *= root }
        }
        return x
    }

    /// `V diag(g(λ)) Vᵀ`, exactly symmetric.
    /// - Complexity: one d x d x d GEMM.
    func function(_ g: (Double) -> Double) -> Matrix<Double> {
        var scaled = vectors
        for j in 0..<dimension {
            let factor = g(values[j])
            for i in 0..<dimension { scaled[i, j] *= factor }
        }
        return PSDSpectrum.symmetrized(matmul(scaled, vectors, transposeB: true))
    }

    /// The principal square root `A^{1/2}`.
    var squareRoot: Matrix<Double> { function { $0.squareRoot() } }

    /// `A^{-1/2}`, for a positive definite `A`.
    /// - Throws: ``OTInputError`` naming `name` when `A` is singular (an eigenvalue at the rounding level).
    func inverseSquareRoot(name: String) throws -> Matrix<Double> {
        guard let lowest = values.first, lowest > 0 else {
            throw OTInputError("\(name) is singular; expected a positive definite covariance matrix")
        }
        return function { 1 / $0.squareRoot() }
    }

    /// `(M + Mᵀ) / 2`.
    /// - Complexity: O(d²).
    static func symmetrized(_ m: Matrix<Double>) -> Matrix<Double> {
        Matrix(rows: m.rows, columns: m.columns) { i, j in 0.5 * (m[i, j] + m[j, i]) }
    }
}
