import OTKernels
import OTRender
import Testing

@Suite struct ImageGridTests {
    /// A distinct byte for channel `q` of pixel `(r, c)` of tile `k`, never equal to the background 7.
    static func code(_ k: Int, _ r: Int, _ c: Int, _ q: Int) -> UInt8 {
        UInt8(10 + (k * 37 + r * 11 + c * 5 + q * 3) % 240)
    }

    @Test(arguments: [(Image.Format.gray, 1, 0), (.gray, 3, 2), (.rgb, 2, 1)])
    func placesPixelOfTileWhereTheLayoutSays(format: Image.Format, scale: Int, padding: Int) throws {
        let (n, tileW, tileH, columns, ch) = (13, 4, 3, 5, format.channels)
        // Values are the codes themselves with range 0...255, so the mapping is the identity.
        let samples = Matrix<Float>(rows: n, columns: tileH * tileW * ch) { k, j in
            Float(Self.code(k, j / ch / tileW, j / ch % tileW, j % ch))
        }
        let grid = ImageGrid(
            tileWidth: tileW, tileHeight: tileH, format: format, columns: columns,
            padding: padding, background: 7, scale: scale)
        let image = try grid.render(samples, range: 0...255)
        // 13 tiles in rows of 5 -> 3 grid rows; each cell is tile * scale + padding.
        #expect(image.width == padding + 5 * (tileW * scale + padding))
        #expect(image.height == padding + 3 * (tileH * scale + padding))
        for k in 0..<n {
            let top = padding + (k / columns) * (tileH * scale + padding)
            let left = padding + (k % columns) * (tileW * scale + padding)
            for r in 0..<tileH {
                for c in 0..<tileW {
                    for dy in 0..<scale {
                        for dx in 0..<scale {
                            let expected = (0..<ch).map { Self.code(k, r, c, $0) }
                            #expect(Array(image[top + r * scale + dy, left + c * scale + dx]) == expected)
                        }
                    }
                }
            }
        }
        // Every other pixel is background: exactly n tiles' worth of bytes differ from 7.
        #expect(image.pixels.filter { $0 != 7 }.count == n * tileW * tileH * scale * scale * ch)
    }

    @Test func bytesAndValuesGiveTheSameGrid() throws {
        let bytes = (0..<(7 * 12)).map { UInt8(($0 * 29) % 256) }
        let values = Matrix<Double>(rows: 7, columns: 12, elements: bytes.map { Double($0) })
        let grid = ImageGrid(tileWidth: 4, tileHeight: 3, columns: 3, padding: 1, scale: 2)
        #expect(try grid.render(tiles: bytes) == grid.render(values, range: 0...255))
    }

    @Test func mnistDefaultsGiveA10By10Sheet() throws {
        let samples = Matrix<Double>(rows: 100, columns: 784) { k, j in Double((k + j) % 2) }
        let image = try ImageGrid().render(samples)
        // 10 tiles of 28 plus 11 gaps of 2 pixels.
        #expect(image.width == 302 && image.height == 302 && image.format == .gray)
        #expect(Array(image[2, 2]) == [0] && Array(image[2, 3]) == [255])  // tile 0: pixel (0,0)=0, (0,1)=1
        #expect(Array(image[1, 1]) == [0])
    }

    @Test func rejectsMismatchedShapes() throws {
        let samples = Matrix<Float>(rows: 2, columns: 10)
        #expect(
            throws: RenderError(
                "samples has 10 columns; expected tileHeight * tileWidth * channels = 28 * 28 * 1 = 784")
        ) {
            try ImageGrid().render(samples)
        }
        #expect(throws: RenderError.self) { try ImageGrid(tileWidth: 5, tileHeight: 2, scale: 0).render(samples) }
        #expect(throws: RenderError("samples is empty (0 rows); expected one image per row")) {
            try ImageGrid(tileWidth: 5, tileHeight: 2).render(Matrix<Float>(rows: 0, columns: 10))
        }
        #expect(throws: RenderError.self) { try ImageGrid(tileWidth: 5, tileHeight: 2).render(tiles: [1, 2, 3]) }
    }

    @Test func sideBySidePlacesImagesLeftToRight() throws {
        let a = try Image(width: 2, height: 1, format: .gray, pixels: [1, 2])
        let b = try Image(width: 1, height: 2, format: .gray, pixels: [3, 4])
        let out = try Image.sideBySide([a, b], spacing: 1, background: 9)
        // Width 1 + 2 + 1 + 1 + 1 = 6, height 1 + 2 + 1 = 4; a at (1, 1), b at (1, 4).
        #expect(out.width == 6 && out.height == 4)
        #expect(
            out.pixels == [
                9, 9, 9, 9, 9, 9,
                9, 1, 2, 9, 3, 9,
                9, 9, 9, 9, 4, 9,
                9, 9, 9, 9, 9, 9,
            ])
        let rgb = try Image(width: 1, height: 1, format: .rgb, pixels: [0, 0, 0])
        #expect(throws: RenderError("images[1] has format rgb; expected gray like images[0]")) {
            try Image.sideBySide([a, rgb])
        }
    }
}
