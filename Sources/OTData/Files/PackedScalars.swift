/// Decoding and encoding of packed IEEE 754 elements in a given byte order, for the binary
/// formats (NPY is little-endian, IDX big-endian).
///
/// The loops load unaligned words, swap bytes when the order differs from the machine's, and
/// reinterpret the bits; the compiler turns them into vector moves (memcpy speed when no swap
/// is needed).
enum PackedScalars {
    /// `count` binary32 values starting at `bytes[offset]`.
    /// - Precondition: `offset + 4 * count <= bytes.count`.
    /// - Complexity: O(count).
    static func floats(_ bytes: [UInt8], offset: Int, count: Int, bigEndian: Bool) -> [Float] {
        precondition(offset >= 0 && offset + 4 * count <= bytes.count, "PackedScalars: range out of the buffer")
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            bytes.withUnsafeBytes { raw in
                let base = raw.baseAddress! + offset
                for i in 0..<count {
                    let word = base.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)
                    out[i] = Float(bitPattern: bigEndian ? UInt32(bigEndian: word) : UInt32(littleEndian: word))
                }
            }
            initialized = count
        }
    }

    /// `count` binary64 values starting at `bytes[offset]`.
    /// - Precondition: `offset + 8 * count <= bytes.count`.
    /// - Complexity: O(count).
    static func doubles(_ bytes: [UInt8], offset: Int, count: Int, bigEndian: Bool) -> [Double] {
        precondition(offset >= 0 && offset + 8 * count <= bytes.count, "PackedScalars: range out of the buffer")
        return [Double](unsafeUninitializedCapacity: count) { out, initialized in
            bytes.withUnsafeBytes { raw in
                let base = raw.baseAddress! + offset
                for i in 0..<count {
                    let word = base.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)
                    out[i] = Double(bitPattern: bigEndian ? UInt64(bigEndian: word) : UInt64(littleEndian: word))
                }
            }
            initialized = count
        }
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
