/// Invalid input to an `OTMetrics` entry point: names the argument and says what was expected.
public struct MetricsInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The argument at fault, e.g. `"samples"`.
    public let argument: String
    /// What was expected and what was found.
    public let message: String

    /// An error about `argument`.
    public init(argument: String, message: String) {
        self.argument = argument
        self.message = message
    }

    /// `"<argument>: <message>"`.
    public var description: String { "\(argument): \(message)" }
}
