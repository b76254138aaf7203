/// Byte order of packed IEEE 754 elements in NPY files, which are little-endian whatever the
/// machine.
enum PackedScalars {
    /// `values` read from little-endian storage: unchanged on a little-endian machine,
    /// byte-swapped on a big-endian one.
    /// - Complexity: O(1) on little-endian machines, O(values.count) otherwise.
    static func fromLittleEndian(_ values: [Float]) -> [Float] {
        #if _endian(little)
        return values
        #else
        return values.map { Float(bitPattern: $0.bitPattern.byteSwapped) }
        #endif
    }

    /// `values` read from little-endian storage (see the `Float` overload).
    /// - Complexity: O(1) on little-endian machines, O(values.count) otherwise.
    static func fromLittleEndian(_ values: [Double]) -> [Double] {
        #if _endian(little)
        return values
        #else
        return values.map { Double(bitPattern: $0.bitPattern.byteSwapped) }
        #endif
    }

    /// Appends `values` as little-endian binary32 to `bytes`.
    /// - Complexity: O(values.count).
    static func appendLittleEndian(_ values: [Float], to bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + 4 * values.count)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
    }

    /// Appends `values` as little-endian binary64 to `bytes`.
    /// - Complexity: O(values.count).
    static func appendLittleEndian(_ values: [Double], to bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + 8 * values.count)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
    }
}
