import OTKernels

/// The file name endings `Matrix(dataFileAt:)` understands, for its error message.
private let readableEndings = ".npy, .csv, .idx, -ubyte or .gz (gzip IDX)"

extension Matrix {
    /// The matrix in the file at `path`, in the format its name says: `.npy` (see
    /// ``init(npyAt:)``), `.csv` (see ``init(csvAt:options:)``, default options), or IDX
    /// (`.idx`, `-ubyte`, `.gz`; one row per outermost index, values unscaled).
    /// - Complexity: O(file size).
    /// - Throws: ``DataFileError`` naming `path`: an unknown name ending, or any error of the
    ///   format's reader.
    public init(dataFileAt path: String) throws(DataFileError) {
        let name = path.lowercased()
        if name.hasSuffix(".npy") {
            self = try Matrix(npyAt: path)
        } else if name.hasSuffix(".csv") {
            self = try Matrix(csvAt: path)
        } else if name.hasSuffix(".idx") || name.hasSuffix("-ubyte") || name.hasSuffix(".gz") {
            let array = try IDX.read(from: path)
            guard !array.dimensions.isEmpty else {
                throw .shapeMismatch(path: path, detail: "a 0-dimensional IDX array is not a matrix")
            }
            self = array.matrix(as: Scalar.self)
        } else {
            throw .unknownFormat(path: path, expected: readableEndings)
        }
    }

    /// Writes the matrix to `path` in the format its name says: `.npy` or `.csv`.
    /// - Complexity: O(rows * columns).
    /// - Throws: ``DataFileError/unknownFormat(path:expected:)`` for another ending,
    ///   ``DataFileError/cannotWrite(path:reason:)``.
    public func write(toDataFile path: String) throws(DataFileError) {
        let name = path.lowercased()
        if name.hasSuffix(".npy") {
            try writeNPY(to: path)
        } else if name.hasSuffix(".csv") {
            try writeCSV(to: path)
        } else {
            throw .unknownFormat(path: path, expected: ".npy or .csv")
        }
    }
}
