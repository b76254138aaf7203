/// The five PNG scanline filters (PNG specification, section 9) and the choice among them.
///
/// Filtering replaces each byte `x` by its difference from a prediction made from the byte to its
/// left `a` (same channel, previous pixel), above `b` and above-left `c` (0 outside the image),
/// modulo 256. Good predictions give small bytes, which zlib compresses better.
public enum PNGFilter: UInt8, Sendable, CaseIterable {
    /// `x` itself.
    case none = 0
    /// `x - a`.
    case sub = 1
    /// `x - b`.
    case up = 2
    /// `x - floor((a + b) / 2)`.
    case average = 3
    /// `x - paeth(a, b, c)`, the neighbour closest to `a + b - c` (ties prefer `a`, then `b`).
    case paeth = 4

    /// The Paeth predictor of the PNG specification: whichever of `a`, `b`, `c` is closest to
    /// `p = a + b - c`, preferring `a`, then `b`, on ties.
    /// - Complexity: O(1).
    @inlinable
    public static func paethPredictor(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) &+ Int(b) &- Int(c)
        let pa = abs(p &- Int(a))
        let pb = abs(p &- Int(b))
        let pc = abs(p &- Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// Writes the filtered `row` into `out` (same count), given the unfiltered `previous` row (all
    /// zeros for the first row) and `bytesPerPixel`.
    ///
    /// The first pixel (no left neighbour) is handled apart so the main loops carry no branches.
    /// - Complexity: O(row.count).
    @inlinable
    func apply(
        row: UnsafeBufferPointer<UInt8>, previous: UnsafeBufferPointer<UInt8>, bytesPerPixel bpp: Int,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) {
        let n = row.count
        let head = Swift.min(bpp, n)
        switch self {
        case .none:
            for i in 0..<n { out[i] = row[i] }
        case .sub:
            for i in 0..<head { out[i] = row[i] }
            for i in head..<n { out[i] = row[i] &- row[i &- bpp] }
        case .up:
            for i in 0..<n { out[i] = row[i] &- previous[i] }
        case .average:
            for i in 0..<head { out[i] = row[i] &- previous[i] >> 1 }
            for i in head..<n {
                let mean = (UInt16(row[i &- bpp]) &+ UInt16(previous[i])) >> 1
                out[i] = row[i] &- UInt8(truncatingIfNeeded: mean)
            }
        case .paeth:
            // With a = c = 0 the predictor is b.
            for i in 0..<head { out[i] = row[i] &- previous[i] }
            for i in head..<n {
                out[i] = row[i] &- Self.paethPredictor(row[i &- bpp], previous[i], previous[i &- bpp])
            }
        }
    }

    /// The adaptive-filter score of a filtered row: the sum of its bytes read as signed magnitudes.
    @inlinable
    static func score(_ bytes: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var total = 0
        for byte in bytes { total &+= Int(byte < 128 ? byte : 0 &- byte) }
        return total
    }
}

/// How the PNG writer picks a filter for each scanline.
public enum PNGFilterChoice: Sendable, Equatable {
    /// The same filter on every row.
    case fixed(PNGFilter)
    /// Per row, the filter whose output has the smallest sum of bytes read as signed magnitudes
    /// (the heuristic the PNG specification recommends); costs five filter passes per row.
    case adaptive
}
