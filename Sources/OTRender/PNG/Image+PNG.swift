import OTKernels
import CZlib

extension Image {
    /// The PNG file of this image: signature, `IHDR` (8 bits per channel, color type 0 gray,
    /// 2 RGB or 6 RGBA, no interlace), one `IDAT` holding the zlib stream of the filtered scanlines,
    /// and `IEND`; every chunk carries its CRC-32 (zlib's `crc32`).
    ///
    /// - Parameters:
    ///   - filter: the scanline filter choice; `.adaptive` usually gives the smallest file.
    ///   - compressionLevel: zlib level, 0 (store) ... 9 (smallest).
    /// - Throws: ``RenderError`` when `compressionLevel` is outside 0...9, the image is too large for
    ///   one PNG chunk (2³¹ - 1 bytes compressed), or zlib fails.
    /// - Complexity: O(width * height * channels) (five times that for `.adaptive` filtering),
    ///   plus zlib's deflate.
    public func pngEncoded(filter: PNGFilterChoice = .adaptive, compressionLevel: Int = 6) throws -> [UInt8] {
        guard (0...9).contains(compressionLevel) else {
            throw RenderError("compressionLevel = \(compressionLevel); expected 0 ... 9")
        }
        let scanlines = filteredScanlines(filter)
        let compressed = try Self.zlibCompress(scanlines, level: compressionLevel)
        guard compressed.count <= Int(Int32.max) else {
            throw RenderError("image \(width) x \(height) compresses to \(compressed.count) bytes; expected < 2^31")
        }
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = [UInt8]()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        let colorType: UInt8 =
            switch format {
            case .gray: 0
            case .rgb: 2
            case .rgba: 6
            }
        // Bit depth 8, color type, compression 0 (deflate), filter method 0, no interlace.
        header += [8, colorType, 0, 0, 0]
        Self.appendChunk("IHDR", header, to: &file)
        Self.appendChunk("IDAT", compressed, to: &file)
        Self.appendChunk("IEND", [], to: &file)
        return file
    }

    /// Writes ``pngEncoded(filter:compressionLevel:)`` to `path` atomically (temporary file + rename).
    /// - Throws: ``RenderError`` from encoding or naming `path` when it cannot be written.
    /// - Complexity: as ``pngEncoded(filter:compressionLevel:)`` plus the write.
    public func writePNG(to path: String, filter: PNGFilterChoice = .adaptive, compressionLevel: Int = 6) throws {
        try AtomicFile.write(pngEncoded(filter: filter, compressionLevel: compressionLevel), to: path)
    }

    /// The image as PNG scanlines: per row, a filter-type byte then the filtered row.
    func filteredScanlines(_ choice: PNGFilterChoice) -> [UInt8] {
        let rowBytes = bytesPerRow
        let bpp = channels
        var out = [UInt8](repeating: 0, count: height &* (rowBytes &+ 1))
        let zeros = [UInt8](repeating: 0, count: rowBytes)
        var scratch = [UInt8](repeating: 0, count: rowBytes)
        pixels.withUnsafeBufferPointer { src in
            zeros.withUnsafeBufferPointer { zeros in
                out.withUnsafeMutableBufferPointer { out in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        for r in 0..<height {
                            let row = UnsafeBufferPointer(rebasing: src[(r &* rowBytes)..<((r &+ 1) &* rowBytes)])
                            let previous =
                                r == 0
                                ? zeros : UnsafeBufferPointer(rebasing: src[((r &- 1) &* rowBytes)..<(r &* rowBytes)])
                            let start = r &* (rowBytes &+ 1)
                            let target = UnsafeMutableBufferPointer(
                                rebasing: out[(start &+ 1)..<(start &+ 1 &+ rowBytes)])
                            let filter: PNGFilter
                            switch choice {
                            case .fixed(let f):
                                filter = f
                            case .adaptive:
                                filter = Self.bestFilter(
                                    row: row, previous: previous, bytesPerPixel: bpp,
                                    scratch: scratch)
                            }
                            out[start] = filter.rawValue
                            filter.apply(row: row, previous: previous, bytesPerPixel: bpp, into: target)
                        }
                    }
                }
            }
        }
        return out
    }

    /// The filter minimizing the sum of |signed byte| of its output, using `scratch` as workspace.
    private static func bestFilter(
        row: UnsafeBufferPointer<UInt8>, previous: UnsafeBufferPointer<UInt8>,
        bytesPerPixel: Int, scratch: UnsafeMutableBufferPointer<UInt8>
    ) -> PNGFilter {
        var best = PNGFilter.none
        var bestScore = Int.max
        for filter in PNGFilter.allCases {
            filter.apply(row: row, previous: previous, bytesPerPixel: bytesPerPixel, into: scratch)
            let score = PNGFilter.score(scratch)
            if score < bestScore { (best, bestScore) = (filter, score) }
        }
        return best
    }

    /// `bytes` as one zlib stream (RFC 1950), as PNG's `IDAT` wants.
    private static func zlibCompress(_ bytes: [UInt8], level: Int) throws -> [UInt8] {
        var capacity = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(capacity))
        let status = out.withUnsafeMutableBufferPointer { dst in
            bytes.withUnsafeBufferPointer { src in
                compress2(dst.baseAddress, &capacity, src.baseAddress, uLong(src.count), Int32(level))
            }
        }
        guard status == Z_OK else {
            throw RenderError("zlib compress2 failed with status \(status) on \(bytes.count) bytes")
        }
        out.removeSubrange(Int(capacity)...)
        return out
    }

    /// Appends one chunk: length (big-endian), 4-letter type, data, CRC-32 of type and data.
    private static func appendChunk(_ type: String, _ data: [UInt8], to file: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        precondition(typeBytes.count == 4, "PNG chunk type must have 4 letters")
        file.appendBigEndian(UInt32(data.count))
        file += typeBytes
        file += data
        var crc = typeBytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, 4) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        file.appendBigEndian(UInt32(truncatingIfNeeded: crc))
    }
}

extension [UInt8] {
    /// Appends `value` most significant byte first.
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [
            UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
            UInt8(value & 0xFF),
        ])
    }
}
