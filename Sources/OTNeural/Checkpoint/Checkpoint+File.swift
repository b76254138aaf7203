import Foundation
import OTKernels

extension Checkpoint {
    /// Writes the checkpoint to `url` atomically (temporary file in the same directory, fsync,
    /// rename): after a crash the file holds the old checkpoint or this one, never a mix.
    /// - Throws: ``CheckpointError`` (`.unwritable`) if the directory cannot be written.
    /// - Complexity: O(total tensor size).
    public func write(to url: URL) throws(CheckpointError) {
        do {
            try AtomicFile.write(encoded(), to: url.path)
        } catch {
            throw CheckpointError(path: url.path, reason: .unwritable(error.reason))
        }
    }

    /// Reads and verifies the checkpoint at `url` (magic, version, length, CRC-32, structure,
    /// scalar type `Scalar`).
    /// - Throws: ``CheckpointError`` naming the file and the first problem.
    /// - Complexity: O(file size).
    public init(contentsOf url: URL) throws(CheckpointError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CheckpointError(path: url.path, reason: .unreadable(error.localizedDescription))
        }
        try self.init(decoding: [UInt8](data), path: url.path)
    }
}
