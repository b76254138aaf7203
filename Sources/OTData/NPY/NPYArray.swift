import OTKernels

/// A dense array of any rank as NPY files store it: a shape and the elements in C order
/// (row-major, last index fastest).
public struct NPYArray<Scalar: OTScalar>: Equatable, Sendable {
    /// The extent of each dimension; `[]` for a scalar, `[n]` for a vector, `[rows, columns]`
    /// for a matrix.
    public let shape: [Int]
    /// The elements in C order; `elements.count` is the product of ``shape``.
    public let elements: [Scalar]

    /// An array of the given shape over C-ordered `elements`.
    /// - Precondition: `elements.count` equals the product of `shape`, all extents non-negative.
    public init(shape: [Int], elements: [Scalar]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "NPYArray: negative extent in shape \(shape)")
        precondition(shape.reduce(1, *) == elements.count,
                     "NPYArray: \(elements.count) elements for shape \(shape)")
        self.shape = shape
        self.elements = elements
    }

    /// The array as a matrix: a 2-D array as it is, a 1-D array of length `n` as an `n x 1`
    /// column.
    /// - Complexity: O(1) (the elements are shared, not copied).
    /// - Throws: ``DataFileError/shapeMismatch(path:detail:)`` naming `path` for any other rank.
    public func matrix(path: String) throws(DataFileError) -> Matrix<Scalar> {
        switch shape.count {
        case 1: return Matrix(rows: shape[0], columns: 1, elements: elements)
        case 2: return Matrix(rows: shape[0], columns: shape[1], elements: elements)
        default:
            throw .shapeMismatch(path: path, detail: "array has shape \(NPY.describe(shape)), expected 1-D or 2-D")
        }
    }

    /// The array as a vector: a 1-D array, or a 2-D array with a single row or column.
    /// - Complexity: O(1) (the elements are shared, not copied).
    /// - Throws: ``DataFileError/shapeMismatch(path:detail:)`` naming `path` for any other shape.
    public func vector(path: String) throws(DataFileError) -> [Scalar] {
        guard shape.count == 1 || (shape.count == 2 && (shape[0] == 1 || shape[1] == 1)) else {
            throw .shapeMismatch(
                path: path,
                detail: "array has shape \(NPY.describe(shape)), expected 1-D (or 2-D with one row or column)")
        }
        return elements
    }
}
