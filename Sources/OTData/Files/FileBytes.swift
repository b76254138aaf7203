#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic whole-file writes over POSIX calls, with ``DataFileError``s that
/// name the file and carry the operating system's reason.
enum FileBytes {
    /// The operating system's message for the current `errno`.
    static var systemReason: String { String(cString: strerror(errno)) }

    /// The whole content of the file at `path`.
    /// - Complexity: O(file size), one allocation of exactly that size.
    /// - Throws: ``DataFileError/cannotRead(path:reason:)`` if it cannot be opened or read.
    static func readAll(_ path: String) throws(DataFileError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: systemReason) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotRead(path: path, reason: systemReason) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .cannotRead(path: path, reason: "not a regular file")
        }
        let size = Int(info.st_size)
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let got = read(fd, buffer.baseAddress! + done, size - done)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = systemReason
                    break
                }
                if got == 0 { break }  // the file shrank while being read
                done += got
            }
            initialized = done
        }
        if let failure { throw .cannotRead(path: path, reason: failure) }
        return bytes
    }

    /// Writes `bytes` to `path` atomically: to a temporary file beside it, then renamed over it,
    /// so a reader never sees a half-written file.
    /// - Complexity: O(bytes.count).
    /// - Throws: ``DataFileError/cannotWrite(path:reason:)``.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(DataFileError) {
        // A random suffix keeps concurrent writers of the same path off each other's files.
        let temporary = path + ".tmp-\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: systemReason) }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let wrote = write(fd, raw.baseAddress! + done, raw.count - done)
                if wrote < 0 {
                    if errno == EINTR { continue }
                    failure = systemReason
                    return
                }
                done += wrote
            }
        }
        if close(fd) != 0, failure == nil { failure = systemReason }
        if failure == nil, rename(temporary, path) != 0 { failure = systemReason }
        if let failure {
            unlink(temporary)
            throw .cannotWrite(path: path, reason: failure)
        }
    }

    /// The first (at most 8) bytes of a file in hex, `"93 4E 55 4D"`, for error messages.
    static func hexPrefix(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "none: the file is empty" }
        let digits = Array("0123456789ABCDEF")
        return bytes.prefix(8).map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined(separator: " ")
    }
}
