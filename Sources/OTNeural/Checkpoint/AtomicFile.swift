import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe file replacement: the bytes go to a temporary file in the destination's directory,
/// which is flushed to disk (`fsync`) and then renamed over the destination. `rename(2)` within one
/// file system is atomic, so readers (and a run restarted after a crash) see either the complete
/// old file or the complete new one.
enum AtomicFile {
    /// Writes `bytes` to `url` atomically, replacing any existing file.
    /// - Throws: ``CheckpointError`` with `.unwritable` naming the failed step; the old file is untouched.
    /// - Complexity: O(bytes.count) plus two `fsync`s.
    static func write(_ bytes: [UInt8], to url: URL) throws(CheckpointError) {
        let temporary = try stage(bytes, nextTo: url)
        try commit(temporary, to: url)
    }

    /// Step 1: writes and fsyncs `bytes` into a fresh temporary file beside `url` and returns its URL.
    /// Until ``commit(_:to:)`` runs, the destination is untouched.
    static func stage(_ bytes: [UInt8], nextTo url: URL) throws(CheckpointError) -> URL {
        let directory = url.deletingLastPathComponent()
        let name = ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)"
            + ".\(UInt32.random(in: 0...UInt32.max)).tmp"
        let temporary = directory.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CheckpointError(path: url.path, reason: .unwritable("cannot create \(temporary.path)"))
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(bytes))
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CheckpointError(path: url.path, reason: .unwritable("writing \(temporary.path): \(error)"))
        }
        return temporary
    }

    /// Step 2: renames the staged file over `url` and fsyncs the directory so the rename is durable.
    static func commit(_ temporary: URL, to url: URL) throws(CheckpointError) {
        guard rename(temporary.path, url.path) == 0 else {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CheckpointError(path: url.path, reason: .unwritable("renaming \(temporary.path): \(message)"))
        }
        let directory = open(url.deletingLastPathComponent().path, O_RDONLY)
        if directory >= 0 {
            _ = fsync(directory)
            _ = close(directory)
        }
    }
}
