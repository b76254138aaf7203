import OTKernels
/// Several plots laid out in a grid in one SVG document (side-by-side panels), with an optional title.
///
/// Panel `i` sits in grid row `i / columns`, column `i % columns`; every cell is as large as the
/// largest panel. Each panel keeps its own axes, legend and title.
public struct Figure: Sendable {
    /// The plots, in reading order.
    public var panels: [Plot]
    /// Panels per row.
    public var columns: Int
    /// The title above all panels; empty for none.
    public var title: String

    /// A figure of `panels`, `columns` per row (all in one row by default).
    public init(panels: [Plot], columns: Int? = nil, title: String = "") {
        self.panels = panels
        self.columns = Swift.max(1, columns ?? panels.count)
        self.title = title
    }

    /// Height of the figure title band, in pixels.
    private var titleBand: Double { title.isEmpty ? 0 : 30 }

    /// The figure as a standalone SVG 1.1 document.
    /// - Complexity: O(total points of all panels).
    public func svg() -> String {
        let cellWidth = panels.map(\.width).max() ?? 0
        let cellHeight = panels.map(\.height).max() ?? 0
        let rows = (panels.count + columns - 1) / columns
        let width = cellWidth * Double(Swift.min(columns, Swift.max(1, panels.count)))
        let height = titleBand + cellHeight * Double(rows)
        return SVGWriter.document(width: width, height: height) { w in
            if !title.isEmpty {
                w.element(
                    "text",
                    [
                        "class": "figure-title", "x": SVGText.number(width / 2), "y": "21", "text-anchor": "middle",
                        "font-size": "16", "font-weight": "bold", "fill": Plot.inkColor,
                    ], text: title)
            }
            for (i, panel) in panels.enumerated() {
                let left = Double(i % columns) * cellWidth
                let top = titleBand + Double(i / columns) * cellHeight
                w.open(
                    "g", ["class": "panel", "transform": "translate(\(SVGText.number(left)),\(SVGText.number(top)))"])
                panel.draw(into: &w, id: "p\(i)")
                w.close("g")
            }
        }
    }

    /// Writes ``svg()`` to `path` atomically (temporary file + rename).
    /// - Throws: ``RenderError`` naming `path` when it cannot be written.
    public func write(to path: String) throws {
        try AtomicFile.write(svg(), to: path)
    }
}
