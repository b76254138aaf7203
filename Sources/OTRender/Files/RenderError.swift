/// A problem with the input of a rendering call or with writing its output, thrown at the API edge.
///
/// The message names the argument (or the file) and what was expected, in one line, so the
/// command line can print it as is.
public struct RenderError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What was wrong, in one line.
    public let message: String

    /// An error with the one-line `message`.
    public init(_ message: String) { self.message = message }

    /// The one-line message.
    public var description: String { message }
}
