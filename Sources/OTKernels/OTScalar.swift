@_exported import RealModule

/// A floating-point scalar that SwiftOT's kernels are written for: `Float` or `Double`.
///
/// Every kernel is generic over `OTScalar` and `@inlinable`, so a call site specializes it to
/// concrete `Float` or `Double` code. `Vector` is the SIMD register-sized vector the kernels
/// stream through: 16 `Float` lanes or 8 `Double` lanes (one AVX-512 register, two AVX2 ones).
public protocol OTScalar: BinaryFloatingPoint, Real, SIMDScalar, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {
    /// The SIMD vector the kernels use for this scalar.
    associatedtype Vector: SIMD where Vector.Scalar == Self, Vector.MaskStorage.Scalar: FixedWidthInteger

    /// A short name of the precision, as the command line spells it: `"float"` or `"double"`.
    static var precisionName: String { get }
}

extension Float: OTScalar {
    /// 16 lanes: one AVX-512 register, two AVX2 ones.
    public typealias Vector = SIMD16<Float>
    /// `"float"`.
    public static var precisionName: String { "float" }
}

extension Double: OTScalar {
    /// 8 lanes: one AVX-512 register, two AVX2 ones.
    public typealias Vector = SIMD8<Double>
    /// `"double"`.
    public static var precisionName: String { "double" }
}
