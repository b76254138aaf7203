import Foundation

/// The one JSON style of the command line: sorted keys, pretty printed, a final newline.
///
/// Non-finite floating-point values, which JSON cannot hold, are written as the strings
/// `"NaN"`, `"Infinity"` and `"-Infinity"`, so a run whose loss diverged still gets its files.
enum JSONOutput {
    /// `value` encoded in this style.
    ///
    /// - Complexity: O(size of the output).
    /// - Throws: `EncodingError` if `value`'s `encode(to:)` throws.
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(value) + Data("\n".utf8)
    }
}
