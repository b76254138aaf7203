/// Appends SVG (XML) markup to a string, escaping every attribute value and text node.
///
/// Internal plumbing of the plots: elements are written in order, attributes in the order given.
struct SVGWriter {
    /// The markup written so far.
    private(set) var output = ""

    /// Writes `<name a="v" ...>` and leaves the element open.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        start(name, attributes)
        output += ">\n"
    }

    /// Writes `</name>`.
    mutating func close(_ name: String) {
        output += "</\(name)>\n"
    }

    /// Writes an element with `attributes` and optional escaped `text` content.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil) {
        start(name, attributes)
        if let text {
            output += ">" + SVGText.escaped(text) + "</\(name)>\n"
        } else {
            output += "/>\n"
        }
    }

    /// A standalone SVG 1.1 document of `width x height` pixels on a white background, with the
    /// xlink namespace declared (for embedded images) and a sans-serif font; `body` draws the content.
    static func document(width: Double, height: Double, body: (inout SVGWriter) throws -> Void) rethrows -> String {
        let (w, h) = (SVGText.number(width), SVGText.number(height))
        var writer = SVGWriter()
        writer.output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        writer.open(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "xmlns:xlink": "http://www.w3.org/1999/xlink", "version": "1.1",
                "width": w, "height": h, "viewBox": "0 0 \(w) \(h)",
                "font-family": "DejaVu Sans, Helvetica, Arial, sans-serif",
            ])
        writer.element("rect", ["width": "100%", "height": "100%", "fill": "white"])
        try body(&writer)
        writer.close("svg")
        return writer.output
    }

    private mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        output += "<" + name
        for (key, value) in attributes where !value.isEmpty {
            output += " \(key)=\"" + SVGText.escaped(value) + "\""
        }
    }
}

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
