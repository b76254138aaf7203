import OTKernels

/// The element types SwiftOT reads from and writes to NPY files.
public enum NPYElementType: String, Sendable, CaseIterable {
    /// Little-endian IEEE 754 binary32, numpy dtype `'<f4'`.
    case float32 = "<f4"
    /// Little-endian IEEE 754 binary64, numpy dtype `'<f8'`.
    case float64 = "<f8"

    /// Bytes per element: 4 or 8.
    public var byteCount: Int { self == .float32 ? 4 : 8 }

    /// The element type that stores `S` exactly: `float32` for `Float`, `float64` otherwise.
    public static func storing<S: OTScalar>(_: S.Type) -> NPYElementType {
        S.significandBitCount <= Float.significandBitCount ? .float32 : .float64
    }
}
