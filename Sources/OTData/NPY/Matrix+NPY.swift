import OTKernels

extension Matrix {
    /// The matrix stored in the NPY file at `path`: a 2-D array as it is, a 1-D array of
    /// length `n` as an `n x 1` column; float32 or float64 converted to `Scalar`.
    /// - Complexity: O(file size).
    /// - Throws: ``DataFileError`` naming `path` (see ``NPY/read(from:as:)``), or a shape
    ///   mismatch for rank other than 1 or 2.
    public init(npyAt path: String) throws(DataFileError) {
        self = try NPY.read(from: path, as: Scalar.self).matrix(path: path)
    }

    /// Writes the matrix to `path` as a 2-D NPY file (`rows x columns`, C order), stored as
    /// `elementType` (default: the type that holds `Scalar` exactly).
    /// - Complexity: O(rows * columns).
    /// - Throws: ``DataFileError/cannotWrite(path:reason:)``.
    public func writeNPY(to path: String, as elementType: NPYElementType = .storing(Scalar.self))
        throws(DataFileError)
    {
        try NPY.write(NPYArray(shape: [rows, columns], elements: elements), to: path, as: elementType)
    }
}

extension Array where Element: OTScalar {
    /// The vector stored in the NPY file at `path`: a 1-D array, or a 2-D array with one row or
    /// one column; float32 or float64 converted to `Element`.
    /// - Complexity: O(file size).
    /// - Throws: ``DataFileError`` naming `path` (see ``NPY/read(from:as:)``), or a shape
    ///   mismatch for any other shape.
    public init(npyAt path: String) throws(DataFileError) {
        self = try NPY.read(from: path, as: Element.self).vector(path: path)
    }

    /// Writes the array to `path` as a 1-D NPY file, stored as `elementType` (default: the type
    /// that holds `Element` exactly).
    /// - Complexity: O(count).
    /// - Throws: ``DataFileError/cannotWrite(path:reason:)``.
    public func writeNPY(to path: String, as elementType: NPYElementType = .storing(Element.self))
        throws(DataFileError)
    {
        try NPY.write(NPYArray(shape: [count], elements: self), to: path, as: elementType)
    }
}
