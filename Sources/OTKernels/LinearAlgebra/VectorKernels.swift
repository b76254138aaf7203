/// Level-1 kernels on contiguous `Double` vectors for the dense factorizations in this folder.
///
/// The factorizations compute in `Double` whatever the caller's precision, so these are concrete,
/// non-generic functions compiled once with the module's flags. All three run in L1/L2 cache on
/// the sizes they see (rows of at most a few thousand elements).
enum VectorKernels {
    /// `Σ x[i] y[i]` for `i < count`, in 2 x 8 SIMD lanes (the summation order is fixed by `count`).
    /// - Complexity: O(count).
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        var acc0 = SIMD8<Double>(), acc1 = SIMD8<Double>()
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        let stride = MemoryLayout<Double>.stride
        var i = 0
        while i &+ 16 <= count {
            let o = i &* stride
            acc0 += rx.loadUnaligned(fromByteOffset: o, as: SIMD8<Double>.self)
                * ry.loadUnaligned(fromByteOffset: o, as: SIMD8<Double>.self)
            acc1 += rx.loadUnaligned(fromByteOffset: o &+ 8 &* stride, as: SIMD8<Double>.self)
                * ry.loadUnaligned(fromByteOffset: o &+ 8 &* stride, as: SIMD8<Double>.self)
            i &+= 16
        }
        var sum = (acc0 + acc1).sum()
        while i < count {
            sum += x[i] * y[i]
            i &+= 1
        }
        return sum
    }

    /// `y[i] += alpha * x[i]` for `i < count`.
    /// - Complexity: O(count).
    @inline(__always)
    static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { y[i] += alpha * x[i] }
    }

    /// The plane rotation `(x, y) ← (c x − s y, s x + c y)` applied elementwise to two vectors.
    /// - Complexity: O(count).
    @inline(__always)
    static func rotate(
        _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int, c: Double, s: Double
    ) {
        for i in 0..<count {
            let xi = x[i], yi = y[i]
            x[i] = c * xi - s * yi
            y[i] = s * xi + c * yi
        }
    }
}
