extension GEMMKernel {
    /// Multiply-adds (`m · n · k`) below which ``run(threadLimit:algorithm:)`` takes
    /// ``computeDirect()`` instead of packing panels (with ``GEMM/Algorithm/automatic``).
    ///
    /// In an optimized build packing pays off from about 8³ multiply-adds (measured, `Float`, one
    /// core, direct against packed: 4³ 0.8 against 0.6 GFLOP/s, 8³ 2.8 against 3.0, 16³ 9 against
    /// 15, 32³ 16 against 58). In a debug build (`DEBUG`) the micro-kernel's SIMD code runs
    /// unoptimized, about 6 times slower than the scalar direct loops (32³: 17 against 94
    /// MFLOP/s), so there every product too small for two threads takes the direct loops. The two
    /// algorithms agree bit for bit, so this changes only speed.
    static var directThreshold: Int {
        #if DEBUG
        return parallelThreshold
        #else
        return 1 << 9
        #endif
    }

    /// `C ← alpha · op(A) · op(B) + beta · C` by plain loops on the calling thread, with exactly the
    /// arithmetic the packed kernel applies to each element of `C`.
    ///
    /// For each row `i` of `C` and each depth block `P` of ``kc`` indices (in order), an accumulator
    /// row starts at `+0` and takes, for `p` in `P` in order,
    ///
    /// ```
    /// t_j ← t_j + (alpha · op(A)[i, p]) · op(B)[p, j]     (one rounding with FMA, see KernelVectors)
    /// ```
    ///
    /// then `c_ij ← t_j + beta · c_ij` for the first block (`c_ij ← t_j` when `beta == 0`) and
    /// `c_ij ← t_j + c_ij` for later ones — the operations of ``packA(rows:count:depth:count:into:)``,
    /// ``microKernel(depth:a:b:c:rows:columns:beta:scratch:)`` and ``computeBlock(rows:columns:count:depth:count:buffers:worker:)``,
    /// so both algorithms give bit-identical results. The inner loop runs along a row of `op(B)`
    /// (contiguous unless `transposeB`), which an optimizing compiler vectorizes.
    /// - Complexity: O(m n k) flops; O(n) scratch.
    func computeDirect() {
        let accumulator = UnsafeMutablePointer<S>.allocate(capacity: n)
        defer { accumulator.deallocate() }
        // Offsets between neighbours: op(A)[i, p] to op(A)[i, p + 1], op(B)[p, j] to op(B)[p, j + 1].
        let depthStepA = transposeA ? lda : 1, rowStepA = transposeA ? 1 : lda
        let columnStepB = transposeB ? ldb : 1, depthStepB = transposeB ? 1 : ldb
        // `while` loops with `&+`, not `for-in` over ranges: unoptimized, a range iterator costs
        // several calls per step.
        var i = 0
        while i < m {
            let rowA = a + i &* rowStepA, rowC = c + i &* ldc
            var p0 = 0
            while p0 < k {
                let end = min(p0 &+ Self.kc, k)
                accumulator.update(repeating: 0, count: n)
                var p = p0
                while p < end {
                    let x = alpha * rowA[p &* depthStepA]
                    let rowB = b + p &* depthStepB
                    var j = 0
                    if columnStepB == 1 {
                        while j < n {
                            accumulator[j] = KernelVectors.multiplyAdd(accumulator[j], x, rowB[j])
                            j &+= 1
                        }
                    } else {
                        while j < n {
                            accumulator[j] = KernelVectors.multiplyAdd(accumulator[j], x, rowB[j &* columnStepB])
                            j &+= 1
                        }
                    }
                    p &+= 1
                }
                let blockBeta: S = p0 == 0 ? beta : 1
                if blockBeta == 0 {
                    rowC.update(from: accumulator, count: n)
                } else {
                    var j = 0
                    while j < n {
                        rowC[j] = KernelVectors.multiplyAdd(accumulator[j], blockBeta, rowC[j])
                        j &+= 1
                    }
                }
                p0 = end
            }
            i &+= 1
        }
    }
}
