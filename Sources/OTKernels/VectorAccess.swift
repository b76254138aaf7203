/// Loads and stores of `S.Vector` at any element offset of a contiguous buffer, including a
/// partial vector at the end of a row (the missing lanes are padded on load, dropped on store).
public enum VectorAccess {
    /// The `S.Vector.scalarCount` elements starting at `pointer` (no alignment needed).
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func load<S: OTScalar>(_ pointer: UnsafePointer<S>) -> S.Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: S.Vector.self)
    }

    /// The first `count` lanes from `pointer`, the others set to `padding`.
    /// - Precondition: `0 <= count <= S.Vector.scalarCount` (not checked).
    /// - Complexity: O(count).
    @inlinable @inline(__always)
    public static func load<S: OTScalar>(_ pointer: UnsafePointer<S>, count: Int, padding: S) -> S.Vector {
        var v = S.Vector(repeating: padding)
        for lane in 0..<count { v[lane] = pointer[lane] }
        return v
    }

    /// Stores all lanes of `vector` at `pointer` (no alignment needed).
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func store<S: OTScalar>(_ vector: S.Vector, to pointer: UnsafeMutablePointer<S>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: S.Vector.self)
    }

    /// Stores the first `count` lanes of `vector` at `pointer`.
    /// - Complexity: O(count).
    @inlinable @inline(__always)
    public static func store<S: OTScalar>(_ vector: S.Vector, to pointer: UnsafeMutablePointer<S>, count: Int) {
        for lane in 0..<count { pointer[lane] = vector[lane] }
    }
}
