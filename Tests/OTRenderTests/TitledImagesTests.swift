import Foundation
import OTRender
import Testing

@Suite struct TitledImagesTests {
    @Test func embedsEachImageUnderItsTitle() throws {
        let a = try Image(width: 3, height: 2, format: .gray, pixels: [0, 50, 100, 150, 200, 250])
        let b = try Image(width: 2, height: 2, format: .rgb, pixels: Array(0..<12))
        let figure = TitledImages([("data <x>", a), ("samples & more", b)], scale: 10)
        let svg = try ParsedSVG(figure.svg())
        #expect(svg.elements(withClass: "image-title").map(\.text) == ["data <x>", "samples & more"])
        let images = svg.elements(withClass: "panel-image")
        #expect(images.count == 2)
        // Panel 1 starts after the 12 px border, panel 2 after panel 1's 30 px and another 12 px gap.
        #expect(images.map { $0.number("x")! } == [12, 54])
        #expect(images.map { $0.number("width")! } == [30, 20])
        // The embedded PNGs decode to the original pixels.
        for (element, image) in zip(images, [a, b]) {
            let uri = try #require(element.attributes["xlink:href"])
            let base64 = try #require(uri.split(separator: ",").last)
            let png = try #require(Data(base64Encoded: String(base64)))
            #expect(try DecodedPNG([UInt8](png)).pixels == image.pixels)
        }
        #expect(throws: RenderError.self) { try TitledImages([]).svg() }
        #expect(throws: RenderError.self) { try TitledImages([("a", a)], scale: 0).svg() }
    }
}
