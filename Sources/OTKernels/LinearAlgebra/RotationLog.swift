/// A recorded sequence of plane-rotation chains, applied later to the rows of a matrix in one
/// cache-friendly, two-thread pass.
///
/// Chain `k` is the rotations `i = bottom_k − 1, bottom_k − 2, ..., top_k`, rotation `i` acting on
/// rows `i`, `i + 1` as `(x, y) ← (c_i x − s_i y, s_i x + c_i y)`. The columns of the target are
/// independent under row rotations, so ``apply(to:rowLength:)`` walks the whole log once per strip
/// of 8 columns: a strip of `n` rows (12.8 KB at `n = 200`) stays in L1 for every chain, the row
/// shared by consecutive rotations of a chain stays in a register, and strips are split between
/// the threads. Each column sees the same arithmetic however the strips are split.
struct RotationLog {
    /// First rotated row of each chain.
    private var tops: [Int] = []
    /// One past the last rotated row of each chain.
    private var bottoms: [Int] = []
    /// Where each chain's coefficients start in ``cosines`` and ``sines`` (indexed by `i − top`).
    private var offsets: [Int] = []
    private var cosines: [Double] = []
    private var sines: [Double] = []

    /// The number of rotations recorded and not yet applied.
    var rotationCount: Int { cosines.count }

    /// Records the chain of rotations `i = bottom − 1 ... top` with coefficients `c[i]`, `s[i]`.
    mutating func append(top: Int, bottom: Int, c: [Double], s: [Double]) {
        guard bottom > top else { return }
        tops.append(top)
        bottoms.append(bottom)
        offsets.append(cosines.count)
        cosines.append(contentsOf: c[top..<bottom])
        sines.append(contentsOf: s[top..<bottom])
    }

    /// Applies every recorded chain, in order, to the rows of the row-major `z` (rows of `n`
    /// entries), then empties the log.
    /// - Complexity: 6 n flops per rotation, on two threads when the work is large.
    mutating func apply(to z: UnsafeMutablePointer<Double>, rowLength n: Int) {
        guard !tops.isEmpty else { return }
        let strips = (n &+ 7) / 8
        // Below about 2e5 flops a second thread costs more than it saves.
        let minimumBlock = rotationCount &* n < 32_768 ? strips : 2
        tops.withUnsafeBufferPointer { top in
            bottoms.withUnsafeBufferPointer { bottom in
                offsets.withUnsafeBufferPointer { offset in
                    cosines.withUnsafeBufferPointer { cb in
                        sines.withUnsafeBufferPointer { sb in
                            let c = cb.baseAddress!, s = sb.baseAddress!
                            Parallel.forEachBlock(count: strips, minimumBlock: minimumBlock) { block in
                                for strip in block {
                                    let j = strip &* 8
                                    for k in 0..<top.count {
                                        let ck = c + (offset[k] &- top[k]), sk = s + (offset[k] &- top[k])
                                        if j &+ 8 <= n {
                                            RotationLog.applyChain(
                                                z + j, rowLength: n, top: top[k], bottom: bottom[k], c: ck, s: sk)
                                        } else {
                                            RotationLog.applyChainScalar(
                                                z + j, columns: n &- j, rowLength: n, top: top[k], bottom: bottom[k],
                                                c: ck, s: sk)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        tops.removeAll(keepingCapacity: true)
        bottoms.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        cosines.removeAll(keepingCapacity: true)
        sines.removeAll(keepingCapacity: true)
    }

    /// One chain on an 8-column strip starting at `z` (`c[i]`, `s[i]` for `top ≤ i < bottom`).
    @inline(__always)
    static func applyChain(
        _ z: UnsafeMutablePointer<Double>, rowLength n: Int, top: Int, bottom: Int,
        c: UnsafePointer<Double>, s: UnsafePointer<Double>
    ) {
        let raw = UnsafeMutableRawPointer(z)
        let rowBytes = n &* MemoryLayout<Double>.stride
        var carry = raw.loadUnaligned(fromByteOffset: bottom &* rowBytes, as: SIMD8<Double>.self)
        var i = bottom &- 1
        while i >= top {
            let offset = i &* rowBytes
            let x = raw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
            raw.storeBytes(of: s[i] * x + c[i] * carry, toByteOffset: offset &+ rowBytes, as: SIMD8<Double>.self)
            carry = c[i] * x - s[i] * carry
            i &-= 1
        }
        raw.storeBytes(of: carry, toByteOffset: top &* rowBytes, as: SIMD8<Double>.self)
    }

    /// One chain on the last, narrower strip of `columns < 8` columns.
    static func applyChainScalar(
        _ z: UnsafeMutablePointer<Double>, columns: Int, rowLength n: Int, top: Int, bottom: Int,
        c: UnsafePointer<Double>, s: UnsafePointer<Double>
    ) {
        for j in 0..<columns {
            var carry = z[bottom &* n &+ j]
            var i = bottom &- 1
            while i >= top {
                let x = z[i &* n &+ j]
                z[(i &+ 1) &* n &+ j] = s[i] * x + c[i] * carry
                carry = c[i] * x - s[i] * carry
                i &-= 1
            }
            z[top &* n &+ j] = carry
        }
    }
}
