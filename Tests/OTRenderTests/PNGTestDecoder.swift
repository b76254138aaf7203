import CZlib
import OTRender

/// A minimal PNG reader written for the tests, independent of the writer: it checks the signature,
/// every chunk's CRC with zlib's `crc32`, inflates the concatenated IDAT data with zlib's
/// `uncompress`, and undoes the five filters following the PNG specification.
struct DecodedPNG {
    var width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0
    var chunkTypes: [String] = []
    /// Filter-type byte of each scanline.
    var filters: [UInt8] = []
    /// Unfiltered pixel bytes, row-major.
    var pixels: [UInt8] = []

    struct Failure: Error, CustomStringConvertible { let description: String }

    init(_ file: [UInt8]) throws {
        guard file.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Failure(description: "bad signature")
        }
        var at = 8
        var idat: [UInt8] = []
        func u32(_ i: Int) -> Int { file[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        while at < file.count {
            guard at + 12 <= file.count else { throw Failure(description: "truncated chunk at \(at)") }
            let length = u32(at)
            let typeAndData = Array(file[(at + 4)..<(at + 8 + length)])
            let type = String(decoding: typeAndData[0..<4], as: UTF8.self)
            let stored = u32(at + 8 + length)
            let computed = typeAndData.withUnsafeBufferPointer { Int(crc32(0, $0.baseAddress, uInt($0.count))) }
            guard stored == computed else { throw Failure(description: "CRC mismatch in \(type)") }
            let data = Array(typeAndData[4...])
            chunkTypes.append(type)
            switch type {
            case "IHDR":
                width = data[0..<4].reduce(0) { $0 << 8 | Int($1) }
                height = data[4..<8].reduce(0) { $0 << 8 | Int($1) }
                (bitDepth, colorType, interlace) = (Int(data[8]), Int(data[9]), Int(data[12]))
            case "IDAT": idat += data
            default: break
            }
            at += 12 + length
        }
        let bpp = [0: 1, 2: 3, 6: 4][colorType]!
        let rowBytes = width * bpp
        var rawCount = uLong(height * (rowBytes + 1))
        var raw = [UInt8](repeating: 0, count: Int(rawCount))
        let status = raw.withUnsafeMutableBufferPointer { dst in
            idat.withUnsafeBufferPointer { uncompress(dst.baseAddress, &rawCount, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, Int(rawCount) == raw.count else {
            throw Failure(description: "inflate status \(status), \(rawCount) of \(raw.count) bytes")
        }
        var previous = [UInt8](repeating: 0, count: rowBytes)
        for r in 0..<height {
            let filter = raw[r * (rowBytes + 1)]
            filters.append(filter)
            var row = Array(raw[(r * (rowBytes + 1) + 1)..<((r + 1) * (rowBytes + 1))])
            for i in 0..<rowBytes {
                let a = i >= bpp ? Int(row[i - bpp]) : 0
                let b = Int(previous[i])
                let c = i >= bpp ? Int(previous[i - bpp]) : 0
                let prediction: Int
                switch filter {
                case 0: prediction = 0
                case 1: prediction = a
                case 2: prediction = b
                case 3: prediction = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    prediction = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Failure(description: "unknown filter \(filter) on row \(r)")
                }
                row[i] = UInt8((Int(row[i]) + prediction) & 0xFF)
            }
            pixels += row
            previous = row
        }
    }
}
