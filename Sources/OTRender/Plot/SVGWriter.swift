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
