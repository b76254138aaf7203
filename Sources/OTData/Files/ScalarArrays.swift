import OTKernels

/// Conversion of `[From]` to `[To]` between `OTScalar` types that costs nothing when the types
/// agree and runs a concrete (vectorized) loop between `Float` and `Double`.
///
/// The readers decode file bytes into concrete `Float` or `Double` arrays and only then hand
/// them out as `[S]`: a generic per-element loop in a non-inlinable function would go through
/// witness tables and run many times slower.
enum ScalarArrays {
    /// `values` converted to `To`: the same array when the types agree, otherwise each element
    /// converted (exact from `Float` to `Double`, rounded to nearest the other way).
    /// - Complexity: O(1) when `From == To`, O(n) otherwise.
    static func cast<From: OTScalar, To: OTScalar>(_ values: [From], to _: To.Type = To.self) -> [To] {
        if From.self == To.self { return unsafeBitCast(values, to: [To].self) }
        if From.self == Float.self && To.self == Double.self {
            return unsafeBitCast(unsafeBitCast(values, to: [Float].self).map { Double($0) }, to: [To].self)
        }
        if From.self == Double.self && To.self == Float.self {
            return unsafeBitCast(unsafeBitCast(values, to: [Double].self).map { Float($0) }, to: [To].self)
        }
        return values.map { To($0) }
    }
}
