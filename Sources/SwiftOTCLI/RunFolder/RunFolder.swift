import Foundation
import OTKernels

/// The output folder of one run (`report.md`, `metrics.json`, `config.json`, pictures,
/// checkpoints), whose files are each replaced atomically.
///
/// An existing folder is reused: files written again replace the old ones, others stay.
struct RunFolder: Sendable {
    /// The folder.
    let url: URL

    /// The run folder at `path`, created with any missing parent folders.
    ///
    /// - Throws: ``FileError`` if `path` exists and is not a folder, or cannot be created.
    init(path: String) throws {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw FileError(action: "create the folder", path: url.path, reason: "a file is in the way")
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw FileError(action: "create the folder", path: url.path, reason: error.localizedDescription)
            }
        }
        self.url = url
    }

    /// The URL of the file `name` inside the folder.
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Replaces the file `name` with `data` atomically (see ``AtomicFile/write(_:to:)``).
    ///
    /// - Complexity: O(`data.count`) plus one `fsync`.
    /// - Throws: ``FileError``.
    func write(_ data: Data, to name: String) throws { try AtomicFile.write(data, to: file(name)) }

    /// Replaces the file `name` with `value` as JSON (see ``JSONOutput``), atomically.
    ///
    /// - Throws: ``FileError``, or `EncodingError` from `value`.
    func writeJSON<T: Encodable>(_ value: T, to name: String) throws {
        try write(JSONOutput.encode(value), to: name)
    }

    /// Writes the run's settings to `config.json`; throws as ``writeJSON(_:to:)``.
    func writeConfig<T: Encodable>(_ config: T) throws { try writeJSON(config, to: "config.json") }

    /// Writes the run's results to `metrics.json`; throws as ``writeJSON(_:to:)``.
    func writeMetrics<T: Encodable>(_ metrics: T) throws { try writeJSON(metrics, to: "metrics.json") }
}
