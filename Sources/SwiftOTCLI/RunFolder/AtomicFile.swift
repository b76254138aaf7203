import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file so that readers see either the old content or the whole new content, never a
/// half-written file, even if the process dies mid-write.
public enum AtomicFile {
    /// Writes `data` to `url`: into a hidden temporary file in the same folder
    /// (`.<name>.tmp-<pid>-<random>`), flushed to disk with `fsync`, then renamed over `url` (an
    /// atomic replace on POSIX file systems). The temporary file is removed on any failure.
    ///
    /// - Complexity: O(`data.count`) plus one `fsync`.
    /// - Throws: ``FileError`` naming `url.path` and the system's reason.
    public static func write(_ data: Data, to url: URL) throws {
        let path = url.path
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError(action: "write", path: path, reason: systemReason()) }
        var failure: FileError?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, failure == nil {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written >= 0 {
                    offset += written
                } else if errno != EINTR {
                    failure = FileError(action: "write", path: path, reason: systemReason())
                }
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = FileError(action: "write", path: path, reason: systemReason()) }
        if close(descriptor) != 0, failure == nil { failure = FileError(action: "write", path: path, reason: systemReason()) }
        if failure == nil, rename(temporary, path) != 0 { failure = FileError(action: "write", path: path, reason: systemReason()) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// The system's text for the current `errno`.
    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
