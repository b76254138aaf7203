import OTKernels

/// How ``CSV`` reads a file of numbers.
public struct CSVOptions: Sendable, Equatable {
    /// Whether the first non-blank line names the columns.
    public enum Header: Sendable, Equatable {
        /// The first line is a header if none of its fields parses as a number.
        case automatic
        /// The first line is always a header.
        case present
        /// Every line is data.
        case absent
    }

    /// Header detection; default ``Header/automatic``.
    public var header: Header
    /// The field separator, an ASCII character; default `","`.
    public var separator: UInt8
    /// Whether `nan`, `inf` and numbers that overflow the scalar type are accepted; default
    /// `false`: they are a ``DataFileError/nonFiniteValue(path:line:column:text:)``.
    public var allowsNonFinite: Bool

    /// Options with the given values (all defaulted).
    public init(header: Header = .automatic, separator: UInt8 = UInt8(ascii: ","), allowsNonFinite: Bool = false) {
        self.header = header
        self.separator = separator
        self.allowsNonFinite = allowsNonFinite
    }
}

/// A numeric table read from a CSV file: optional column names and one matrix row per line.
public struct CSVTable<Scalar: OTScalar>: Equatable, Sendable {
    /// The header's column names, or `nil` if the file has no header.
    public var columnNames: [String]?
    /// The numbers, one row per data line.
    public var matrix: Matrix<Scalar>

    /// A table of `matrix` with optional `columnNames`.
    public init(columnNames: [String]?, matrix: Matrix<Scalar>) {
        self.columnNames = columnNames
        self.matrix = matrix
    }
}
