import OTData
import OTKernels

/// The points and weights of one `swiftot ot` run, read from their files.
///
/// Files are read as they are: checking the values (finite points, equal dimensions, one
/// non-negative weight per point) is the solver's job, which throws the library's
/// `OTInputError`.
struct OTInputs<S: OTScalar> {
    /// Source points, one per row.
    var source: Matrix<S>
    /// Target points, one per row.
    var target: Matrix<S>
    /// Source weights, `nil` for uniform.
    var sourceWeights: [S]?
    /// Target weights, `nil` for uniform.
    var targetWeights: [S]?

    /// Reads the points at `source` and `target` and the weights at the optional paths.
    ///
    /// - Throws: `DataFileError` for a file that cannot be read or parsed, ``WeightFileError``
    ///   for a weight file that is not a vector.
    init(source: String, target: String, sourceWeights: String?, targetWeights: String?) throws {
        self.source = try Matrix(dataFileAt: source)
        self.target = try Matrix(dataFileAt: target)
        self.sourceWeights = try sourceWeights.map { try Self.weights(at: $0, option: "--source-weights") }
        self.targetWeights = try targetWeights.map { try Self.weights(at: $0, option: "--target-weights") }
    }

    /// The vector in the file at `path`: one value per row of a one-column table, or the values of
    /// a one-row table (a 1-D `.npy` array reads as one column).
    static func weights(at path: String, option: String) throws -> [S] {
        let matrix = try Matrix<S>(dataFileAt: path)
        guard matrix.columns == 1 || matrix.rows == 1 else {
            throw WeightFileError(option: option, path: path, rows: matrix.rows, columns: matrix.columns)
        }
        return matrix.elements
    }
}

/// A weight file that holds a table of several rows and columns instead of a vector.
struct WeightFileError: Error, CustomStringConvertible {
    /// The option that named the file.
    let option: String
    /// The file.
    let path: String
    /// Its shape.
    let rows: Int, columns: Int

    var description: String {
        "\(option) \(path) is a \(rows) x \(columns) table; expected one weight per point"
            + " (a vector .npy or a one-column CSV)"
    }
}
