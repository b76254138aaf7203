/// The exponential of a whole SIMD vector at once: the hot spot of every log-domain OT solver.
///
/// ```
/// exp(x) = 2^k · exp(r),   k = round(x / ln 2),   r = x − k ln 2 ∈ [−ln2/2, ln2/2]
/// ```
/// `k ln 2` is subtracted in two parts (Cody-Waite: a short `ln2Hi` whose products with `k` are
/// exact, and the remainder `ln2Lo`), `exp(r)` is a polynomial, and `2^k` is built from the
/// exponent bits in two halves `2^⌊k/2⌋ · 2^(k−⌊k/2⌋)` so overflow to `+∞` comes out right
/// without a branch. Results below the smallest normal number are flushed to `+0`: producing a
/// subnormal costs a ~150-cycle microcode assist on x86 (it made log-sum-exp 10x slower, since most
/// Sinkhorn arguments are below −87), and such terms never matter in a sum of exponentials.
///
/// Properties (checked by `VectorExpTests` against the C library's `exp`):
/// - `Float`: at most 2 ulp from `expf` for normal results; a degree-6 polynomial whose coefficients
///   were fitted by us (Lawson's iteration for minimax relative error on `[−ln2/2, ln2/2]`,
///   error 2e-9 before rounding).
/// - `Double`: relative error below 1e-15; the degree-12 Taylor polynomial (truncation 2e-16).
/// - `x < −87.3365` (Float) / `x < −708.3964` (Double), where `exp(x)` is subnormal, gives `+0`;
///   `x > 88.7228` / `x > 709.7828` gives `+∞`;
///   NaN lanes give NaN (the clamps compare false on NaN, so NaN flows through the arithmetic).
///
/// Speed (AMD EPYC, `-target-cpu native`, one core): ~0.3 ns per `Float` element, against ~6 ns
/// for the scalar `expf`. The polynomials use fused multiply-add only when the package is built with
/// `SWIFTOT_NATIVE=1` (which defines `SWIFTOT_NATIVE`): without a CPU target that enables FMA,
/// `addingProduct` turns into one library call per lane, so the default build multiplies then adds
/// (2.5x slower exp, still 5x faster than scalar).
public enum VectorExp {
    /// `exp` of each lane of a 16-lane `Float` vector.
    /// - Complexity: O(1): about 25 vector instructions, no branch, no table.
    @_transparent
    public static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> { exponential(x, fullRange: true) }

    /// `exp` of each lane of a 16-lane `Float` vector, equal to ``exp(_:)-(SIMD16<Float>)`` (bit for
    /// bit) for `x < 88.376` (`x/ln 2` rounds to at most 127) and `+∞` from there, where the true
    /// value is `+∞` or within a factor 1.4 of `Float.greatestFiniteMagnitude`.
    ///
    /// For sums of exponentials that are rejected long before they get that large (the shifted
    /// sums of Sinkhorn): `2^k` is built in one piece, six instructions fewer than the full range
    /// needs.
    /// - Complexity: O(1): about 20 vector instructions, no branch, no table.
    @_transparent
    public static func expBelowOverflow(_ x: SIMD16<Float>) -> SIMD16<Float> { exponential(x, fullRange: false) }

    /// The `Float` kernel; `fullRange` builds `2^k` in two halves so that results up to
    /// `Float.greatestFiniteMagnitude` come out finite.
    @_transparent @usableFromInline
    static func exponential(_ x: SIMD16<Float>, fullRange: Bool) -> SIMD16<Float> {
        typealias V = SIMD16<Float>
        let tiny = x .< -87.336_54
        var x = x.replacing(with: -87.336_54, where: tiny)
        x = x.replacing(with: 89, where: x .> 89)
        // 1.5 · 2^23: adding it rounds to an integer held in the low mantissa bits.
        let magic: Float = 12_582_912
        let t = multiplyAdd(x, SIMD16(repeating: 1.442_695_021_629_333_5), SIMD16(repeating: magic))
        let k = t - magic
        let r = multiplyAdd(k, SIMD16(repeating: 0.000_212_194_441_701_285_54),
                            multiplyAdd(k, SIMD16(repeating: -0.693_359_375), x))
        var p = multiplyAdd(r, V(repeating: 0.001_384_360_715_746_879_6), V(repeating: 0.008_374_195_545_911_789))
        p = multiplyAdd(p, r, V(repeating: 0.041_668_005_287_647_25))
        p = multiplyAdd(p, r, V(repeating: 0.166_664_302_349_090_58))
        p = multiplyAdd(p, r, V(repeating: 0.499_999_940_395_355_2))
        p = multiplyAdd(p, r, V(repeating: 1))
        p = multiplyAdd(p, r, V(repeating: 1))
        if !fullRange {
            // k + 127 in the exponent field: k ≤ 128 after the clamp, and 128 gives the +∞ pattern.
            let scale = unsafeBitCast((unsafeBitCast(t, to: SIMD16<Int32>.self) &- (0x4B40_0000 - 127)) &<< 23,
                                      to: SIMD16<Float>.self)
            return (p * scale).replacing(with: 0, where: tiny)
        }
        let ki = unsafeBitCast(t, to: SIMD16<Int32>.self) &- 0x4B40_0000
        let k1 = ki &>> 1
        let s1 = unsafeBitCast((k1 &+ 127) &<< 23, to: SIMD16<Float>.self)
        let s2 = unsafeBitCast((ki &- k1 &+ 127) &<< 23, to: SIMD16<Float>.self)
        return (p * s1 * s2).replacing(with: 0, where: tiny)
    }

    /// `exp` of each lane of an 8-lane `Double` vector.
    /// - Complexity: O(1): about 30 vector instructions, no branch, no table.
    @_transparent
    public static func exp(_ x: SIMD8<Double>) -> SIMD8<Double> { exponential(x, fullRange: true) }

    /// `exp` of each lane of an 8-lane `Double` vector, equal to ``exp(_:)-(SIMD8<Double>)`` for
    /// `x < 709.436` (`x/ln 2` rounds to at most 1023) and `+∞` from there (see the `Float` version).
    /// - Complexity: O(1): about 25 vector instructions, no branch, no table.
    @_transparent
    public static func expBelowOverflow(_ x: SIMD8<Double>) -> SIMD8<Double> { exponential(x, fullRange: false) }

    /// The `Double` kernel (see the `Float` one).
    @_transparent @usableFromInline
    static func exponential(_ x: SIMD8<Double>, fullRange: Bool) -> SIMD8<Double> {
        typealias V = SIMD8<Double>
        let tiny = x .< -708.396_418_532_264_1
        var x = x.replacing(with: -708.396_418_532_264_1, where: tiny)
        x = x.replacing(with: 710, where: x .> 710)
        // 1.5 · 2^52: adding it rounds to an integer held in the low mantissa bits.
        let magic: Double = 6_755_399_441_055_744
        let t = multiplyAdd(x, SIMD8(repeating: 1.442_695_040_888_963_4), SIMD8(repeating: magic))
        let k = t - magic
        let r = multiplyAdd(k, SIMD8(repeating: -1.908_214_929_270_587_7e-10),
                            multiplyAdd(k, SIMD8(repeating: -0.693_147_180_369_123_8), x))
        // Horner on 1/j!, j = 12 ... 0.
        var p = multiplyAdd(r, V(repeating: 1.0 / 479_001_600), V(repeating: 1.0 / 39_916_800))
        p = multiplyAdd(p, r, V(repeating: 1.0 / 3_628_800))
        p = multiplyAdd(p, r, V(repeating: 1.0 / 362_880))
        p = multiplyAdd(p, r, V(repeating: 1.0 / 40_320))
        p = multiplyAdd(p, r, V(repeating: 1.0 / 5_040))
        p = multiplyAdd(p, r, V(repeating: 1.0 / 720))
        p = multiplyAdd(p, r, V(repeating: 1.0 / 120))
        p = multiplyAdd(p, r, V(repeating: 1.0 / 24))
        p = multiplyAdd(p, r, V(repeating: 1.0 / 6))
        p = multiplyAdd(p, r, V(repeating: 0.5))
        p = multiplyAdd(p, r, V(repeating: 1))
        p = multiplyAdd(p, r, V(repeating: 1))
        if !fullRange {
            let scale = unsafeBitCast((unsafeBitCast(t, to: SIMD8<Int64>.self) &- (0x4338_0000_0000_0000 - 1023)) &<< 52,
                                      to: SIMD8<Double>.self)
            return (p * scale).replacing(with: 0, where: tiny)
        }
        let ki = unsafeBitCast(t, to: SIMD8<Int64>.self) &- 0x4338_0000_0000_0000
        let k1 = ki &>> 1
        let s1 = unsafeBitCast((k1 &+ 1023) &<< 52, to: SIMD8<Double>.self)
        let s2 = unsafeBitCast((ki &- k1 &+ 1023) &<< 52, to: SIMD8<Double>.self)
        return (p * s1 * s2).replacing(with: 0, where: tiny)
    }

    /// `exp` of each lane of a vector of `Float` or `Double` (in kernels: `S.Vector`), dispatched to
    /// the 16-lane `Float` or 8-lane `Double` kernel.
    ///
    /// The type test folds away when the caller is specialized, so this costs nothing in a
    /// generic `@inlinable` kernel. Other vector widths fall back to `exp` lane by lane.
    /// - Complexity: O(1) per vector.
    @_transparent
    public static func exp<V: SIMD>(_ x: V) -> V where V.Scalar: OTScalar {
        if V.self == SIMD16<Float>.self {
            return unsafeBitCast(exp(unsafeBitCast(x, to: SIMD16<Float>.self)), to: V.self)
        }
        if V.self == SIMD8<Double>.self {
            return unsafeBitCast(exp(unsafeBitCast(x, to: SIMD8<Double>.self)), to: V.self)
        }
        var out = x
        for lane in out.indices { out[lane] = V.Scalar.exp(x[lane]) }
        return out
    }

    /// ``expBelowOverflow(_:)-(SIMD16<Float>)`` of each lane of a vector of `Float` or `Double`,
    /// dispatched like ``exp(_:)-(V)``.
    /// - Complexity: O(1) per vector.
    @_transparent
    public static func expBelowOverflow<V: SIMD>(_ x: V) -> V where V.Scalar: OTScalar {
        if V.self == SIMD16<Float>.self {
            return unsafeBitCast(expBelowOverflow(unsafeBitCast(x, to: SIMD16<Float>.self)), to: V.self)
        }
        if V.self == SIMD8<Double>.self {
            return unsafeBitCast(expBelowOverflow(unsafeBitCast(x, to: SIMD8<Double>.self)), to: V.self)
        }
        return exp(x)
    }

    /// `a · b + c`, fused into one instruction (one rounding) when the build enables FMA
    /// (`SWIFTOT_NATIVE`); a multiply then an add otherwise, since without a CPU target the fused
    /// form becomes a library call per lane.
    /// - Complexity: O(1) per vector.
    @_transparent
    public static func multiplyAdd<V: SIMD>(_ a: V, _ b: V, _ c: V) -> V where V.Scalar: FloatingPoint {
        #if SWIFTOT_NATIVE
        return c.addingProduct(a, b)
        #else
        return a * b + c
        #endif
    }

    /// Replaces every element of `buffer` by its exponential (the vector kernel on every element,
    /// the last partial vector included, so each element's result does not depend on its position).
    /// - Complexity: O(count), vectorized.
    @inlinable
    public static func exp<S: OTScalar>(inPlace buffer: UnsafeMutableBufferPointer<S>) {
        guard let base = buffer.baseAddress else { return }
        let width = S.Vector.scalarCount, count = buffer.count
        var j = 0
        while j &+ width <= count {
            VectorAccess.store(exp(VectorAccess.load(base + j) as S.Vector) as S.Vector, to: base + j)
            j &+= width
        }
        if j < count {
            let rest = count &- j
            VectorAccess.store(exp(VectorAccess.load(base + j, count: rest, padding: 0) as S.Vector),
                               to: base + j, count: rest)
        }
    }
}
