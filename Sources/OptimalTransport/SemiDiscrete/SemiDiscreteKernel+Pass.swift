import OTKernels

extension SemiDiscreteKernel {
    /// The raw buffers of one evaluation and the two passes over the target chunks.
    ///
    /// Every pointer stays valid for the whole evaluation (the caller holds the arrays); rows of
    /// `block`, `runMax`, `runSum`, `assignments` and `barycenters` are written only by the thread
    /// that owns the row, so the parallel regions never share an output.
    @usableFromInline
    struct Pass<S: OTScalar> {
        @usableFromInline let x: UnsafePointer<S>
        @usableFromInline let y: UnsafePointer<S>
        @usableFromInline let offsets: UnsafePointer<S>
        @usableFromInline let batch: Int
        @usableFromInline let count: Int
        @usableFromInline let dimension: Int
        @usableFromInline let alpha: S
        @usableFromInline let hard: Bool
        @usableFromInline let runMax: UnsafeMutablePointer<S>
        @usableFromInline let runSum: UnsafeMutablePointer<S>
        @usableFromInline let assignments: UnsafeMutablePointer<Int>
        @usableFromInline let block: UnsafeMutablePointer<S>
        @usableFromInline let barycenters: UnsafeMutablePointer<S>?

        @inlinable
        init(
            x: UnsafePointer<S>, y: UnsafePointer<S>, offsets: UnsafePointer<S>, batch: Int, count: Int,
            dimension: Int, alpha: S, hard: Bool, runMax: UnsafeMutablePointer<S>,
            runSum: UnsafeMutablePointer<S>, assignments: UnsafeMutablePointer<Int>,
            block: UnsafeMutablePointer<S>, barycenters: UnsafeMutablePointer<S>?
        ) {
            self.x = x
            self.y = y
            self.offsets = offsets
            self.batch = batch
            self.count = count
            self.dimension = dimension
            self.alpha = alpha
            self.hard = hard
            self.runMax = runMax
            self.runSum = runSum
            self.assignments = assignments
            self.block = block
            self.barycenters = barycenters
        }

        /// Rows per parallel block: enough exponentials (~16k) to be worth a thread.
        @inlinable
        func rowBlock(_ width: Int) -> Int { max(1, 16_384 / max(1, width)) }

        /// `block[b, j] ← α x_b·y_{j0+j}` for the `width` targets from `j0` (one GEMM, `Y` read in place).
        @inlinable
        func crossTerms(from j0: Int, width: Int) {
            GEMM.multiply(
                transposeA: false, transposeB: true, m: batch, n: width, k: dimension,
                alpha: alpha, a: x, lda: dimension, b: y + j0 &* dimension, ldb: dimension,
                beta: 0, c: block, ldc: width)
        }

        /// `barycenters += block · Y[j0 ..< j0 + width]` (one GEMM).
        @inlinable
        func accumulateBarycenters(from j0: Int, width: Int) {
            GEMM.multiply(
                transposeA: false, transposeB: false, m: batch, n: dimension, k: width,
                alpha: 1, a: block, lda: width, b: y + j0 &* dimension, ldb: dimension,
                beta: 1, c: barycenters!, ldc: dimension)
        }

        /// First pass: running maximum, arg-maximum and (for `λ > 0`) running sum of every row; with
        /// `online`, also the unnormalized barycenters `Σ_j exp(a_bj − m_b) y_j`.
        /// - Complexity: O(B N d) flops, O(B N) exponentials when `λ > 0`.
        @inlinable
        func normalizers(chunk: Int, online: Bool) {
            var j0 = 0
            while j0 < count {
                let width = min(chunk, count &- j0)
                crossTerms(from: j0, width: width)
                Parallel.forEachBlock(count: batch, minimumBlock: rowBlock(width)) { rows in
                    for b in rows { updateRow(b, from: j0, width: width, online: online) }
                }
                if online { accumulateBarycenters(from: j0, width: width) }
                j0 &+= width
            }
        }

        /// Folds one row of a chunk into the running maximum, arg-maximum and sum.
        @inlinable
        func updateRow(_ b: Int, from j0: Int, width: Int, online: Bool) {
            let row = block + b &* width
            let chunkMax = SemiDiscreteKernel.addOffsetsAndMaximum(row, offsets: offsets + j0, count: width)
            let old = runMax[b]
            if chunkMax > old {
                var j = 0
                while row[j] != chunkMax { j &+= 1 }
                assignments[b] = j0 &+ j
            }
            if hard {
                if chunkMax > old { runMax[b] = chunkMax }
                return
            }
            let shift = Swift.max(old, chunkMax)
            // exp(−∞) = 0 on the first chunk: the empty running sum is dropped.
            let scale = S.exp(old - shift)
            let sum = SemiDiscreteKernel.exponentiate(row, count: width, shift: shift)
            runSum[b] = runSum[b] * scale + sum
            runMax[b] = shift
            if online && scale != 1, let barycenters {
                let out = barycenters + b &* dimension
                for k in 0..<dimension { out[k] *= scale }
            }
        }

        /// Second pass (`λ > 0`): the exact soft assignments `π_bj` chunk by chunk, summed into
        /// `mass[j] = Σ_b w_b π_bj` (a `1 x B` by `B x chunk` GEMM) and, if asked, into the barycenters.
        /// - Precondition: ``normalizers(chunk:online:)`` ran without `online`.
        /// - Complexity: O(B N d) flops (twice with barycenters), O(B N) exponentials.
        @inlinable
        func assignmentPass(
            chunk: Int, weights: UnsafePointer<S>, mass: UnsafeMutablePointer<S>?, withBarycenters: Bool
        ) {
            var j0 = 0
            while j0 < count {
                let width = min(chunk, count &- j0)
                crossTerms(from: j0, width: width)
                Parallel.forEachBlock(count: batch, minimumBlock: rowBlock(width)) { rows in
                    for b in rows {
                        let row = block + b &* width
                        _ = SemiDiscreteKernel.addOffsetsAndMaximum(row, offsets: offsets + j0, count: width)
                        _ = SemiDiscreteKernel.exponentiate(row, count: width, shift: runMax[b] + S.log(runSum[b]))
                    }
                }
                if let mass {
                    GEMM.multiply(
                        transposeA: false, transposeB: false, m: 1, n: width, k: batch,
                        alpha: 1, a: weights, lda: batch, b: block, ldb: width, beta: 0, c: mass + j0, ldc: width)
                }
                if withBarycenters { accumulateBarycenters(from: j0, width: width) }
                j0 &+= width
            }
        }
    }
}
