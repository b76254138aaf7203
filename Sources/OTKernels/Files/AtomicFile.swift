import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file could not be written; the destination is unchanged.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The destination that was to be written.
    public let path: String
    /// The system's reason, e.g. "No such file or directory".
    public let reason: String

    /// An error for `path` with `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `cannot write <path>: <reason>`, one line.
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Crash-safe file replacement, used by every file SwiftOT writes (data, images, reports, checkpoints).
///
/// The bytes go to a hidden temporary file in the destination's folder (`.<name>.tmp-<pid>-<random>`),
/// are flushed to disk with `fsync`, and the file is renamed over the destination; the folder is then
/// flushed so the rename itself is durable. `rename(2)` within one file system is atomic, so a reader,
/// or a run restarted after a crash, sees either the whole old file or the whole new one. On any
/// failure the temporary file is removed and the destination is untouched.
public enum AtomicFile {
    /// Writes `bytes` to `path`, replacing any existing file atomically.
    /// - Complexity: O(bytes.count) plus two `fsync`s.
    /// - Throws: ``FileWriteError`` naming `path` and the system's reason.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        let temporary = try stage(bytes, nextTo: path)
        try commit(temporary, to: path)
    }

    /// Writes `data` to `path` atomically (see ``write(_:to:)-([UInt8],_)``).
    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        try write([UInt8](data), to: path)
    }

    /// Writes the UTF-8 encoding of `text` to `path` atomically.
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `data` to the file URL `url` atomically.
    public static func write(_ data: Data, to url: URL) throws(FileWriteError) {
        try write([UInt8](data), to: url.path)
    }

    /// Step 1 of ``write(_:to:)-([UInt8],_)``: writes and flushes `bytes` into a fresh temporary file
    /// beside `path` and returns the temporary file's path. The destination is not touched yet.
    /// - Throws: ``FileWriteError`` naming `path`.
    public static func stage(_ bytes: [UInt8], nextTo path: String) throws(FileWriteError) -> String {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(getpid())-\(String(UInt32.random(in: 0 ... .max), radix: 16))"
        ).path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileWriteError(path: path, reason: systemReason()) }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count, failure == nil {
                let wrote = Foundation.write(descriptor, raw.baseAddress! + done, raw.count - done)
                if wrote >= 0 {
                    done += wrote
                } else if errno != EINTR {
                    failure = systemReason()
                }
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = systemReason() }
        if close(descriptor) != 0, failure == nil { failure = systemReason() }
        if let failure {
            unlink(temporary)
            throw FileWriteError(path: path, reason: failure)
        }
        return temporary
    }

    /// Step 2 of ``write(_:to:)-([UInt8],_)``: renames the staged file over `path` and flushes the
    /// folder so the rename is durable.
    /// - Throws: ``FileWriteError`` naming `path`; the staged file is removed.
    public static func commit(_ temporary: String, to path: String) throws(FileWriteError) {
        guard rename(temporary, path) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw FileWriteError(path: path, reason: reason)
        }
        let folder = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY)
        if folder >= 0 {
            _ = fsync(folder)
            _ = close(folder)
        }
    }

    /// The system's text for the current `errno`.
    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
