/// The vector types of SwiftOT's register-blocked kernels (GEMM, pairwise distances), and their
/// multiply-add.
///
/// With `SWIFTOT_NATIVE=1` (`-target-cpu native`, which also defines `SWIFTOT_NATIVE`) the vectors
/// are the 64-byte ``OTScalar/Vector`` types, one AVX-512 register each: the `6 x 32` `Float` GEMM
/// tile keeps 12 accumulators in registers. Without a CPU target the code runs on 16-byte SSE
/// registers, where that tile would need 48 registers of the 16 there are, so the vectors are one
/// SSE register wide (`6 x 8` `Float`, `6 x 4` `Double` tiles): 38 against 31 GFLOP/s for the wide
/// tile in a micro-kernel measurement on this machine.
@usableFromInline
enum KernelVectors {
    #if SWIFTOT_NATIVE
    @usableFromInline typealias FloatVector = Float.Vector
    @usableFromInline typealias DoubleVector = Double.Vector
    #else
    @usableFromInline typealias FloatVector = SIMD4<Float>
    @usableFromInline typealias DoubleVector = SIMD2<Double>
    #endif

    /// `c + a · b`, fused into one rounding when the build has a CPU target with FMA; otherwise a
    /// multiply then an add (without a CPU target a fused multiply-add is a per-lane library call,
    /// 36 times slower). A micro-kernel measurement with AVX-512: 115 GFLOP/s fused, 82 unfused.
    @inline(__always)
    static func multiplyAdd<V: SIMD>(_ c: V, _ a: V, _ b: V) -> V where V.Scalar: FloatingPoint {
        #if SWIFTOT_NATIVE
        return c.addingProduct(a, b)
        #else
        return c + a * b
        #endif
    }

    /// The scalar `c + a · b`, rounded exactly as one lane of the vector version (fused under the
    /// same condition), for code that must agree bit for bit with the vector kernels.
    @inline(__always)
    static func multiplyAdd<T: FloatingPoint>(_ c: T, _ a: T, _ b: T) -> T {
        #if SWIFTOT_NATIVE
        return c.addingProduct(a, b)
        #else
        return c + a * b
        #endif
    }
}
