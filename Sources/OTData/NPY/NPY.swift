import OTKernels

/// Reading and writing NumPy's `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// Supported: little-endian float32 (`'<f4'`) and float64 (`'<f8'`) elements in C order, any
/// rank. Anything else (another dtype, big-endian, Fortran order for rank >= 2, a malformed
/// header, a data length that disagrees with the shape) is a ``DataFileError`` naming the file.
/// Files are written exactly as `numpy.save` writes them.
public enum NPY {
    /// The array stored in the NPY file at `path`, converted to `S` if the file holds the
    /// other precision (float64 to `Float` rounds to nearest; float32 to `Double` is exact).
    ///
    /// The header is read first, then the elements straight into their array: a file is read
    /// once, with no intermediate copy when it holds `S`.
    /// - Complexity: O(file size).
    /// - Throws: ``DataFileError`` naming `path`: unreadable, bad magic, malformed header,
    ///   unsupported dtype or order, truncated data, trailing bytes.
    public static func read<S: OTScalar>(from path: String, as _: S.Type = S.self) throws(DataFileError)
        -> NPYArray<S>
    {
        let file = try OpenFile(path: path)
        // The first 12 bytes give the header's length; a file too short for it is parsed as it
        // is, so the header parser reports what is missing.
        let prefix = try file.bytes(in: 0..<min(file.size, 12))
        let headerEnd = min(file.size, NPYHeader.announcedDataOffset(prefix) ?? prefix.count)
        let header = try NPYHeader.parse(file.bytes(in: 0..<headerEnd), path: path)
        let count = header.elementCount
        let (needed, overflow) = count.multipliedReportingOverflow(by: header.elementType.byteCount)
        guard !overflow else {
            throw .shapeMismatch(path: path, detail: "shape \(describe(header.shape)) is too large")
        }
        let available = file.size - header.dataOffset
        let what = "data for shape \(describe(header.shape)) of '\(header.elementType.rawValue)'"
        guard available >= needed else { throw .truncated(path: path, what: what, expected: needed, actual: available) }
        guard available == needed else {
            throw .shapeMismatch(
                path: path, detail: "\(available - needed) bytes remain after the \(what) (\(needed) bytes)")
        }
        let elements: [S]
        switch header.elementType {
        case .float32:
            let stored = try file.elements(Float.self, count: count, at: header.dataOffset, what: what)
            elements = ScalarArrays.cast(PackedScalars.fromLittleEndian(stored))
        case .float64:
            let stored = try file.elements(Double.self, count: count, at: header.dataOffset, what: what)
            elements = ScalarArrays.cast(PackedScalars.fromLittleEndian(stored))
        }
        return NPYArray(shape: header.shape, elements: elements)
    }

    /// Writes `array` to `path` as an NPY version 1.0 file (2.0 if the header needs it), with
    /// elements stored as `elementType` (default: the type that holds `S` exactly). The file is
    /// replaced atomically.
    /// - Complexity: O(array.elements.count).
    /// - Throws: ``DataFileError/cannotWrite(path:reason:)``.
    public static func write<S: OTScalar>(
        _ array: NPYArray<S>, to path: String, as elementType: NPYElementType = .storing(S.self)
    ) throws(DataFileError) {
        try FileBytes.writeAtomically(encode(array, as: elementType), to: path)
    }

    /// The bytes of an NPY file holding `array` as `elementType`.
    static func encode<S: OTScalar>(_ array: NPYArray<S>, as elementType: NPYElementType) -> [UInt8] {
        var bytes = NPYHeader.encode(elementType: elementType, shape: array.shape)
        switch elementType {
        case .float32: PackedScalars.appendLittleEndian(ScalarArrays.cast(array.elements, to: Float.self), to: &bytes)
        case .float64: PackedScalars.appendLittleEndian(ScalarArrays.cast(array.elements, to: Double.self), to: &bytes)
        }
        return bytes
    }

    /// A shape as Python prints a tuple: `(2, 3)`, `(3,)`, `()`.
    static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
