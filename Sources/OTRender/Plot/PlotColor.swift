/// An opaque sRGB color for plot elements.
public struct PlotColor: Equatable, Hashable, Sendable {
    /// Red, 0 ... 255.
    public var red: UInt8
    /// Green, 0 ... 255.
    public var green: UInt8
    /// Blue, 0 ... 255.
    public var blue: UInt8

    /// A color from its three 8-bit components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        (self.red, self.green, self.blue) = (red, green, blue)
    }

    /// A color from `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// `#rrggbb`, as SVG and CSS write it.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + String([red, green, blue].flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    /// The series colors, in order: the Okabe–Ito palette for color-vision deficiency (Okabe & Ito,
    /// 2002), without its yellow (too light on white), then black and gray.
    public static let palette: [PlotColor] = [
        PlotColor(hex: 0x0072B2), PlotColor(hex: 0xD55E00), PlotColor(hex: 0x009E73), PlotColor(hex: 0xCC79A7),
        PlotColor(hex: 0xE69F00), PlotColor(hex: 0x56B4E9), PlotColor(hex: 0x000000), PlotColor(hex: 0x888888),
    ]
}
