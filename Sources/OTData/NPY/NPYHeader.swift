/// The parsed header of an NPY file (format versions 1.0, 2.0 and 3.0).
///
/// On disk: the magic `\x93NUMPY`, two version bytes, the header length (2 bytes little-endian
/// in version 1, 4 bytes in versions 2 and 3), then a Python dict literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and a
/// newline; the raw elements follow.
struct NPYHeader: Equatable, Sendable {
    /// The element type (`descr`).
    var elementType: NPYElementType
    /// The array's shape; `[]` for a scalar.
    var shape: [Int]
    /// Byte offset of the first element.
    var dataOffset: Int

    /// The number of elements, the product of ``shape``.
    var elementCount: Int { shape.reduce(1, *) }
}

extension NPYHeader {
    /// The six magic bytes every NPY file starts with.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    /// Parses the header at the start of `bytes` (the content of the file at `path`).
    /// - Complexity: O(header length).
    /// - Throws: ``DataFileError`` (bad magic, malformed header, unsupported dtype or order,
    ///   truncated header) naming `path`.
    static func parse(_ bytes: [UInt8], path: String) throws(DataFileError) -> NPYHeader {
        guard bytes.starts(with: magic) else {
            if magic.starts(with: bytes) {
                throw .truncated(path: path, what: "NPY magic", expected: magic.count, actual: bytes.count)
            }
            throw .badMagic(path: path, format: "NPY", found: FileBytes.hexPrefix(bytes))
        }
        guard bytes.count >= 8 else {
            throw .truncated(path: path, what: "NPY version", expected: 8, actual: bytes.count)
        }
        let major = Int(bytes[6])
        let lengthStart = 8
        let lengthBytes: Int
        switch major {
        case 1: lengthBytes = 2
        case 2, 3: lengthBytes = 4
        default:
            throw .malformedHeader(path: path, detail: "format version \(major).\(bytes[7]), expected 1.0, 2.0 or 3.0")
        }
        guard bytes.count >= lengthStart + lengthBytes else {
            throw .truncated(path: path, what: "NPY header length", expected: lengthStart + lengthBytes,
                             actual: bytes.count)
        }
        let textStart = lengthStart + lengthBytes
        let dataOffset = announcedDataOffset(bytes)!
        guard bytes.count >= dataOffset else {
            throw .truncated(path: path, what: "NPY header", expected: dataOffset, actual: bytes.count)
        }
        var scanner = DictScanner(text: bytes[textStart..<dataOffset], path: path)
        let fields = try scanner.parseDict()
        return try NPYHeader(fields: fields, dataOffset: dataOffset, path: path)
    }

    /// Validates the three keys numpy writes and nothing else.
    private init(fields: [String: DictScanner.Value], dataOffset: Int, path: String)
        throws(DataFileError)
    {
        for key in fields.keys where !["descr", "fortran_order", "shape"].contains(key) {
            throw .malformedHeader(path: path, detail: "unexpected key '\(key)' (expected descr, fortran_order, shape)")
        }
        guard case .string(let descr)? = fields["descr"] else {
            throw .malformedHeader(path: path, detail: "expected key 'descr' with a string value")
        }
        guard case .bool(let fortranOrder)? = fields["fortran_order"] else {
            throw .malformedHeader(path: path, detail: "expected key 'fortran_order' with value True or False")
        }
        guard case .tuple(let shape)? = fields["shape"] else {
            throw .malformedHeader(path: path, detail: "expected key 'shape' with a tuple of integers")
        }
        guard let elementType = NPYElementType(rawValue: descr) else {
            let endian = descr.first == ">" ? " (big-endian)" : ""
            throw .unsupportedElementType(
                path: path, found: "'\(descr)'\(endian)",
                expected: "'<f4' or '<f8', little-endian float32 or float64")
        }
        // A Fortran-ordered array of rank <= 1 has the same bytes as a C-ordered one.
        if fortranOrder && shape.count > 1 {
            throw .unsupportedLayout(path: path, detail: "fortran_order is True, expected C order (row-major)")
        }
        var count = 1
        for extent in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw .shapeMismatch(path: path, detail: "shape \(shape) is too large") }
            count = product
        }
        self.init(elementType: elementType, shape: shape, dataOffset: dataOffset)
    }

    /// Where the data starts according to the first bytes of a file (magic, version, header
    /// length: 12 bytes suffice), or `nil` if they are not those of an NPY file or too few.
    static func announcedDataOffset(_ prefix: [UInt8]) -> Int? {
        guard prefix.starts(with: magic), prefix.count >= 8 else { return nil }
        let lengthBytes: Int
        switch prefix[6] {
        case 1: lengthBytes = 2
        case 2, 3: lengthBytes = 4
        default: return nil
        }
        guard prefix.count >= 8 + lengthBytes else { return nil }
        var headerLength = 0
        for k in 0..<lengthBytes { headerLength |= Int(prefix[8 + k]) << (8 * k) }
        return 8 + lengthBytes + headerLength
    }

    /// The header bytes numpy's `np.save` writes for this type and shape: version 1.0 unless the
    /// text needs more than 65535 bytes, padded with spaces and a newline so the data starts at
    /// a multiple of 64 bytes.
    static func encode(elementType: NPYElementType, shape: [Int]) -> [UInt8] {
        let shapeText = NPY.describe(shape)
        let dict = Array("{'descr': '\(elementType.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }".utf8)
        func padded(lengthBytes: Int) -> [UInt8] {
            let unpadded = magic.count + 2 + lengthBytes + dict.count + 1
            return dict + Array(repeating: 0x20, count: (64 - unpadded % 64) % 64) + [0x0A]
        }
        var text = padded(lengthBytes: 2)
        let major: UInt8 = text.count <= 0xFFFF ? 1 : 2
        if major == 2 { text = padded(lengthBytes: 4) }
        var out = magic + [major, 0]
        for k in 0..<(major == 1 ? 2 : 4) { out.append(UInt8(truncatingIfNeeded: text.count >> (8 * k))) }
        return out + text
    }

}
