/// Text helpers for SVG output: XML escaping, coordinate formatting and width estimates.
public enum SVGText {
    /// `text` safe inside an XML text node or a double- or single-quoted attribute: `&`, `<`, `>`,
    /// `"` and `'` become entities, and characters XML 1.0 forbids (C0 controls other than tab,
    /// newline and carriage return) become U+FFFD.
    /// - Complexity: O(text.count).
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `value` rounded to 1/100 (a hundredth of a pixel) without trailing zeros: `12.5`, `-3`, `0.07`.
    /// Non-finite values print as `0`; magnitudes are clamped to 10⁶ so renderers never see
    /// overflowing coordinates.
    /// - Complexity: O(1).
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((Swift.min(Swift.max(value, -1e6), 1e6) * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
        return sign + String(whole) + (fraction < 10 ? ".0" : ".") + String(fraction)
    }

    /// A width estimate of `text` set in a sans-serif font of `fontSize` pixels: 0.62 em per
    /// character, about the advance of digits in DejaVu Sans and Helvetica (wide letters such as
    /// `W` run over, narrow ones such as `i` under).
    public static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * 0.62 * fontSize
    }
}
