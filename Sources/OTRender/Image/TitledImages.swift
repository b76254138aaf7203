import OTKernels
import Foundation

/// Images side by side, each under its own title, as one SVG document (e.g. "data | samples |
/// transported" grids). Each image is embedded as a PNG `data:` URI and drawn with nearest-neighbour
/// scaling, so pixels stay sharp.
public struct TitledImages: Sendable {
    /// The panels, left to right.
    public var panels: [(title: String, image: Image)]
    /// Display magnification of every image (SVG pixels per image pixel).
    public var scale: Double
    /// Gap between panels and around the border, in pixels.
    public var spacing: Double = 12
    /// Title font size, in pixels.
    public var fontSize: Double = 14

    /// A row of `panels` shown at `scale` SVG pixels per image pixel.
    public init(_ panels: [(title: String, image: Image)], scale: Double = 1) {
        self.panels = panels
        self.scale = scale
    }

    /// The SVG document: titles centered above their images, all images top-aligned.
    /// - Throws: ``RenderError`` when there are no panels, `scale` is not positive, or PNG encoding fails.
    /// - Complexity: O(total pixels) for the PNG encoding and base64.
    public func svg() throws -> String {
        guard !panels.isEmpty else { throw RenderError("panels is empty; expected at least one titled image") }
        guard scale.isFinite, scale > 0 else { throw RenderError("scale = \(scale); expected a finite value > 0") }
        let n = SVGText.number
        let titleBand = panels.contains { !$0.title.isEmpty } ? fontSize + 10 : 0
        let widths = panels.map { Double($0.image.width) * scale }
        let heights = panels.map { Double($0.image.height) * scale }
        let width = spacing + widths.reduce(0) { $0 + $1 + spacing }
        let height = 2 * spacing + titleBand + heights.max()!
        return try SVGWriter.document(width: width, height: height) { w in
            var left = spacing
            for (index, panel) in panels.enumerated() {
                let png = try panel.image.pngEncoded()
                if !panel.title.isEmpty {
                    w.element(
                        "text",
                        [
                            "class": "image-title", "x": n(left + widths[index] / 2), "y": n(spacing + fontSize * 0.8),
                            "text-anchor": "middle", "font-size": n(fontSize), "fill": Plot.inkColor,
                        ], text: panel.title)
                }
                w.element(
                    "image",
                    [
                        "class": "panel-image", "x": n(left), "y": n(spacing + titleBand), "width": n(widths[index]),
                        "height": n(heights[index]), "image-rendering": "optimizeSpeed",
                        "style": "image-rendering:pixelated",
                        "xlink:href": "data:image/png;base64," + Data(png).base64EncodedString(),
                    ])
                left += widths[index] + spacing
            }
        }
    }

    /// Writes ``svg()`` to `path` atomically (temporary file + rename).
    /// - Throws: ``RenderError`` from ``svg()`` or naming `path` when it cannot be written.
    public func write(to path: String) throws {
        try AtomicFile.write(svg(), to: path)
    }
}
