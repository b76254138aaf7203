import OTKernels
import OptimalTransport

/// The target covariance `S0` of a deep linear generator, with the spectral data every loss and
/// diagnostic needs, computed once:
///
/// ```
/// S0 = Q diag(l_1 ≥ l_2 ≥ ... ≥ l_d) Qᵀ,   R0 = S0^{1/2} = Q diag(√l_i) Qᵀ.
/// ```
public struct BuresLinearTarget: Sendable {
    /// `S0`, exactly symmetric (`d x d`).
    public let covariance: Matrix<Double>
    /// The eigenvalues `l_1 ≥ ... ≥ l_d ≥ 0`, descending.
    public let eigenvalues: [Double]
    /// `Q`: column `i` is the unit eigenvector of `eigenvalues[i]`.
    public let eigenvectors: Matrix<Double>
    /// `R0 = S0^{1/2}`, exactly symmetric.
    public let squareRoot: Matrix<Double>

    /// The dimension `d`.
    public var dimension: Int { covariance.rows }

    /// Validates and decomposes a user's target covariance.
    ///
    /// - Throws: ``OTInputError`` naming `name` if `covariance` is empty, not square, not finite,
    ///   not symmetric within `√ε · max|S_ij|`, or has an eigenvalue below `−√ε · max|λ|` (not
    ///   positive semidefinite). Eigenvalues at the rounding level are set to 0.
    /// - Complexity: one symmetric eigendecomposition, about 9 d³ flops.
    public init(covariance: Matrix<Double>, name: String = "target covariance") throws {
        guard covariance.rows > 0 else { throw OTInputError("\(name) is empty; expected a d x d covariance matrix") }
        let eigen: (values: [Double], vectors: Matrix<Double>)
        do {
            eigen = try covariance.psdEigen()
        } catch let error as LinearAlgebraError {
            throw OTInputError(covariance: name, problem: error)
        }
        let d = covariance.rows
        let order = Array((0..<d).reversed())
        eigenvalues = order.map { max(0, eigen.values[$0]) }
        eigenvectors = Matrix(rows: d, columns: d) { i, j in eigen.vectors[i, order[j]] }
        self.covariance = Matrix(rows: d, columns: d) { i, j in 0.5 * (covariance[i, j] + covariance[j, i]) }
        squareRoot = BuresLinearTarget.spectralFunction(eigenvectors, eigenvalues.map { $0.squareRoot() })
    }

    /// `Q diag(values) Qᵀ` over the first `values.count` columns of `q`, exactly symmetric.
    /// - Complexity: O(d² · values.count).
    static func spectralFunction(_ q: Matrix<Double>, _ values: [Double]) -> Matrix<Double> {
        let d = q.rows
        var out = Matrix<Double>(rows: d, columns: d)
        for i in 0..<d {
            for j in i..<d {
                var sum = 0.0
                for (r, value) in values.enumerated() { sum += q[i, r] * value * q[j, r] }
                out[i, j] = sum
                out[j, i] = sum
            }
        }
        return out
    }
}
