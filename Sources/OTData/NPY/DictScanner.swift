/// A parser for the small subset of Python literals an NPY header holds: a dict with string
/// keys whose values are strings, `True`/`False`, or tuples of non-negative integers.
struct DictScanner {
    /// A parsed value.
    enum Value: Equatable {
        case string(String)
        case bool(Bool)
        case tuple([Int])
    }

    private let text: ArraySlice<UInt8>
    private let path: String
    private var position: Int

    init(text: ArraySlice<UInt8>, path: String) {
        self.text = text
        self.path = path
        self.position = text.startIndex
    }

    /// Parses `{ key: value, ... }` (a trailing comma is allowed), then checks that only
    /// whitespace follows.
    /// - Complexity: O(text length).
    mutating func parseDict() throws(DataFileError) -> [String: Value] {
        try expect(UInt8(ascii: "{"))
        var fields = [String: Value]()
        while true {
            skipSpace()
            if peek == UInt8(ascii: "}") { break }
            let key = try parseString()
            try expect(UInt8(ascii: ":"))
            guard fields.updateValue(try parseValue(), forKey: key) == nil else {
                throw fail("duplicate key '\(key)'")
            }
            skipSpace()
            if peek == UInt8(ascii: ",") { position += 1 } else { break }
        }
        try expect(UInt8(ascii: "}"))
        skipSpace()
        guard position == text.endIndex else { throw fail("unexpected text after the closing '}'") }
        return fields
    }

    private var peek: UInt8? { position < text.endIndex ? text[position] : nil }

    private mutating func skipSpace() {
        while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { position += 1 }
    }

    private func fail(_ detail: String) -> DataFileError {
        .malformedHeader(path: path, detail: "\(detail) at offset \(position - text.startIndex) of the header text")
    }

    private mutating func expect(_ c: UInt8) throws(DataFileError) {
        skipSpace()
        guard peek == c else { throw fail("expected '\(Character(Unicode.Scalar(c)))'") }
        position += 1
    }

    private mutating func parseValue() throws(DataFileError) -> Value {
        skipSpace()
        switch peek {
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "("): return .tuple(try parseTuple())
        default:
            for (word, value) in [("True", true), ("False", false)] where text[position...].starts(with: word.utf8) {
                position += word.utf8.count
                return .bool(value)
            }
            throw fail("expected a string, a tuple, True or False")
        }
    }

    private mutating func parseString() throws(DataFileError) -> String {
        skipSpace()
        guard let quote = peek, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
            throw fail("expected a quoted string")
        }
        let start = position + 1
        guard let end = text[start...].firstIndex(of: quote) else { throw fail("unterminated string") }
        position = end + 1
        return String(decoding: text[start..<end], as: UTF8.self)
    }

    /// `(2, 3)`, `(3,)` or `()`; a Python 2 `L` suffix on an integer is accepted.
    private mutating func parseTuple() throws(DataFileError) -> [Int] {
        try expect(UInt8(ascii: "("))
        var values = [Int]()
        while true {
            skipSpace()
            if peek == UInt8(ascii: ")") { break }
            values.append(try parseInteger())
            skipSpace()
            if peek == UInt8(ascii: ",") { position += 1 } else { break }
        }
        try expect(UInt8(ascii: ")"))
        return values
    }

    private mutating func parseInteger() throws(DataFileError) -> Int {
        let start = position
        var value = 0
        while let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
            let (scaled, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = scaled.addingReportingOverflow(Int(c - UInt8(ascii: "0")))
            guard !o1 && !o2 else { throw fail("integer too large") }
            value = sum
            position += 1
        }
        guard position > start else { throw fail("expected a non-negative integer") }
        if peek == UInt8(ascii: "L") { position += 1 }
        return value
    }
}
