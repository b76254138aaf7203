import OTKernels

/// One non-zero entry `P[source, target] = mass` of a sparse transport plan.
///
/// Exact solvers return their optimal plan as a list of these: a vertex of the transport
/// polytope has at most `n + m - 1` non-zero entries, so the list is far smaller than the dense
/// `n x m` matrix.
public struct TransportEntry<Scalar: OTScalar>: Equatable, Sendable {
    /// Index of the source point (row of the plan).
    public var source: Int
    /// Index of the target point (column of the plan).
    public var target: Int
    /// The mass moved from `source` to `target`, `> 0`.
    public var mass: Scalar

    /// The entry `P[source, target] = mass`.
    @inlinable
    public init(source: Int, target: Int, mass: Scalar) {
        self.source = source
        self.target = target
        self.mass = mass
    }
}

extension Array {
    /// The dense `rows x columns` plan whose non-zero entries are these (repeated pairs add up).
    /// - Precondition: every index lies inside the shape.
    /// - Complexity: O(rows * columns + count).
    @inlinable
    public func densePlan<S: OTScalar>(rows: Int, columns: Int) -> Matrix<S> where Element == TransportEntry<S> {
        var plan = Matrix<S>(rows: rows, columns: columns)
        for entry in self { plan[entry.source, entry.target] += entry.mass }
        return plan
    }
}
