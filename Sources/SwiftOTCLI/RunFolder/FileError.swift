/// A file or folder that could not be created, written or replaced, with the path and the reason.
struct FileError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What was attempted, as a verb phrase: `write`, `create the folder`.
    let action: String
    /// The path the operation was about.
    let path: String
    /// Why it failed, e.g. the system's text for `errno` (`Permission denied`).
    let reason: String

    /// An error: `action` on `path` failed because of `reason`.
    init(action: String, path: String, reason: String) {
        (self.action, self.path, self.reason) = (action, path, reason)
    }

    /// `cannot <action> <path>: <reason>`.
    var description: String { "cannot \(action) \(path): \(reason)" }
}
