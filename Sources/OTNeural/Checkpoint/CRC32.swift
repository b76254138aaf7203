/// The CRC-32 checksum of IEEE 802.3 / zlib / PNG (reflected polynomial `0xEDB88320`, initial and
/// final XOR `0xFFFFFFFF`), computed with a 256-entry table. `CRC32.checksum("123456789")` is
/// `0xCBF43926`.
public enum CRC32 {
    /// The lookup table: `table[b]` is the CRC register after shifting byte `b` through 8 rounds.
    static let table: [UInt32] = (0..<256).map { byte in
        var c = UInt32(byte)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC-32 of `bytes`.
    /// - Complexity: O(bytes.count), one table lookup per byte.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        table.withUnsafeBufferPointer { t in
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
            return c ^ 0xFFFF_FFFF
        }
    }
}
