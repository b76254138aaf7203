import OTKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file open for reading at byte offsets; closed when the value goes away.
struct OpenFile: ~Copyable {
    /// The path the file was opened at (for error messages).
    let path: String
    /// Its size in bytes when it was opened.
    let size: Int
    private let descriptor: Int32

    /// Opens the regular file at `path`.
    /// - Throws: ``DataFileError/cannotRead(path:reason:)`` if it cannot be opened or is not a
    ///   regular file.
    init(path: String) throws(DataFileError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: FileBytes.systemReason) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = FileBytes.systemReason
            close(fd)
            throw .cannotRead(path: path, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .cannotRead(path: path, reason: "not a regular file")
        }
        self.path = path
        self.size = Int(info.st_size)
        self.descriptor = fd
    }

    deinit { close(descriptor) }

    /// Fills `buffer` from byte `offset` on; returns how many bytes were read (fewer than
    /// `buffer.count` only at the end of the file).
    /// - Throws: ``DataFileError/cannotRead(path:reason:)`` on a read error.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(DataFileError) -> Int {
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if got < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: FileBytes.systemReason)
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// `count` elements of a trivial type `T` stored from byte `offset` on, in the machine's
    /// byte order, read straight into the array's storage (no intermediate copy).
    /// - Throws: ``DataFileError/truncated(path:what:expected:actual:)`` if the file ends first,
    ///   ``DataFileError/cannotRead(path:reason:)`` on a read error.
    func elements<T: BitwiseCopyable>(_: T.Type, count: Int, at offset: Int, what: String)
        throws(DataFileError) -> [T]
    {
        var failure: DataFileError?
        var got = 0
        let needed = count * MemoryLayout<T>.stride
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(DataFileError) {
                got = try read(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
            } catch {
                failure = error
            }
            initialized = got == needed ? count : 0
        }
        if let failure { throw failure }
        guard got == needed else { throw .truncated(path: path, what: what, expected: needed, actual: got) }
        return values
    }

    /// The bytes in `range` (fewer if the file ends first).
    /// - Throws: ``DataFileError/cannotRead(path:reason:)`` on a read error.
    func bytes(in range: Range<Int>) throws(DataFileError) -> [UInt8] {
        var failure: DataFileError?
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            do throws(DataFileError) {
                initialized = try read(into: UnsafeMutableRawBufferPointer(buffer), at: range.lowerBound)
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }
}

/// Whole-file reads and atomic whole-file writes over POSIX calls, with ``DataFileError``s that
/// name the file and carry the operating system's reason.
enum FileBytes {
    /// The operating system's message for the current `errno`.
    static var systemReason: String { String(cString: strerror(errno)) }

    /// The whole content of the file at `path`.
    /// - Complexity: O(file size), one allocation of exactly that size.
    /// - Throws: ``DataFileError/cannotRead(path:reason:)`` if it cannot be opened or read.
    static func readAll(_ path: String) throws(DataFileError) -> [UInt8] {
        let file = try OpenFile(path: path)
        return try file.bytes(in: 0..<file.size)
    }

    /// Writes `bytes` to `path` atomically: to a temporary file beside it, then renamed over it,
    /// so a reader never sees a half-written file.
    /// - Complexity: O(bytes.count).
    /// - Throws: ``DataFileError/cannotWrite(path:reason:)``.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(DataFileError) {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw .cannotWrite(path: path, reason: error.reason)
        }
    }

    /// The first (at most 8) bytes of a file in hex, `"93 4E 55 4D"`, for error messages.
    static func hexPrefix(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "none: the file is empty" }
        let digits = Array("0123456789ABCDEF")
        return bytes.prefix(8).map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined(separator: " ")
    }
}
