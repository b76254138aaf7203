import OTKernels

/// The hot loop of semi-discrete OT: the c,λ-transform of a batch of `B` source points against all
/// `N` targets, without ever holding the whole `B x N` cost matrix.
///
/// With `h_j = (ψ_j − ‖y_j‖²/κ)/λ + log ν_j` and `α = 2/(κλ)`, the log-domain argument is
/// ```
/// (ψ_j − c(x_b, y_j))/λ + log ν_j = −‖x_b‖²/(κλ) + a_bj,     a_bj = α x_b·y_j + h_j
/// ψ^{c,λ}(x_b) = ‖x_b‖²/κ − λ L_b,     L_b = log Σ_j exp(a_bj),     π_bj = exp(a_bj − L_b)
/// ```
/// so the row constant `‖x_b‖²` never enters an exponential, and `1/λ`, `log ν_j` and `ψ` are
/// folded into `α` and `h_j`. The cross terms `α X Yᵀ` come from ``GEMM`` calls on `αX`, packed
/// once per row block, and the problem's `Yᵀ`, packed once per problem, one chunk of targets at a
/// time; every row then adds `h_j` and updates a running maximum `m_b` and sum
/// `s_b = Σ exp(a_bj − m_b)` (rescaled by `exp(m_old − m_new)` when the maximum grows), with
/// ``VectorExp`` exponentials, rows split over the cores.
///
/// Target masses `Σ_b w_b π_bj` need each row's final `L_b` before any `π_bj` is known. They are
/// separable over rows, so the kernel takes the batch in **row blocks** small enough that the
/// block's logits `a_bj` for all `N` targets fit in `logitBudget` scalars: one sweep over the targets
/// (one GEMM's worth of flops) fills the block and its normalizers, then a second sweep over the
/// held logits (no GEMM) forms `π` and sums the masses over the rows, column ranges split over the
/// cores. Each row block reads `Y` once, so the budget trades memory for passes over `Y`. When even
/// a quarter of the batch does not fit, the kernel instead keeps one `B x chunk` block and
/// recomputes the chunk's products in the second sweep (twice the flops).
///
/// - Barycenters `Σ_j π_bj y_j` alone accumulate in the first sweep as `Σ_j exp(a_bj − m_b) y_j`,
///   one more GEMM per chunk (`P_chunk · Y_chunk`), each row rescaled with its sum
///   (flash-attention style). With target masses they come from the exact `π` of the second sweep.
/// - `λ = 0` is one sweep of maximum and arg-maximum of `ψ_j − c(x_b, y_j)` (the Laguerre cell); the
///   mass and barycenter then follow from the cell indices.
///
/// Row blocks, row splits and column splits depend only on the sizes, and each mass sums its rows
/// in order, so the outputs are reproducible bit for bit.
///
/// Measured (`B = 200`, `N = 60,000`, `d = 784`, `Float`, `SWIFTOT_NATIVE=1`, 2 cores): a ψ step
/// takes about 110 ms, nearly all of it in the ``GEMM`` micro-kernel (about 170 GFLOP/s on `X Yᵀ`);
/// packing `X` is under 1% and the exponentials and mass sums about 4%. Before `Yᵀ` was packed once
/// per problem, repacking it at every step cost a sixth of the step. Holding the whole batch (budget
/// 2^24) cost the same CPU time as two row blocks plus page faults.
@usableFromInline
enum SemiDiscreteKernel {
    /// The chunk width used when the caller gives none: about 2^19 elements per `B x chunk` block
    /// (2 MB of `Float`), rounded down to a multiple of 1024 when it is that wide (each of two
    /// threads then multiplies whole 512-column blocks of ``GEMM``), else of 64 (so every chunk
    /// starts a panel of the packed `Yᵀ`); at least 64. 2048 for the MNIST batch of 200.
    @inlinable
    static func defaultChunkSize(batch: Int) -> Int {
        let width = (1 << 19) / max(1, batch)
        return max(64, width >= 1024 ? width / 1024 * 1024 : width / 64 * 64)
    }

    /// The most logits held at once when the caller gives no budget: 2^23 (32 MB of `Float`), room
    /// for 139 of the 200 rows of an MNIST batch against 60,000 images.
    @inlinable
    static var defaultLogitBudget: Int { 1 << 23 }

    /// Rows per row block for target masses with `budget` held logits, or `nil` when fewer than a
    /// quarter of the batch (and fewer than all of it) fit: then the kernel recomputes products.
    /// Blocks are balanced: `⌈B / blocks⌉` rows each.
    @inlinable
    static func rowsPerBlock(batch: Int, count: Int, budget: Int) -> Int? {
        let fit = min(batch, budget / max(1, count))
        guard fit >= 1, fit == batch || fit &* 4 >= batch else { return nil }
        let blocks = (batch &+ fit &- 1) / fit
        return (batch &+ blocks &- 1) / blocks
    }

    /// Evaluates the transform; inputs were validated by the caller.
    /// - Precondition: shapes agree, `chunkSize >= 1`, `logitBudget >= 1`,
    ///   `sourceWeights.count == x.rows`.
    /// - Complexity: O(B N d) flops in GEMM (×2 for target masses when they do not fit the budget,
    ///   ×2 for barycenters), O(B N) exponentials per sweep (none when `λ = 0`);
    ///   O(min(budget, B · chunk) + N + B d) memory.
    @inlinable
    static func evaluate<S: OTScalar>(
        _ problem: SemiDiscreteProblem<S>, x: Matrix<S>, potential: [S], sourceWeights: [S],
        outputs: SemiDiscreteOutputs, chunkSize: Int, logitBudget: Int = defaultLogitBudget
    ) -> SemiDiscreteTransform<S> {
        let batch = x.rows, count = problem.targetCount, d = problem.dimension
        precondition(x.columns == d && potential.count == count && sourceWeights.count == batch && chunkSize >= 1
                     && logitBudget >= 1, "SemiDiscreteKernel: inconsistent shapes")
        let lambda = problem.lambda, kappa = problem.kappa, hard = lambda == 0
        let chunk = min(chunkSize, count)
        let wantMass = outputs.contains(.targetMass), wantBarycenters = outputs.contains(.barycenters)
        let online = wantBarycenters && !wantMass && !hard
        let secondSweep = !hard && wantMass
        let heldRows = secondSweep ? rowsPerBlock(batch: batch, count: count, budget: logitBudget) : nil
        let alpha: S = hard ? 2 / kappa : 2 / (kappa * lambda)
        let blockRows = heldRows ?? batch
        let massCount = wantMass ? count : 0, baryCount = wantBarycenters ? batch &* d : 0
        // One allocation for the working state: offsets h, running maxima and sums, masses,
        // barycenters, then the block (every block entry is written by a GEMM with beta 0 before it
        // is read, so it is not zero-filled).
        let blockCount = heldRows.map { $0 &* count } ?? batch &* chunk
        let work = UnsafeMutablePointer<S>.allocate(capacity: count &+ 2 &* batch &+ massCount &+ baryCount &+ blockCount)
        defer { work.deallocate() }
        let offsets = work, runMax = work + count, runSum = runMax + batch
        let mass = runSum + batch, barycenters = mass + massCount, block = barycenters + baryCount
        let assignments = UnsafeMutablePointer<Int>.allocate(capacity: batch)
        defer { assignments.deallocate() }
        for j in 0..<count {
            let base = potential[j] - problem.targetSquaredNorms[j] / kappa
            offsets[j] = hard ? base : base / lambda + problem.logTargetWeights[j]
        }
        runMax.initialize(repeating: -S.infinity, count: batch)
        runSum.initialize(repeating: 0, count: batch)
        mass.initialize(repeating: 0, count: massCount &+ baryCount)
        assignments.initialize(repeating: 0, count: batch)

        x.withUnsafeBufferPointer { xBuffer in
            problem.target.withUnsafeBufferPointer { yBuffer in
                sourceWeights.withUnsafeBufferPointer { wBuffer in
                    var b0 = 0
                    while b0 < batch {
                        let rows = min(blockRows, batch &- b0)
                        let xBlock = xBuffer.baseAddress! + b0 &* d
                        let pass = Pass(
                            x: xBlock, y: yBuffer.baseAddress!,
                            packedX: GEMM.packLeft(rows: rows, depth: d, alpha: alpha, a: xBlock, lda: d),
                            packedY: problem.packedTarget, offsets: offsets, rows: rows, count: count,
                            dimension: d, alpha: alpha, hard: hard, held: heldRows != nil, runMax: runMax + b0,
                            runSum: runSum + b0, assignments: assignments + b0, block: block,
                            barycenters: wantBarycenters ? barycenters + b0 &* d : nil,
                            weights: wBuffer.baseAddress! + b0)
                        pass.normalizers(chunk: chunk, online: online)
                        if secondSweep { pass.assignmentSweep(chunk: chunk, mass: mass, withBarycenters: wantBarycenters) }
                        b0 &+= rows
                    }
                }
            }
        }

        var values = [S](repeating: 0, count: batch)
        x.withUnsafeBufferPointer { xBuffer in
            for b in 0..<batch {
                let row = xBuffer.baseAddress! + b &* d
                var squaredNorm: S = 0
                for k in 0..<d { squaredNorm += row[k] * row[k] }
                let logSum = hard ? runMax[b] : runMax[b] + S.log(runSum[b])
                values[b] = squaredNorm / kappa - (hard ? logSum : lambda * logSum)
            }
        }
        if hard {
            for b in 0..<batch {
                let j = assignments[b]
                if wantMass { mass[j] += sourceWeights[b] }
                if wantBarycenters {
                    for k in 0..<d { barycenters[b &* d &+ k] = problem.target[j, k] }
                }
            }
        } else if online {
            for b in 0..<batch {
                let inverse = 1 / runSum[b]
                for k in 0..<d { barycenters[b &* d &+ k] *= inverse }
            }
        }
        return SemiDiscreteTransform(
            values: values, assignments: Array(UnsafeBufferPointer(start: assignments, count: batch)),
            targetMass: wantMass ? Array(UnsafeBufferPointer(start: mass, count: count)) : nil,
            barycenters: wantBarycenters
                ? Matrix(rows: batch, columns: d, elements: Array(UnsafeBufferPointer(start: barycenters, count: baryCount)))
                : nil)
    }
}
