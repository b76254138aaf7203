import OTKernels

extension OTInputError {
    /// The input error for a problem the eigensolver found in the user's covariance matrix `name`
    /// (not square, not finite, not symmetric, not positive semidefinite), naming the argument.
    public init(covariance name: String, problem error: LinearAlgebraError) {
        switch error {
        case let .notSquare(_, rows, columns):
            self.init("\(name) is \(rows) x \(columns); expected a square covariance matrix")
        case let .nonFinite(_, row, column):
            self.init("\(name) has a non-finite value at row \(row), column \(column)")
        case let .notSymmetric(_, row, column, asymmetry, tolerance):
            self.init(
                "\(name) is not symmetric: |\(name)[\(row), \(column)] - \(name)[\(column), \(row)]| = \(asymmetry) "
                    + "exceeds \(tolerance)")
        case let .notPositiveSemidefinite(_, eigenvalue, _):
            self.init(
                "\(name) is not positive semidefinite: it has the eigenvalue \(eigenvalue); "
                    + "expected a covariance matrix")
        default:
            self.init("\(name): \(error)")
        }
    }
}
