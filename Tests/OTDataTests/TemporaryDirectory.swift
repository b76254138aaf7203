import Foundation

/// A fresh directory under the system's temporary directory, removed after `body` returns.
func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("OTDataTests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Writes `bytes` to `path` (test fixtures; the library's own writers are under test elsewhere).
func writeFixture(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The bytes of the file at `path`.
func readFixture(_ path: String) throws -> [UInt8] {
    try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
}

/// `bytes` with the first occurrence of the ASCII text `old` replaced by `new` (same length, so
/// an NPY header keeps its length field valid).
func replacing(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
    let o = Array(old.utf8), n = Array(new.utf8)
    precondition(o.count == n.count, "replacing: lengths differ")
    guard let start = (0...(bytes.count - o.count)).first(where: { Array(bytes[$0..<($0 + o.count)]) == o }) else {
        preconditionFailure("replacing: '\(old)' not found")
    }
    var out = bytes
    out.replaceSubrange(start..<(start + o.count), with: n)
    return out
}
