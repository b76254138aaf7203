import OTKernels

/// Reading and writing CSV files of numbers: one matrix row per line, fields separated by a
/// comma (or ``CSVOptions/separator``), an optional header line of column names.
///
/// Blank lines are skipped, `\r\n` line ends are accepted, spaces around fields are ignored and
/// a header's names may be double-quoted. A row with a different number of fields, a field that
/// is not a number, or (unless allowed) a NaN or infinity is a ``DataFileError`` naming the
/// file, the line and the column.
public enum CSV {
    /// The table in the CSV file at `path`, numbers parsed directly as `S` (correctly rounded).
    /// - Complexity: O(file size).
    /// - Throws: ``DataFileError`` naming `path`: unreadable, ragged row, unparsable number,
    ///   non-finite number when `options.allowsNonFinite` is false.
    public static func read<S: OTScalar>(
        from path: String, as _: S.Type = S.self, options: CSVOptions = CSVOptions()
    ) throws(DataFileError) -> CSVTable<S> {
        try parse(FileBytes.readAll(path), path: path, options: options)
    }

    /// Writes `matrix` to `path` as CSV, one row per line, each number in the shortest form
    /// that reads back to the same value; a header line first if `columnNames` is given. The
    /// file is replaced atomically.
    /// - Precondition: `columnNames`, if given, has `matrix.columns` names without the
    ///   separator, quotes or line breaks.
    /// - Complexity: O(rows * columns).
    /// - Throws: ``DataFileError/cannotWrite(path:reason:)``.
    public static func write<S: OTScalar>(
        _ matrix: Matrix<S>, columnNames: [String]? = nil, to path: String, separator: UInt8 = UInt8(ascii: ",")
    ) throws(DataFileError) {
        let sep = String(UnicodeScalar(separator))
        var text = ""
        if let columnNames {
            precondition(columnNames.count == matrix.columns,
                         "CSV.write: \(columnNames.count) column names for \(matrix.columns) columns")
            precondition(columnNames.allSatisfy { !$0.contains(sep) && !$0.contains("\"") && !$0.contains("\n") },
                         "CSV.write: a column name contains the separator, a quote or a line break")
            text += columnNames.joined(separator: sep) + "\n"
        }
        matrix.withUnsafeBufferPointer { values in
            for i in 0..<matrix.rows {
                for j in 0..<matrix.columns {
                    if j > 0 { text += sep }
                    text += "\(values[i * matrix.columns + j])"
                }
                text += "\n"
            }
        }
        try FileBytes.writeAtomically(Array(text.utf8), to: path)
    }

    /// The table in `bytes`, the content of the file at `path`.
    ///
    /// Lines and fields are found by scanning bytes (so `\r\n` is two bytes, not the single
    /// grapheme it is as a `Character`); each field is then parsed from a `Substring` of the
    /// decoded text at the same UTF-8 offsets.
    static func parse<S: OTScalar>(_ bytes: [UInt8], path: String, options: CSVOptions) throws(DataFileError)
        -> CSVTable<S>
    {
        // Invalid UTF-8 becomes U+FFFD, which then fails to parse with its line and column.
        let text = String(decoding: bytes, as: UTF8.self)
        let utf8 = Array(text.utf8)
        func field(_ range: Range<Int>) -> Substring {
            let start = text.utf8.index(text.utf8.startIndex, offsetBy: range.lowerBound)
            return text[start..<text.utf8.index(start, offsetBy: range.count)]
        }
        var columnNames: [String]?
        var values = [S]()
        var columns: Int?
        var rows = 0
        var lineNumber = 0
        var fields = [Range<Int>]()
        var lineStart = 0
        while lineStart < utf8.count {
            lineNumber += 1
            let newline = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.count
            defer { lineStart = newline + 1 }
            let lineEnd = newline > lineStart && utf8[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            while true {
                let fieldEnd = utf8[fieldStart..<lineEnd].firstIndex(of: options.separator) ?? lineEnd
                fields.append(trimmed(fieldStart..<fieldEnd, in: utf8))
                if fieldEnd == lineEnd { break }
                fieldStart = fieldEnd + 1
            }
            if fields.count == 1 && fields[0].isEmpty { continue }  // a blank line
            if columns == nil {
                columns = fields.count
                let isHeader: Bool
                switch options.header {
                case .present: isHeader = true
                case .absent: isHeader = false
                case .automatic: isHeader = fields.allSatisfy { number(field($0), as: S.self) == nil }
                }
                if isHeader {
                    columnNames = fields.map { unquoted(field($0)) }
                    continue
                }
            }
            guard fields.count == columns else {
                throw .raggedRow(path: path, line: lineNumber, expected: columns!, found: fields.count)
            }
            for (k, range) in fields.enumerated() {
                guard let value = number(field(range), as: S.self) else {
                    throw .unparsableNumber(path: path, line: lineNumber, column: k + 1, text: excerpt(field(range)))
                }
                guard value.isFinite || options.allowsNonFinite else {
                    throw .nonFiniteValue(path: path, line: lineNumber, column: k + 1, text: excerpt(field(range)))
                }
                values.append(value)
            }
            rows += 1
        }
        let width = rows == 0 ? (columnNames?.count ?? 0) : columns!
        return CSVTable(columnNames: columnNames, matrix: Matrix(rows: rows, columns: width, elements: values))
    }

    /// `field` as the nearest `S`, or `nil` if it is not a number. `Float` is parsed directly
    /// (parsing as `Double` first would round twice).
    static func number<S: OTScalar>(_ field: Substring, as _: S.Type) -> S? {
        if S.self == Float.self { return Float(field).map { S($0) } }
        return Double(field).map { S($0) }
    }

    /// `range` without the spaces and tabs at its ends.
    private static func trimmed(_ range: Range<Int>, in utf8: [UInt8]) -> Range<Int> {
        var (start, end) = (range.lowerBound, range.upperBound)
        while start < end && (utf8[start] == 0x20 || utf8[start] == 0x09) { start += 1 }
        while end > start && (utf8[end - 1] == 0x20 || utf8[end - 1] == 0x09) { end -= 1 }
        return start..<end
    }

    private static func unquoted(_ field: Substring) -> String {
        let quoted = field.count >= 2 && field.first == "\"" && field.last == "\""
        return quoted ? String(field.dropFirst().dropLast()) : String(field)
    }

    /// At most 40 characters of a field, for an error message.
    private static func excerpt(_ field: Substring) -> String {
        field.count <= 40 ? String(field) : String(field.prefix(40)) + "..."
    }
}
