extension Image {
    /// `images` placed left to right, top-aligned, with `spacing` pixels of `background` between them
    /// and around the border; shorter images are padded below with `background` (one byte used for every
    /// channel, alpha included).
    ///
    /// Image `i` starts at column `spacing + Σ_{j<i} (width_j + spacing)`, row `spacing`.
    /// Use it for side-by-side comparisons (data | samples); ``TitledImages`` adds a title over each.
    /// - Throws: ``RenderError`` when `images` is empty, the formats differ, or `spacing < 0`.
    /// - Complexity: O(output pixels).
    public static func sideBySide(_ images: [Image], spacing: Int = 4, background: UInt8 = 255) throws -> Image {
        guard let first = images.first else {
            throw RenderError("images is empty; expected at least one image to place side by side")
        }
        if let i = images.firstIndex(where: { $0.format != first.format }) {
            throw RenderError("images[\(i)] has format \(images[i].format); expected \(first.format) like images[0]")
        }
        guard spacing >= 0 else { throw RenderError("spacing = \(spacing); expected >= 0") }
        let ch = first.channels
        let width = spacing + images.reduce(0) { $0 + $1.width + spacing }
        let height = 2 * spacing + images.map(\.height).max()!
        var out = try Image(
            width: width, height: height, format: first.format,
            filledWith: [UInt8](repeating: background, count: ch))
        let outRowBytes = out.bytesPerRow
        var left = spacing
        for image in images {
            let rowBytes = image.bytesPerRow
            image.pixels.withUnsafeBufferPointer { src in
                out.withUnsafeMutablePixels { dst in
                    for r in 0..<image.height {
                        let from = r &* rowBytes
                        let to = (spacing &+ r) &* outRowBytes &+ left &* ch
                        for q in 0..<rowBytes { dst[to &+ q] = src[from &+ q] }
                    }
                }
            }
            left += image.width + spacing
        }
        return out
    }
}
