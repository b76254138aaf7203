import OTKernels

/// A problem with the inputs of an optimal transport computation, thrown at the API edge.
///
/// The message names the argument and what was expected, so the command line can print it as is.
public struct OTInputError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What was wrong, in one line.
    public let message: String

    /// An error with the one-line `message`.
    public init(_ message: String) { self.message = message }

    /// The one-line message.
    public var description: String { message }
}

/// Input checks shared by the solvers. Each throws ``OTInputError`` naming `name`.
public enum Validate {
    /// Throws unless `points` has at least one row and one column and only finite entries.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public static func points<S: OTScalar>(_ points: Matrix<S>, name: String) throws {
        guard points.rows > 0, points.columns > 0 else {
            throw OTInputError("\(name) is empty (\(points.rows) x \(points.columns)); expected at least one point")
        }
        if let bad = points.elements.firstIndex(where: { !$0.isFinite }) {
            throw OTInputError(
                "\(name) has a non-finite value \(points.elements[bad]) at row \(bad / points.columns), column \(bad % points.columns)")
        }
    }

    /// Throws unless `weights` has `count` finite non-negative entries with a positive sum.
    public static func weights<S: OTScalar>(_ weights: [S], count: Int, name: String) throws {
        guard weights.count == count else {
            throw OTInputError("\(name) has \(weights.count) entries for \(count) points")
        }
        if let i = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw OTInputError("\(name)[\(i)] = \(weights[i]); expected a finite non-negative weight")
        }
        guard weights.reduce(0, +) > 0 else {
            throw OTInputError("\(name) has zero total mass; expected a positive sum")
        }
    }

    /// Throws unless two clouds have the same dimension.
    public static func sameDimension<S: OTScalar>(_ x: Matrix<S>, _ y: Matrix<S>, names: (String, String)) throws {
        guard x.columns == y.columns else {
            throw OTInputError("\(names.0) has dimension \(x.columns) but \(names.1) has \(y.columns)")
        }
    }

    /// Throws unless `value` is finite and strictly positive (an epsilon, a tau, a step size).
    public static func positive<S: OTScalar>(_ value: S, name: String) throws {
        guard value.isFinite, value > 0 else {
            throw OTInputError("\(name) = \(value); expected a finite value > 0")
        }
    }
}
