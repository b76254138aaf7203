/// Lane-wise maximum of SIMD vectors of `Float` or `Double`, in one instruction.
///
/// In a generic kernel, `a.replacing(with: b, where: b .> a)` resolves to the stdlib's generic
/// `SIMD` comparison, which runs lane by lane (16 compares and branches); the concrete
/// `SIMD16<Float>` and `SIMD8<Double>` versions compile to one `vmaxps`/`vmaxpd`. This helper
/// dispatches to them, the way ``VectorExp/exp(_:)-(V)`` does.
public enum VectorMaximum {
    /// `max(a, b)` lane by lane; a NaN lane of `b` is ignored (the lane of `a` is kept).
    /// - Complexity: O(1).
    @_transparent
    public static func maximum<V: SIMD>(_ a: V, _ b: V) -> V where V.Scalar: OTScalar {
        if V.self == SIMD16<Float>.self {
            let x = unsafeBitCast(a, to: SIMD16<Float>.self), y = unsafeBitCast(b, to: SIMD16<Float>.self)
            return unsafeBitCast(x.replacing(with: y, where: y .> x), to: V.self)
        }
        if V.self == SIMD8<Double>.self {
            let x = unsafeBitCast(a, to: SIMD8<Double>.self), y = unsafeBitCast(b, to: SIMD8<Double>.self)
            return unsafeBitCast(x.replacing(with: y, where: y .> x), to: V.self)
        }
        return a.replacing(with: b, where: b .> a)
    }
}
