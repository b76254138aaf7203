import Foundation

/// Where the command line writes text: standard output, standard error, or a buffer in tests.
///
/// Standard output goes through the standard library's `print` (buffered, in order with any other
/// `print`); standard error is written unbuffered with one `write(2)` per call, so a line is never
/// interleaved with another writer's half line.
struct TextStream: Sendable {
    private let sink: @Sendable (String) -> Void

    /// A stream that hands every piece of text to `sink`, unchanged and in order.
    init(_ sink: @escaping @Sendable (String) -> Void) { self.sink = sink }

    /// Writes `text` as is (no newline is added).
    func write(_ text: String) { sink(text) }

    /// The process's standard output.
    static let standardOutput = TextStream { print($0, terminator: "") }

    /// The process's standard error (unbuffered). A failed write (standard error closed) is ignored:
    /// there is nowhere left to report it.
    static let standardError = TextStream { try? FileHandle.standardError.write(contentsOf: Data($0.utf8)) }
}
