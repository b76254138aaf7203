/// A problem with the input of a dense linear-algebra routine (eigendecomposition, SVD, matrix
/// functions, Cholesky), or a failure of its iteration to converge.
///
/// Every case prints as one line that names the routine and what was expected, so a command-line
/// tool can show it as is.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The routine needs a square matrix but got `rows x columns`.
    case notSquare(operation: String, rows: Int, columns: Int)
    /// Element `(row, column)` is NaN or infinite.
    case nonFinite(operation: String, row: Int, column: Int)
    /// `|A[row, column] − A[column, row]|` is `asymmetry`, above `tolerance` (both absolute).
    case notSymmetric(operation: String, row: Int, column: Int, asymmetry: Double, tolerance: Double)
    /// The matrix has the eigenvalue `eigenvalue`, below `−tolerance`: it is not positive semidefinite.
    case notPositiveSemidefinite(operation: String, eigenvalue: Double, tolerance: Double)
    /// The matrix is not (numerically) positive definite: `detail` says where this showed.
    case notPositiveDefinite(operation: String, detail: String)
    /// Two operands have shapes that do not fit together.
    case shapeMismatch(operation: String, detail: String)
    /// An argument other than the matrix is invalid.
    case invalidArgument(operation: String, name: String, detail: String)
    /// The iteration did not converge within `iterations` steps (sweeps, QL iterations).
    case didNotConverge(operation: String, iterations: Int)

    /// The one-line message.
    public var description: String {
        switch self {
        case let .notSquare(operation, rows, columns):
            return "\(operation): the matrix is \(rows) x \(columns); expected a square matrix"
        case let .nonFinite(operation, row, column):
            return "\(operation): the matrix has a non-finite value at row \(row), column \(column); "
                + "expected finite values"
        case let .notSymmetric(operation, row, column, asymmetry, tolerance):
            return "\(operation): the matrix is not symmetric: |A[\(row), \(column)] - A[\(column), \(row)]| = "
                + "\(asymmetry) exceeds the tolerance \(tolerance)"
        case let .notPositiveSemidefinite(operation, eigenvalue, tolerance):
            return "\(operation): the matrix is not positive semidefinite: it has the eigenvalue \(eigenvalue), "
                + "below -\(tolerance)"
        case let .notPositiveDefinite(operation, detail):
            return "\(operation): the matrix is not positive definite: \(detail)"
        case let .shapeMismatch(operation, detail):
            return "\(operation): \(detail)"
        case let .invalidArgument(operation, name, detail):
            return "\(operation): \(name) \(detail)"
        case let .didNotConverge(operation, iterations):
            return "\(operation): did not converge within \(iterations) iterations"
        }
    }
}
