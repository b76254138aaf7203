import OTKernels
import OTRender
import Testing

@Suite struct ColormapTests {
    @Test func interpolatesBetweenAnchors() {
        let map = Colormap(anchors: [
            PlotColor(red: 0, green: 100, blue: 200), PlotColor(red: 200, green: 100, blue: 0),
            PlotColor(red: 200, green: 200, blue: 200),
        ])
        #expect(map.color(at: 0) == PlotColor(red: 0, green: 100, blue: 200))
        // t = 0.25 is halfway between anchors 0 and 1.
        #expect(map.color(at: 0.25) == PlotColor(red: 100, green: 100, blue: 100))
        #expect(map.color(at: 0.5) == PlotColor(red: 200, green: 100, blue: 0))
        #expect(map.color(at: 1) == PlotColor(red: 200, green: 200, blue: 200))
        // Clamped, and NaN is the first anchor.
        #expect(map.color(at: 7) == map.color(at: 1) && map.color(at: -1) == map.color(at: 0))
        #expect(map.color(at: .nan) == map.color(at: 0))
    }

    @Test func heatmapColorsEveryElement() throws {
        let m = Matrix<Double>([[0, 1], [0.5, -3]])
        let image = try Image(heatmap: m, range: 0...1, colormap: .grays)
        #expect(image.format == .rgb && image.width == 2 && image.height == 2)
        // Grays: byte b maps to (b, b, b); 0.5 -> 128 (127.5 rounded up), -3 clamps to 0.
        #expect(image.pixels == [0, 0, 0, 255, 255, 255, 128, 128, 128, 0, 0, 0])
        let diverging = try Image(heatmap: Matrix<Float>([[-1, 1]]), range: -1...1, colormap: .diverging)
        #expect(Array(diverging[0, 0]) == [0x21, 0x66, 0xAC] && Array(diverging[0, 1]) == [0xB2, 0x18, 0x2B])
        #expect(throws: RenderError.self) { try Image(width: 2, height: 2, levels: [1], colormap: .grays) }
    }
}
