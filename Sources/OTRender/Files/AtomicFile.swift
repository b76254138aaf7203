import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes whole files so that a reader sees either the old content or the new one, never a torn mix.
///
/// The bytes go to a temporary file beside the destination (same directory, hence the same file
/// system), which is then renamed over the destination with POSIX `rename(2)`; the rename is atomic.
/// A failed write removes the temporary file and leaves the destination untouched.
public enum AtomicFile {
    /// Writes `bytes` to `path`, replacing any existing file atomically.
    /// - Throws: ``RenderError`` naming `path` when the directory does not exist, is not writable,
    ///   or the rename fails.
    /// - Complexity: O(bytes.count).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(Data(bytes), to: path)
    }

    /// Writes the UTF-8 encoding of `text` to `path`, replacing any existing file atomically.
    /// - Throws: ``RenderError`` naming `path` when the file cannot be written.
    /// - Complexity: O(text.utf8.count).
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `data` to `path` through a temporary sibling file and a rename.
    static func write(_ data: Data, to path: String) throws {
        let destination = URL(fileURLWithPath: path)
        let directory = destination.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(
            ".\(destination.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw RenderError("cannot write '\(path)': directory '\(directory.path)' does not exist")
        }
        do {
            // The pid and a random suffix make the name unique, so a leftover of a failed write is ours.
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError("cannot write '\(path)': \(reason(of: error))")
        }
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError("cannot replace '\(path)': \(reason)")
        }
    }

    /// The most specific one-line description of a Foundation write error.
    private static func reason(of error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain,
            let code = Int32(exactly: underlying.code)
        {
            return String(cString: strerror(code))
        }
        let text = ns.localizedDescription
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }
}
