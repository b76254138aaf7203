/// Loads and stores of `S.Vector` at any element offset of a contiguous buffer, including a
/// partial vector at the end of a row (the missing lanes are padded on load, dropped on store).
public enum VectorAccess {
    /// The `S.Vector.scalarCount` elements starting at `pointer` (no alignment needed).
    /// - Complexity: O(1).
    @_transparent
    public static func load<S: OTScalar>(_ pointer: UnsafePointer<S>) -> S.Vector {
        // The concrete types are known `BitwiseCopyable`, so the load is one instruction; the generic
        // `S.Vector` is not, and its `loadUnaligned` goes through an out-of-line copy (3x slower kernels).
        let raw = UnsafeRawPointer(pointer)
        if S.Vector.self == SIMD16<Float>.self {
            return unsafeBitCast(raw.loadUnaligned(as: SIMD16<Float>.self), to: S.Vector.self)
        }
        if S.Vector.self == SIMD8<Double>.self {
            return unsafeBitCast(raw.loadUnaligned(as: SIMD8<Double>.self), to: S.Vector.self)
        }
        return raw.loadUnaligned(as: S.Vector.self)
    }

    /// The first `count` lanes from `pointer`, the others set to `padding`.
    /// - Precondition: `0 <= count <= S.Vector.scalarCount` (not checked).
    /// - Complexity: O(count).
    @_transparent
    public static func load<S: OTScalar>(_ pointer: UnsafePointer<S>, count: Int, padding: S) -> S.Vector {
        var v = S.Vector(repeating: padding)
        for lane in 0..<count { v[lane] = pointer[lane] }
        return v
    }

    /// Stores all lanes of `vector` at `pointer` (no alignment needed).
    /// - Complexity: O(1).
    @_transparent
    public static func store<S: OTScalar>(_ vector: S.Vector, to pointer: UnsafeMutablePointer<S>) {
        let raw = UnsafeMutableRawPointer(pointer)
        if S.Vector.self == SIMD16<Float>.self {
            raw.storeBytes(of: unsafeBitCast(vector, to: SIMD16<Float>.self), as: SIMD16<Float>.self)
        } else if S.Vector.self == SIMD8<Double>.self {
            raw.storeBytes(of: unsafeBitCast(vector, to: SIMD8<Double>.self), as: SIMD8<Double>.self)
        } else {
            raw.storeBytes(of: vector, as: S.Vector.self)
        }
    }

    /// Stores the first `count` lanes of `vector` at `pointer`.
    /// - Complexity: O(count).
    @_transparent
    public static func store<S: OTScalar>(_ vector: S.Vector, to pointer: UnsafeMutablePointer<S>, count: Int) {
        for lane in 0..<count { pointer[lane] = vector[lane] }
    }
}
