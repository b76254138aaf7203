import CZlib

/// Gzip (RFC 1952) compression and decompression of whole buffers through the system zlib.
///
/// Decompression preallocates the size the gzip trailer announces, so the common case inflates
/// in one pass into one buffer; concatenated members are decompressed one after the other.
public enum Gzip {
    /// Whether `bytes` starts with the gzip magic `1F 8B`.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed content of `bytes`, a gzip stream read from `path` (used in errors).
    /// - Complexity: O(decompressed size); zlib inflates at several hundred MB/s.
    /// - Throws: ``DataFileError/badMagic(path:format:found:)`` if `bytes` is not gzip;
    ///   ``DataFileError/corruptCompressedData(path:detail:)`` for a corrupt stream,
    ///   a bad checksum, a stream that ends early, or trailing bytes that are not another member.
    public static func decompress(_ bytes: [UInt8], path: String) throws(DataFileError) -> [UInt8] {
        guard isCompressed(bytes) else {
            throw .badMagic(path: path, format: "gzip", found: FileBytes.hexPrefix(bytes))
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corruptCompressedData(path: path, detail: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        // The trailer's ISIZE is the last member's size mod 2^32; cap it by deflate's maximum
        // ratio (1032:1) so a corrupt trailer cannot request a huge buffer. The extra byte lets
        // the last call see the end of the stream without growing the buffer.
        let announced = bytes.count >= 4 ? bytes.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) } : 0
        var output = [UInt8](repeating: 0, count: min(announced, 1032 * bytes.count) + 1)
        var consumed = 0, produced = 0
        while true {
            if produced == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
            let chunkIn = min(bytes.count - consumed, Int(UInt32.max))
            let chunkOut = min(output.count - produced, Int(UInt32.max))
            let status = bytes.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                    stream.avail_in = uInt(chunkIn)
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = uInt(chunkOut)
                    return inflate(&stream, Z_NO_FLUSH)
                }
            }
            consumed += chunkIn - Int(stream.avail_in)
            produced += chunkOut - Int(stream.avail_out)
            switch status {
            case Z_STREAM_END:
                if consumed == bytes.count {
                    output.removeLast(output.count - produced)
                    return output
                }
                guard bytes[consumed...].starts(with: [0x1F, 0x8B]) else {
                    throw .corruptCompressedData(
                        path: path, detail: "\(bytes.count - consumed) bytes of trailing garbage after the gzip stream")
                }
                inflateReset(&stream)
            case Z_OK, Z_BUF_ERROR:
                // Output room left but no input: the stream stops before its end.
                if consumed == bytes.count && produced < output.count {
                    throw .corruptCompressedData(
                        path: path,
                        detail: "the gzip stream ends early (file truncated after \(produced) decompressed bytes)")
                }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw .corruptCompressedData(path: path, detail: message)
            }
        }
    }

    /// `bytes` compressed as one gzip member at zlib `level` (0 none, 1 fastest ... 9 smallest).
    /// - Complexity: O(bytes.count).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        precondition((0...9).contains(level), "Gzip.compress: level \(level) outside 0...9")
        var stream = z_stream()
        let started = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                    zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(started == Z_OK, "Gzip.compress: zlib could not start deflating")
        defer { deflateEnd(&stream) }
        precondition(bytes.count <= Int(UInt32.max), "Gzip.compress: buffers over 4 GiB are not supported")
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "Gzip.compress: deflate returned \(status) within deflateBound")
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }
}
