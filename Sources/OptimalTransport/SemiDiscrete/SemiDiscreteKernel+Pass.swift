import OTKernels

extension SemiDiscreteKernel {
    /// The raw buffers of one row block of an evaluation and its two sweeps over the targets.
    ///
    /// Every pointer stays valid for the whole evaluation (the caller holds the arrays); `x`,
    /// `runMax`, `runSum`, `assignments`, `barycenters` and `weights` point at the block's first row.
    /// In the first sweep rows of `block`, `runMax`, `runSum`, `assignments` and `barycenters` are
    /// written only by the thread that owns the row; in the second, `mass` and `block` columns only
    /// by the thread that owns the column range, so the parallel regions never share an output.
    ///
    /// `held`: `block` holds all `rows x count` logits (chunk `j0` at column `j0`, row stride
    /// `count`), and the second sweep reads them back; otherwise it holds one `rows x width` chunk
    /// (row stride `width`) that the second sweep recomputes. `packedX` is `αX` of the block and
    /// `packedY` the problem's `Yᵀ`, both packed for ``GEMM``.
    @usableFromInline
    struct Pass<S: OTScalar> {
        @usableFromInline let x: UnsafePointer<S>
        @usableFromInline let y: UnsafePointer<S>
        @usableFromInline let packedX: GEMM.PackedOperand<S>
        @usableFromInline let packedY: GEMM.PackedOperand<S>
        @usableFromInline let offsets: UnsafePointer<S>
        @usableFromInline let rows: Int
        @usableFromInline let count: Int
        @usableFromInline let dimension: Int
        @usableFromInline let alpha: S
        @usableFromInline let hard: Bool
        @usableFromInline let held: Bool
        @usableFromInline let runMax: UnsafeMutablePointer<S>
        @usableFromInline let runSum: UnsafeMutablePointer<S>
        @usableFromInline let assignments: UnsafeMutablePointer<Int>
        @usableFromInline let block: UnsafeMutablePointer<S>
        @usableFromInline let barycenters: UnsafeMutablePointer<S>?
        @usableFromInline let weights: UnsafePointer<S>

        @inlinable
        init(
            x: UnsafePointer<S>, y: UnsafePointer<S>, packedX: GEMM.PackedOperand<S>, packedY: GEMM.PackedOperand<S>,
            offsets: UnsafePointer<S>, rows: Int, count: Int, dimension: Int, alpha: S, hard: Bool, held: Bool,
            runMax: UnsafeMutablePointer<S>, runSum: UnsafeMutablePointer<S>, assignments: UnsafeMutablePointer<Int>,
            block: UnsafeMutablePointer<S>, barycenters: UnsafeMutablePointer<S>?, weights: UnsafePointer<S>
        ) {
            self.x = x
            self.y = y
            self.packedX = packedX
            self.packedY = packedY
            self.offsets = offsets
            self.rows = rows
            self.count = count
            self.dimension = dimension
            self.alpha = alpha
            self.hard = hard
            self.held = held
            self.runMax = runMax
            self.runSum = runSum
            self.assignments = assignments
            self.block = block
            self.barycenters = barycenters
            self.weights = weights
        }

        /// Elements of work worth a thread (~16k exponentials).
        @inlinable
        var grain: Int { 16_384 }

        /// The logits of the chunk at `j0` (`width` targets) and their row stride.
        @inlinable
        func chunkBlock(from j0: Int, width: Int) -> (base: UnsafeMutablePointer<S>, stride: Int) {
            held ? (block + j0, count) : (block, width)
        }

        /// `block[b, j] ← α x_b·y_{j0+j}` for the `width` targets from `j0`: one GEMM on the packed
        /// `αX` and `Yᵀ` when `j0` starts a panel of `Yᵀ` (every chunk of a chunk size that is a
        /// multiple of ``GEMM/panelWidth(for:)``), else one that packs `Y[j0 ..< j0 + width]`. Both
        /// give the same bits.
        @inlinable
        func crossTerms(from j0: Int, width: Int) {
            let (base, stride) = chunkBlock(from: j0, width: width)
            if j0 % GEMM.panelWidth(for: S.self) == 0 {
                GEMM.multiply(packedX, packedY, columns: j0..<(j0 &+ width), beta: 0, c: base, ldc: stride)
            } else {
                GEMM.multiply(
                    transposeA: false, transposeB: true, m: rows, n: width, k: dimension,
                    alpha: alpha, a: x, lda: dimension, b: y + j0 &* dimension, ldb: dimension,
                    beta: 0, c: base, ldc: stride)
            }
        }

        /// `barycenters (+)= P · Y[j0 ..< j0 + width]` for the `rows x width` matrix `P` at `base`
        /// with row stride `stride` (one GEMM; `beta` 0 overwrites, 1 accumulates).
        @inlinable
        func accumulateBarycenters(_ base: UnsafePointer<S>, stride: Int, from j0: Int, width: Int, beta: S) {
            GEMM.multiply(
                transposeA: false, transposeB: false, m: rows, n: dimension, k: width,
                alpha: 1, a: base, lda: stride, b: y + j0 &* dimension, ldb: dimension,
                beta: beta, c: barycenters!, ldc: dimension)
        }

        /// First sweep: running maximum, arg-maximum and (for `λ > 0`) running sum of every row; with
        /// `online`, also the unnormalized barycenters `Σ_j exp(a_bj − m_b) y_j`.
        /// - Complexity: O(rows N d) flops, O(rows N) exponentials when `λ > 0`.
        @inlinable
        func normalizers(chunk: Int, online: Bool) {
            var j0 = 0
            while j0 < count {
                let width = min(chunk, count &- j0)
                crossTerms(from: j0, width: width)
                Parallel.forEachBlock(count: rows, minimumBlock: max(1, grain / max(1, width))) { range in
                    for b in range { updateRow(b, from: j0, width: width, online: online) }
                }
                if online {
                    let (base, stride) = chunkBlock(from: j0, width: width)
                    accumulateBarycenters(base, stride: stride, from: j0, width: width, beta: 1)
                }
                j0 &+= width
            }
        }

        /// Folds one row of a chunk into the running maximum, arg-maximum and sum; the row keeps its
        /// logits `a_bj` unless `online` (then it holds `exp(a_bj − m_b)` for the barycenter GEMM).
        @inlinable
        func updateRow(_ b: Int, from j0: Int, width: Int, online: Bool) {
            let (base, stride) = chunkBlock(from: j0, width: width)
            let row = base + b &* stride
            let chunkMax = SemiDiscreteKernel.addOffsetsAndMaximum(row, offsets: offsets + j0, count: width)
            let old = runMax[b]
            if chunkMax > old {
                // chunkMax is one of the row's values; the bound only guards against a NaN surprise.
                var j = 0
                while j < width &- 1 && row[j] != chunkMax { j &+= 1 }
                assignments[b] = j0 &+ j
            }
            if hard {
                if chunkMax > old { runMax[b] = chunkMax }
                return
            }
            let shift = Swift.max(old, chunkMax)
            // exp(−∞) = 0 on the first chunk: the empty running sum is dropped.
            let scale = S.exp(old - shift)
            let sum = SemiDiscreteKernel.sumOfExponentials(row, count: width, shift: shift, store: online)
            runSum[b] = runSum[b] * scale + sum
            runMax[b] = shift
            if online && scale != 1, let barycenters {
                let out = barycenters + b &* dimension
                for k in 0..<dimension { out[k] *= scale }
            }
        }

        /// Second sweep (`λ > 0`): the exact soft assignments `π_bj = exp(a_bj − L_b)`, summed into
        /// `mass[j] += Σ_b w_b π_bj` and, if asked, into the barycenters. Held logits are read back
        /// in one piece; otherwise each chunk's products are recomputed.
        /// - Precondition: ``normalizers(chunk:online:)`` ran without `online`; `mass` has `count` entries.
        /// - Complexity: O(rows N) exponentials, plus O(rows N d) flops when the logits are not held
        ///   and O(rows N d) more for barycenters.
        @inlinable
        func assignmentSweep(chunk: Int, mass: UnsafeMutablePointer<S>, withBarycenters: Bool) {
            // L_b replaces the running maximum and the sum becomes 1, so `m_b + log s_b` still reads L_b.
            for b in 0..<rows {
                runMax[b] += S.log(runSum[b])
                runSum[b] = 1
            }
            if held {
                assign(block, stride: count, from: 0, width: count, mass: mass, keep: withBarycenters)
                if withBarycenters { accumulateBarycenters(block, stride: count, from: 0, width: count, beta: 0) }
            } else {
                var j0 = 0
                while j0 < count {
                    let width = min(chunk, count &- j0)
                    crossTerms(from: j0, width: width)
                    Parallel.forEachBlock(count: rows, minimumBlock: max(1, grain / max(1, width))) { range in
                        for b in range {
                            _ = SemiDiscreteKernel.addOffsetsAndMaximum(
                                block + b &* width, offsets: offsets + j0, count: width)
                        }
                    }
                    assign(block, stride: width, from: j0, width: width, mass: mass, keep: withBarycenters)
                    if withBarycenters { accumulateBarycenters(block, stride: width, from: j0, width: width, beta: 1) }
                    j0 &+= width
                }
            }
        }

        /// `π_bj = exp(a_bj − L_b)` for the `width` targets from `j0` whose logits are at `base`
        /// (row stride `stride`); `mass[j0 + j] += Σ_b w_b π_bj`, and `π` is written back when
        /// `keep`. Column ranges (whole vectors) are split over the cores; rows are summed in order.
        @inlinable
        func assign(_ base: UnsafeMutablePointer<S>, stride: Int, from j0: Int, width: Int,
                    mass: UnsafeMutablePointer<S>, keep: Bool) {
            let lanes = S.Vector.scalarCount
            let vectors = (width &+ lanes &- 1) / lanes
            Parallel.forEachBlock(count: vectors, minimumBlock: max(1, grain / max(1, rows &* lanes))) { range in
                let columns = (range.lowerBound &* lanes)..<min(range.upperBound &* lanes, width)
                for b in 0..<rows {
                    SemiDiscreteKernel.assign(
                        base + b &* stride, columns: columns, shift: runMax[b], weight: weights[b], keep: keep,
                        mass: mass + j0)
                }
            }
        }
    }
}
