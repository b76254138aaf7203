/// Why a checkpoint could not be written, read or applied, and the file it concerns.
public struct CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The checkpoint file (``Checkpoint/origin`` when applying a decoded checkpoint), or `"(in memory)"`.
    public let path: String
    /// What went wrong.
    public let reason: Reason

    /// An error about `path`.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The specific failure.
    public enum Reason: Error, Equatable, Sendable {
        /// The file could not be read (missing, permissions); the system's message.
        case unreadable(String)
        /// The file could not be written or renamed into place; the system's message.
        case unwritable(String)
        /// The first 8 bytes are not the SwiftOT checkpoint magic.
        case badMagic
        /// The format version is not one this build reads.
        case unsupportedVersion(found: UInt32, supported: UInt32)
        /// The file is shorter than its header says (or shorter than a header).
        case truncated(expectedBytes: Int, actualBytes: Int)
        /// The payload's CRC-32 differs from the stored one: the file is corrupt.
        case checksumMismatch(stored: UInt32, computed: UInt32)
        /// The payload does not decode (a length runs past the end, bad UTF-8, trailing bytes).
        case malformed(String)
        /// The checkpoint was written by a different architecture.
        case fingerprintMismatch(expected: String, found: String)
        /// A tensor is stored in another precision than the one requested.
        case scalarTypeMismatch(tensor: String, expected: String, found: String)
        /// The model or optimizer has a tensor the checkpoint lacks.
        case missingTensor(String)
        /// The checkpoint has a tensor the model or optimizer lacks, or in another order.
        case unexpectedTensor(String)
        /// A tensor's stored shape differs from the model's.
        case shapeMismatch(tensor: String, expected: [Int], found: [Int])
        /// The checkpoint holds no optimizer state, or another optimizer's.
        case optimizerMismatch(expected: String, found: String)
    }

    /// One line naming the file and the problem.
    public var description: String {
        let what: String
        switch reason {
        case .unreadable(let m): what = "cannot read: \(m)"
        case .unwritable(let m): what = "cannot write: \(m)"
        case .badMagic: what = "not a SwiftOT checkpoint (bad magic bytes)"
        case .unsupportedVersion(let f, let s): what = "format version \(f), this build reads version \(s)"
        case .truncated(let e, let a): what = "truncated: expected \(e) bytes, found \(a)"
        case .checksumMismatch(let s, let c):
            what = "corrupt: stored CRC-32 \(String(s, radix: 16)), computed \(String(c, radix: 16))"
        case .malformed(let m): what = "malformed payload: \(m)"
        case .fingerprintMismatch(let e, let f): what = "architecture \"\(f)\", expected \"\(e)\""
        case .scalarTypeMismatch(let t, let e, let f): what = "tensor \"\(t)\" is \(f), expected \(e)"
        case .missingTensor(let t): what = "missing tensor \"\(t)\""
        case .unexpectedTensor(let t): what = "unexpected tensor \"\(t)\""
        case .shapeMismatch(let t, let e, let f): what = "tensor \"\(t)\" has shape \(f), expected \(e)"
        case .optimizerMismatch(let e, let f): what = "optimizer state is \"\(f)\", expected \"\(e)\""
        }
        return "checkpoint \(path): \(what)"
    }
}
