import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG document parsed by Foundation's `XMLParser`: parsing fails on any well-formedness error;
/// on success every element is listed with its attributes, text and ancestors' classes.
final class ParsedSVG: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        /// The `class` attributes of the enclosing elements, outermost first.
        var ancestorClasses: [String]
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
        func number(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }
    }

    struct Malformed: Error, CustomStringConvertible { let description: String }

    private(set) var elements: [Element] = []
    private var stack: [Int] = []

    init(_ svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw Malformed(
                description: "line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
    }

    /// Elements whose class list contains `cls`, optionally only inside an ancestor of class `inside`.
    func elements(withClass cls: String, inside: String? = nil) -> [Element] {
        elements.filter { element in
            guard element.classes.contains(cls) else { return false }
            guard let inside else { return true }
            return element.ancestorClasses.contains { $0.split(separator: " ").contains(Substring(inside)) }
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let ancestors = stack.map { elements[$0].attributes["class"] ?? "" }.filter { !$0.isEmpty }
        elements.append(Element(name: name, attributes: attributes, ancestorClasses: ancestors))
        stack.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let top = stack.last { elements[top].text += string }
    }
}
