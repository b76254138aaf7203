import CZlib
import Foundation
import OTKernels
import OTRender
import Testing

@Suite struct PNGTests {
    /// A seeded image mixing smooth gradients (which filters predict) and noise (which they cannot).
    static func sampleImage(width: Int, height: Int, format: Image.Format, seed: UInt64) throws -> Image {
        var rng = Xoshiro256(seed: seed)
        var pixels = [UInt8]()
        for r in 0..<height {
            for c in 0..<width {
                for k in 0..<format.channels {
                    pixels.append(
                        c % 3 == 0 ? UInt8.random(in: 0...255, using: &rng) : UInt8((r * 7 + c * 3 + k * 50) & 0xFF))
                }
            }
        }
        return try Image(width: width, height: height, format: format, pixels: pixels)
    }

    static let filterChoices: [PNGFilterChoice] = PNGFilter.allCases.map { .fixed($0) } + [.adaptive]

    @Test(arguments: Image.Format.allCases, filterChoices)
    func roundTripsThroughIndependentDecoder(format: Image.Format, filter: PNGFilterChoice) throws {
        let image = try Self.sampleImage(width: 13, height: 9, format: format, seed: 7)
        let decoded = try DecodedPNG(image.pngEncoded(filter: filter))
        #expect(decoded.chunkTypes == ["IHDR", "IDAT", "IEND"])
        #expect(decoded.width == 13 && decoded.height == 9 && decoded.bitDepth == 8 && decoded.interlace == 0)
        #expect(decoded.colorType == [Image.Format.gray: 0, .rgb: 2, .rgba: 6][format])
        #expect(decoded.pixels == image.pixels)
        if case .fixed(let f) = filter { #expect(decoded.filters.allSatisfy { $0 == f.rawValue }) }
    }

    @Test func adaptiveFilteringUsesSeveralFiltersAndShrinksAGradient() throws {
        // A diagonal ramp: Sub and Up both predict it, None does not; adaptive must beat None.
        let ramp = try Image(
            width: 64, height: 64, format: .gray,
            pixels: (0..<4096).map { UInt8(($0 / 64 + $0 % 64) & 0xFF) })
        let none = try ramp.pngEncoded(filter: .fixed(.none), compressionLevel: 9)
        let adaptive = try ramp.pngEncoded(filter: .adaptive, compressionLevel: 9)
        #expect(adaptive.count < none.count)
        let noisy = try Self.sampleImage(width: 40, height: 30, format: .rgb, seed: 3)
        #expect(Set(try DecodedPNG(noisy.pngEncoded()).filters).count > 1)
    }

    @Test func onePixelFileMatchesTheSpecificationByteForByte() throws {
        let file = try Image(width: 1, height: 1, format: .gray, pixels: [0x80]).pngEncoded(filter: .fixed(.none))
        // Signature and IHDR layout from the PNG specification (sections 5.2 and 11.2.2).
        #expect(Array(file[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(file[8..<29]) == [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])
        // The IEND chunk is constant: its CRC-32 is the well-known AE 42 60 82.
        #expect(Array(file.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        // The one scanline is filter byte 0 then the pixel.
        #expect(try DecodedPNG(file).pixels == [0x80])
    }

    @Test func paethPredictorFollowsTheSpecification() {
        // p = a + b - c; the nearest of a, b, c to p, ties to a then b (hand-computed).
        #expect(PNGFilter.paethPredictor(10, 20, 15) == 15)  // p = 15: c exact
        #expect(PNGFilter.paethPredictor(10, 20, 10) == 20)  // p = 20: b exact
        #expect(PNGFilter.paethPredictor(20, 10, 10) == 20)  // p = 20: a exact
        #expect(PNGFilter.paethPredictor(5, 5, 5) == 5)  // all tie: a
        #expect(PNGFilter.paethPredictor(0, 255, 255) == 0)  // p = 0: a exact
    }

    @Test func rejectsBadInputWithClearErrors() throws {
        #expect(throws: RenderError("pixels has 5 bytes; expected width * height * channels = 2 * 1 * 3 = 6")) {
            try Image(width: 2, height: 1, format: .rgb, pixels: [1, 2, 3, 4, 5])
        }
        #expect(throws: RenderError.self) { try Image(width: 0, height: 3, format: .gray, pixels: []) }
        let image = try Image(width: 1, height: 1, format: .gray, pixels: [0])
        #expect(throws: RenderError("compressionLevel = 12; expected 0 ... 9")) {
            try image.pngEncoded(compressionLevel: 12)
        }
    }

    @Test func matrixValuesMapFromTheRangeClamped() throws {
        let m = Matrix<Double>([[0, 0.5, 1], [-1, 2, .nan]])
        let image = try Image(grayscale: m, range: 0...1)
        #expect(image.width == 3 && image.height == 2)
        // 0.5 * 255 = 127.5 rounds up; out-of-range values clamp; NaN is black.
        #expect(image.pixels == [0, 128, 255, 0, 255, 0])
        let shifted = try Image(grayscale: Matrix<Float>([[-1, 0, 1]]), range: -1...1)
        #expect(shifted.pixels == [0, 128, 255])
        #expect(throws: RenderError.self) { try Image(grayscale: m, range: 1...1) }
    }

    @Test func writesAtomicallyAndDecodesInPython() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otrender-png-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("a.png").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let image = try Self.sampleImage(width: 17, height: 11, format: .rgba, seed: 11)
        try image.writePNG(to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(try DecodedPNG(bytes).pixels == image.pixels)
        // Only the destination is left: the temporary file was renamed over it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["a.png"])
        #expect(throws: FileWriteError.self) { try image.writePNG(to: directory.path + "/missing/a.png") }
        try Self.checkWithPython(path: path, expectedPixels: image.pixels)
    }

    /// An external check: Python's own zlib and struct decode the file (CRCs, inflate, unfilter).
    static func checkWithPython(path: String, expectedPixels: [UInt8]) throws {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        let candidates = searchPath.split(separator: ":").map { "\($0)/python3" }
        guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("PNGTests: python3 not found; skipping the external decoder check")
            return
        }
        let script = """
            import sys, struct, zlib
            b = open(sys.argv[1], 'rb').read()
            assert b[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
            i, idat = 8, b''
            while i < len(b):
                n, = struct.unpack('>I', b[i:i+4]); t = b[i+4:i+8]; d = b[i+8:i+8+n]
                assert struct.unpack('>I', b[i+8+n:i+12+n])[0] == zlib.crc32(t + d), t
                if t == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', d[:10])
                if t == b'IDAT': idat += d
                i += 12 + n
            bpp = {0: 1, 2: 3, 6: 4}[ctype]; raw = zlib.decompress(idat); stride = w * bpp; out = []
            prev = [0] * stride
            for r in range(h):
                f = raw[r * (stride + 1)]; row = list(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
                for x in range(stride):
                    a = row[x - bpp] if x >= bpp else 0; up = prev[x]; c = prev[x - bpp] if x >= bpp else 0
                    p = a + up - c; pa, pb, pc = abs(p - a), abs(p - up), abs(p - c)
                    pred = [0, a, up, (a + up) // 2, a if pa <= pb and pa <= pc else (up if pb <= pc else c)][f]
                    row[x] = (row[x] + pred) & 255
                out += row; prev = row
            print(w, h, ' '.join(map(str, out)))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let fields = output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        #expect(fields.prefix(2) == [17, 11])
        #expect(fields.dropFirst(2).map { UInt8($0) } == expectedPixels)
    }
}
