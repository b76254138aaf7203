/// Everything that can go wrong while reading or writing a data file (NPY, CSV, IDX, gzip,
/// an MNIST folder).
///
/// Every case carries the path of the file concerned, and ``description`` is a single line that
/// starts with that path and says what was expected, e.g.
/// `data/x.npy: unsupported dtype '<i4' (expected '<f4' or '<f8')`.
public enum DataFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read (`reason` is the operating system's message).
    case cannotRead(path: String, reason: String)
    /// The file could not be written (`reason` is the operating system's message).
    case cannotWrite(path: String, reason: String)
    /// The file ends before `expected` bytes of `what` could be read; only `actual` were there.
    case truncated(path: String, what: String, expected: Int, actual: Int)
    /// The file does not start with the magic bytes of `format`.
    case badMagic(path: String, format: String, found: String)
    /// The header could not be parsed; `detail` says what was expected where.
    case malformedHeader(path: String, detail: String)
    /// The element type stored in the file is not one this reader accepts.
    case unsupportedElementType(path: String, found: String, expected: String)
    /// The array layout (e.g. Fortran order) is not supported.
    case unsupportedLayout(path: String, detail: String)
    /// The stored shape does not fit what was asked for, or disagrees with the data length.
    case shapeMismatch(path: String, detail: String)
    /// A CSV row (at 1-based `line`) has `found` fields where the rows before it had `expected`.
    case raggedRow(path: String, line: Int, expected: Int, found: Int)
    /// A CSV field (1-based `line` and `column`, the column counted in fields) is not a number.
    case unparsableNumber(path: String, line: Int, column: Int, text: String)
    /// A CSV field is NaN or infinite and the reader was told to reject those.
    case nonFiniteValue(path: String, line: Int, column: Int, text: String)
    /// The compressed stream is corrupt or ends early.
    case corruptCompressedData(path: String, detail: String)
    /// A file that a folder must hold is absent (`name` lists the accepted spellings).
    case missingFile(name: String, folder: String)
    /// The file's name does not say which format it is in.
    case unknownFormat(path: String, expected: String)

    /// The path of the file (or folder) the error is about.
    public var path: String {
        switch self {
        case .cannotRead(let path, _), .cannotWrite(let path, _), .truncated(let path, _, _, _),
            .badMagic(let path, _, _), .malformedHeader(let path, _), .unsupportedElementType(let path, _, _),
            .unsupportedLayout(let path, _), .shapeMismatch(let path, _), .raggedRow(let path, _, _, _),
            .unparsableNumber(let path, _, _, _), .nonFiniteValue(let path, _, _, _),
            .corruptCompressedData(let path, _), .unknownFormat(let path, _):
            return path
        case .missingFile(_, let folder):
            return folder
        }
    }

    /// One line: the file, then what was wrong and what was expected.
    public var description: String {
        switch self {
        case .cannotRead(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .truncated(let path, let what, let expected, let actual):
            return "\(path): file is truncated: expected \(expected) bytes of \(what), found \(actual)"
        case .badMagic(let path, let format, let found):
            return "\(path): not a valid \(format) file (its first bytes are \(found))"
        case .malformedHeader(let path, let detail):
            return "\(path): malformed header: \(detail)"
        case .unsupportedElementType(let path, let found, let expected):
            return "\(path): unsupported element type \(found) (expected \(expected))"
        case .unsupportedLayout(let path, let detail):
            return "\(path): unsupported layout: \(detail)"
        case .shapeMismatch(let path, let detail):
            return "\(path): shape mismatch: \(detail)"
        case .raggedRow(let path, let line, let expected, let found):
            return "\(path):\(line): row has \(found) fields, expected \(expected) like the rows before it"
        case .unparsableNumber(let path, let line, let column, let text):
            return "\(path):\(line):\(column): expected a number, found '\(text)'"
        case .nonFiniteValue(let path, let line, let column, let text):
            return "\(path):\(line):\(column): expected a finite number, found '\(text)'"
                + " (NaN and infinity are not allowed)"
        case .corruptCompressedData(let path, let detail):
            return "\(path): corrupt compressed data: \(detail)"
        case .missingFile(let name, let folder):
            return "\(folder): missing file \(name) in this folder"
        case .unknownFormat(let path, let expected):
            return "\(path): unknown file format (expected a name ending in \(expected))"
        }
    }
}
