import OTKernels
import Foundation

/// A Markdown (CommonMark + GitHub tables) document built block by block: headings, paragraphs,
/// lists, tables, key-value metrics, image links and code blocks.
///
/// Blocks are separated by one blank line; ``text`` ends with a newline. Paragraph and list text is
/// taken as Markdown (so `**bold**` works); wrap literal text in ``literal(_:)``. Table cells,
/// headings, image links and code blocks are escaped or fenced so their content cannot break the
/// structure.
///
/// ```swift
/// var report = MarkdownReport(title: "Run 7")
/// report.metrics([("W2", 0.0123), ("steps", 5000)])
/// report.image("samples.png", alt: "samples")
/// try report.write(to: "report.md")
/// ```
public struct MarkdownReport: Sendable {
    /// How a table column aligns its cells.
    public enum Alignment: Sendable, Equatable {
        /// The renderer's default (left in practice); delimiter `---`.
        case automatic
        /// Delimiter `:---`.
        case left
        /// Delimiter `:---:`.
        case center
        /// Delimiter `---:`; suits numbers.
        case right
    }

    /// The blocks written so far, each without surrounding blank lines.
    public private(set) var blocks: [String] = []

    /// An empty report, or one that starts with the level-1 heading `title`.
    public init(title: String? = nil) {
        if let title { heading(title, level: 1) }
    }

    /// The document: the blocks separated by blank lines, ending with a newline.
    public var text: String {
        blocks.isEmpty ? "" : blocks.joined(separator: "\n\n") + "\n"
    }

    /// Writes ``text`` to `path` atomically (temporary file + rename).
    /// - Throws: ``RenderError`` naming `path` when it cannot be written.
    public func write(to path: String) throws {
        try AtomicFile.write(text, to: path)
    }

    /// Appends a heading `# text` ... `###### text`; line breaks in `text` become spaces.
    /// - Precondition: `1 <= level <= 6`.
    public mutating func heading(_ text: String, level: Int = 2) {
        precondition((1...6).contains(level), "MarkdownReport.heading: level \(level) outside 1 ... 6")
        blocks.append(String(repeating: "#", count: level) + " " + Self.singleLine(text))
    }

    /// Appends a paragraph of Markdown text (trimmed; empty text adds nothing).
    public mutating func paragraph(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { blocks.append(trimmed) }
    }

    /// Appends a bulleted list, one `- item` per entry; an item's later lines are indented under it.
    public mutating func bulletList(_ items: [String]) {
        guard !items.isEmpty else { return }
        blocks.append(
            items.map { "- " + $0.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ") }
                .joined(separator: "\n"))
    }

    /// Appends a table with a header row; cells are padded so the source lines up in a monospace font.
    ///
    /// `|` in a cell is escaped and line breaks become `<br>`. Rows shorter than the header are
    /// padded with empty cells.
    /// - Parameter alignments: per column; missing entries are `.automatic`.
    /// - Precondition: `header` is not empty and no row is longer than it.
    /// - Complexity: O(total characters).
    public mutating func table(header: [String], rows: [[String]], alignments: [Alignment] = []) {
        precondition(!header.isEmpty, "MarkdownReport.table: empty header")
        precondition(
            rows.allSatisfy { $0.count <= header.count }, "MarkdownReport.table: a row is longer than the header")
        let columns = header.count
        let cells = ([header] + rows).map { row in (0..<columns).map { $0 < row.count ? Self.cell(row[$0]) : "" } }
        let align = (0..<columns).map { $0 < alignments.count ? alignments[$0] : .automatic }
        // Three dashes minimum: the delimiter row needs them.
        let widths = (0..<columns).map { c in Swift.max(3, cells.map { $0[c].count }.max()!) }
        func line(_ row: [String]) -> String {
            "| " + (0..<columns).map { Self.pad(row[$0], to: widths[$0], align[$0]) }.joined(separator: " | ") + " |"
        }
        let delimiter = (0..<columns).map { c -> String in
            let w = widths[c]
            switch align[c] {
            case .automatic: return String(repeating: "-", count: w)
            case .left: return ":" + String(repeating: "-", count: w - 1)
            case .center: return ":" + String(repeating: "-", count: w - 2) + ":"
            case .right: return String(repeating: "-", count: w - 1) + ":"
            }
        }
        blocks.append(
            ([line(cells[0]), "| " + delimiter.joined(separator: " | ") + " |"] + cells.dropFirst().map(line))
                .joined(separator: "\n"))
    }

    /// Appends a two-column table of named values (names left, values right-aligned).
    public mutating func metrics(
        _ pairs: [(name: String, value: String)], header: (String, String) = ("Metric", "Value")
    ) {
        table(header: [header.0, header.1], rows: pairs.map { [$0.name, $0.value] }, alignments: [.left, .right])
    }

    /// Appends a two-column table of named numbers, printed by ``number(_:significantDigits:)``.
    public mutating func metrics(
        _ pairs: [(name: String, value: Double)], significantDigits: Int = 6,
        header: (String, String) = ("Metric", "Value")
    ) {
        metrics(pairs.map { ($0.name, Self.number($0.value, significantDigits: significantDigits)) }, header: header)
    }

    /// Appends an image link `![alt](path)`; a path with spaces or parentheses is written `<path>`.
    public mutating func image(_ path: String, alt: String) {
        let target =
            path.contains { " ()<>".contains($0) } ? "<" + path.replacingOccurrences(of: ">", with: "%3E") + ">" : path
        blocks.append("![" + Self.literal(Self.singleLine(alt)) + "](" + target + ")")
    }

    /// Appends a fenced code block; the fence is longer than any backtick run inside `code`.
    public mutating func codeBlock(_ code: String, language: String = "") {
        var longest = 0
        var run = 0
        for ch in code {
            run = ch == "`" ? run + 1 : 0
            longest = Swift.max(longest, run)
        }
        let fence = String(repeating: "`", count: Swift.max(3, longest + 1))
        let body = code.hasSuffix("\n") ? String(code.dropLast()) : code
        blocks.append(fence + Self.singleLine(language) + "\n" + body + "\n" + fence)
    }

    /// `text` with every ASCII punctuation character that Markdown could read as syntax
    /// backslash-escaped, so it renders literally.
    public static func literal(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\`*_{}[]()<>#+-.!|~".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// `value` as a whole number when it is one (below 10¹⁵ in magnitude: `5000`, not `5e+03`),
    /// otherwise with `significantDigits` significant digits in `%g` style (`0.0123`, `1.5e-07`);
    /// NaN and infinities as `nan`, `inf`, `-inf`.
    public static func number(_ value: Double, significantDigits: Int = 6) -> String {
        if value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.*g", Swift.max(1, significantDigits), value)
    }

    private static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    private static func cell(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "|", with: "\\|")
            .split(whereSeparator: \.isNewline).joined(separator: "<br>")
    }

    private static func pad(_ text: String, to width: Int, _ alignment: Alignment) -> String {
        let gap = width - text.count
        switch alignment {
        case .right: return String(repeating: " ", count: gap) + text
        case .center:
            return String(repeating: " ", count: gap / 2) + text + String(repeating: " ", count: gap - gap / 2)
        default: return text + String(repeating: " ", count: gap)
        }
    }
}
