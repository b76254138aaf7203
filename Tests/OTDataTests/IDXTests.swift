import OTData
import OTKernels
import Testing

/// Big-endian bytes of `value` (an IDX extent or element).
func bigEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.bigEndian) { Array($0) }
}

/// An IDX file written by hand: magic, type code, extents, payload.
func idxBytes(type: UInt8, dimensions: [UInt32], payload: [UInt8]) -> [UInt8] {
    [0, 0, type, UInt8(dimensions.count)] + dimensions.flatMap(bigEndianBytes) + payload
}

@Suite struct IDXTests {
    /// A 2 x 3 uint8 array `[[0, 1, 2], [253, 254, 255]]`, written by hand.
    static let tiny = idxBytes(type: 0x08, dimensions: [2, 3], payload: [0, 1, 2, 253, 254, 255])

    /// `tiny` compressed by the system tool: `gzip -9 -n -c tiny.idx | xxd -i` (gzip 1.12).
    static let tinyGzip: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x63, 0x60,
        0xe0, 0x60, 0x62, 0x60, 0x60, 0x00, 0x61, 0x66, 0x06, 0x46, 0xa6, 0xbf,
        0xff, 0xfe, 0x03, 0x00, 0xc9, 0x60, 0x42, 0x58, 0x12, 0x00, 0x00, 0x00,
    ]

    @Test func readsHandWrittenUnsignedBytes() throws {
        try withTemporaryDirectory { dir in
            try writeFixture(Self.tiny, to: dir + "/tiny.idx")
            let array = try IDX.read(from: dir + "/tiny.idx")
            #expect(array.elementType == .uint8 && array.dimensions == [2, 3] && array.count == 6)
            #expect(Array(array.payload) == [0, 1, 2, 253, 254, 255])
            // Scale 0.5 is a power of two, so every product is exact.
            #expect(array.values(as: Double.self, scale: 0.5) == [0, 0.5, 1, 126.5, 127, 127.5])
            #expect(array.matrix(as: Float.self) == Matrix([[0, 1, 2], [253, 254, 255]]))
        }
    }

    @Test func readsEveryElementTypeBigEndian() throws {
        let cases: [(type: UInt8, payload: [UInt8], values: [Double])] = [
            (0x09, [0xFF, 0x7F], [-1, 127]),
            (0x0B, bigEndianBytes(Int16(-2)) + bigEndianBytes(Int16(300)), [-2, 300]),
            (0x0C, bigEndianBytes(Int32(-70_000)) + bigEndianBytes(Int32(1 << 30)), [-70_000, 0x1p30]),
            (0x0D, bigEndianBytes(Float(1.5).bitPattern) + bigEndianBytes(Float(-0x1p-10).bitPattern), [1.5, -0x1p-10]),
            (0x0E, bigEndianBytes((0.1).bitPattern) + bigEndianBytes((-2.0).bitPattern), [0.1, -2]),
        ]
        try withTemporaryDirectory { dir in
            for (type, payload, values) in cases {
                let path = dir + "/t\(type).idx"
                try writeFixture(idxBytes(type: type, dimensions: [2], payload: payload), to: path)
                let array = try IDX.read(from: path)
                #expect(array.elementType.rawValue == type)
                #expect(array.values(as: Double.self) == values)
                #expect(array.values(as: Float.self) == values.map { Float($0) })
            }
        }
    }

    @Test func largeArraysDecodeTheSameOnEveryBlock() {
        // From 2^21 elements on the conversion runs in parallel blocks; each element must still
        // be its byte times the scale, exactly as a scalar loop gives it. Float takes the
        // unsigned-byte loop, Double the generic one.
        let n = (1 << 21) + 5
        let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let array = IDXArray(elementType: .uint8, dimensions: [n], payload: bytes[...])
        let scale: Float = 1 / 255
        #expect(array.values(as: Float.self, scale: scale) == bytes.map { Float($0) * scale })
        #expect(array.values(as: Double.self, scale: 0.5) == bytes.map { Double($0) * 0.5 })
    }

    @Test func readsFileCompressedByGzipTool() throws {
        try withTemporaryDirectory { dir in
            try writeFixture(Self.tinyGzip, to: dir + "/tiny.idx.gz")
            let array = try IDX.read(from: dir + "/tiny.idx.gz")
            #expect(array.dimensions == [2, 3] && Array(array.payload) == [0, 1, 2, 253, 254, 255])
            #expect(try Gzip.decompress(Self.tinyGzip, path: "tiny") == Self.tiny)
        }
    }

    @Test(arguments: ["plain.idx", "packed.idx.gz"])
    func writeReadRoundTrip(name: String) throws {
        var rng = Xoshiro256(seed: 11)
        let payload = (0..<(5 * 7 * 3)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let array = IDXArray(elementType: .uint8, dimensions: [5, 7, 3], payload: payload[...])
        try withTemporaryDirectory { dir in
            try IDX.write(array, to: dir + "/" + name)
            let bytes = try readFixture(dir + "/" + name)
            #expect(Gzip.isCompressed(bytes) == name.hasSuffix(".gz"))
            #expect(try IDX.read(from: dir + "/" + name) == array)
        }
    }

    @Test func concatenatedGzipMembersDecompressInOrder() throws {
        let a: [UInt8] = Array(0..<200), b: [UInt8] = Array(repeating: 7, count: 5000)
        #expect(try Gzip.decompress(Gzip.compress(a) + Gzip.compress(b, level: 9), path: "x") == a + b)
        #expect(try Gzip.decompress(Gzip.compress([]), path: "x") == [])
    }

    static let badFiles: [(name: String, bytes: [UInt8], fragment: String)] = {
        let big = idxBytes(type: 0x08, dimensions: [40, 50], payload: (0..<2000).map { UInt8($0 % 251) })
        let packed = Gzip.compress(big)
        var flipped = packed
        flipped[packed.count / 2] ^= 0x55
        return [
            ("truncated.idx", Array(tiny.dropLast()), "expected 6 bytes of uint8 data for dimensions [2, 3], found 5"),
            ("cutdims.idx", Array(tiny.prefix(9)), "expected 12 bytes of IDX dimensions"),
            ("trailing.idx", tiny + [9], "1 bytes remain after the uint8 data"),
            ("magic.idx", [0x50, 0x4B, 3, 4] + tiny.dropFirst(4),
             "not a valid IDX file (its first bytes are 50 4B 03 04"),
            ("type.idx", [0, 0, 0x07] + tiny.dropFirst(3), "unsupported element type 0x07 (expected 0x08 uint8"),
            ("truncated.idx.gz", Array(packed.dropLast(12)), "the gzip stream ends early"),
            ("corrupt.idx.gz", flipped, "corrupt compressed data"),
            ("garbage.idx.gz", packed + [1, 2, 3], "3 bytes of trailing garbage"),
        ]
    }()

    @Test(arguments: badFiles)
    func badFileGivesClearError(name: String, bytes: [UInt8], fragment: String) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/" + name
            try writeFixture(bytes, to: path)
            expectClearError(dataFileError { _ = try IDX.read(from: path) }, path: path, fragment: fragment)
        }
    }
}
