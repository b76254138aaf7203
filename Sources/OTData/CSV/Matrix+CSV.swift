import OTKernels

extension Matrix {
    /// The numbers in the CSV file at `path` (a header line, if any, is skipped; see
    /// ``CSVOptions``).
    /// - Complexity: O(file size).
    /// - Throws: ``DataFileError`` naming `path`, with the line and column of a bad field.
    public init(csvAt path: String, options: CSVOptions = CSVOptions()) throws(DataFileError) {
        self = try CSV.read(from: path, as: Scalar.self, options: options).matrix
    }

    /// Writes the matrix to `path` as CSV (see ``CSV/write(_:columnNames:to:separator:)``).
    /// - Complexity: O(rows * columns).
    /// - Throws: ``DataFileError/cannotWrite(path:reason:)``.
    public func writeCSV(to path: String, columnNames: [String]? = nil) throws(DataFileError) {
        try CSV.write(self, columnNames: columnNames, to: path)
    }
}
