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

    /// Applies the chain of plane rotations `i = bottom − 1, bottom − 2, ..., top` to the rows of the
    /// row-major `z` (rows of `rowLength`), rotation `i` acting on rows `i`, `i + 1` as
    /// `(x, y) ← (c_i x − s_i y, s_i x + c_i y)`.
    ///
    /// The chain shares one row between consecutive rotations, so the kernel walks down each
    /// 8-column strip once, keeping the shared row in a register: every element is loaded and stored
    /// once per chain instead of twice per rotation.
    /// - Complexity: 6 (bottom − top) rowLength flops.
    @inline(__always)
    static func applyRotationChain(
        to z: UnsafeMutablePointer<Double>, rowLength n: Int, top: Int, bottom: Int,
        cosines: [Double], sines: [Double]
    ) {
        guard bottom > top else { return }
        cosines.withUnsafeBufferPointer { cb in
            sines.withUnsafeBufferPointer { sb in
                let c = cb.baseAddress!, s = sb.baseAddress!
                let raw = UnsafeMutableRawPointer(z)
                let stride = MemoryLayout<Double>.stride
                var j = 0
                while j &+ 8 <= n {
                    var carry = raw.loadUnaligned(fromByteOffset: (bottom &* n &+ j) &* stride, as: SIMD8<Double>.self)
                    var i = bottom &- 1
                    while i >= top {
                        let offset = (i &* n &+ j) &* stride
                        let x = raw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
                        raw.storeBytes(of: s[i] * x + c[i] * carry, toByteOffset: offset &+ n &* stride, as: SIMD8<Double>.self)
                        carry = c[i] * x - s[i] * carry
                        i &-= 1
                    }
                    raw.storeBytes(of: carry, toByteOffset: (top &* n &+ j) &* stride, as: SIMD8<Double>.self)
                    j &+= 8
                }
                while j < n {
                    var carry = z[bottom &* n &+ j]
                    var i = bottom &- 1
                    while i >= top {
                        let x = z[i &* n &+ j]
                        z[(i &+ 1) &* n &+ j] = s[i] * x + c[i] * carry
                        carry = c[i] * x - s[i] * carry
                        i &-= 1
                    }
                    z[top &* n &+ j] = carry
                    j &+= 1
                }
            }
        }
    }
}
