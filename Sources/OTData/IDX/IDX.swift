/// Reading and writing IDX files (the format of the MNIST files), plain or gzip-compressed.
public enum IDX {
    /// The array in the IDX file at `path`; a gzip-compressed file (recognized by its magic
    /// bytes, whatever its name) is decompressed first.
    /// - Complexity: O(file size) plus decompression.
    /// - Throws: ``DataFileError`` naming `path`: unreadable, corrupt or truncated gzip, bad
    ///   magic, unknown type code, truncated data, trailing bytes.
    public static func read(from path: String) throws(DataFileError) -> IDXArray {
        var bytes = try FileBytes.readAll(path)
        if Gzip.isCompressed(bytes) { bytes = try Gzip.decompress(bytes, path: path) }
        return try decode(bytes, path: path)
    }

    /// Writes `array` to `path` as IDX, gzip-compressed if `path` ends in `.gz`. The file is
    /// replaced atomically.
    /// - Precondition: at most 255 dimensions, each below 2^32 (what the format can store).
    /// - Complexity: O(payload size).
    /// - Throws: ``DataFileError/cannotWrite(path:reason:)``.
    public static func write(_ array: IDXArray, to path: String) throws(DataFileError) {
        precondition(array.dimensions.count <= 255 && array.dimensions.allSatisfy { $0 <= Int(UInt32.max) },
                     "IDX.write: dimensions \(array.dimensions) do not fit the IDX header")
        var bytes: [UInt8] = [0, 0, array.elementType.rawValue, UInt8(array.dimensions.count)]
        for extent in array.dimensions {
            withUnsafeBytes(of: UInt32(extent).bigEndian) { bytes.append(contentsOf: $0) }
        }
        bytes.append(contentsOf: array.payload)
        try FileBytes.writeAtomically(path.hasSuffix(".gz") ? Gzip.compress(bytes) : bytes, to: path)
    }

    /// The array in `bytes`, the (decompressed) content of the file at `path`.
    static func decode(_ bytes: [UInt8], path: String) throws(DataFileError) -> IDXArray {
        guard bytes.count >= 4 else {
            throw .truncated(path: path, what: "IDX magic", expected: 4, actual: bytes.count)
        }
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw .badMagic(path: path, format: "IDX", found: FileBytes.hexPrefix(bytes))
        }
        guard let type = IDXArray.ElementType(rawValue: bytes[2]) else {
            let code = FileBytes.hexPrefix([bytes[2]])
            throw .unsupportedElementType(
                path: path, found: "0x\(code)",
                expected: "0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32 or 0x0E float64")
        }
        let rank = Int(bytes[3])
        let dataOffset = 4 + 4 * rank
        guard bytes.count >= dataOffset else {
            throw .truncated(path: path, what: "IDX dimensions (\(rank) of 4 bytes each)", expected: dataOffset,
                             actual: bytes.count)
        }
        var dimensions = [Int]()
        var count = 1
        for d in 0..<rank {
            let extent = bytes[(4 + 4 * d)..<(8 + 4 * d)].reduce(0) { $0 << 8 | Int($1) }
            dimensions.append(extent)
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw .shapeMismatch(path: path, detail: "dimensions \(dimensions) are too large") }
            count = product
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: type.byteCount)
        guard !overflow else { throw .shapeMismatch(path: path, detail: "dimensions \(dimensions) are too large") }
        let available = bytes.count - dataOffset
        let what = "\(type) data for dimensions \(dimensions)"
        guard available >= needed else { throw .truncated(path: path, what: what, expected: needed, actual: available) }
        guard available == needed else {
            throw .shapeMismatch(path: path, detail: "\(available - needed) bytes remain after the \(what)")
        }
        return IDXArray(elementType: type, dimensions: dimensions, payload: bytes[dataOffset...])
    }
}
