import OTKernels

/// The hot loop of semi-discrete OT: the c,λ-transform of a batch of `B` source points against all
/// `N` targets, chunked over the targets so that at most one `B x chunk` block of the cost matrix
/// exists at any time.
///
/// With `h_j = (ψ_j − ‖y_j‖²/κ)/λ + log ν_j` and `α = 2/(κλ)`, the log-domain argument is
/// ```
/// (ψ_j − c(x_b, y_j))/λ + log ν_j = −‖x_b‖²/(κλ) + a_bj,     a_bj = α x_b·y_j + h_j
/// ψ^{c,λ}(x_b) = ‖x_b‖²/κ − λ log Σ_j exp(a_bj)
/// ```
/// so the row constant `‖x_b‖²` never enters an exponential. Per chunk of targets the cross terms
/// `α X Y_chunkᵀ` come from one ``GEMM`` call reading `Y` in place, then every row adds `h_j`,
/// updates a running maximum `m_b` and a running sum `s_b = Σ exp(a_bj − m_b)` (rescaled by
/// `exp(m_old − m_new)` when the maximum grows), rows split over the cores by
/// ``Parallel/forEachBlock(count:minimumBlock:blocksPerThread:_:)``.
///
/// - Barycenters `Σ_j π_bj y_j` accumulate in the same pass as `Σ_j exp(a_bj − m_b) y_j`, one more
///   GEMM per chunk (`P_chunk · Y_chunk`), each row rescaled with its sum (flash-attention style).
/// - Target masses `Σ_b w_b π_bj` need every row's final normalizer before any `π_bj` is known, so
///   they take a second pass that recomputes the chunk's cross terms (one GEMM), forms
///   `π_bj = exp(a_bj − log-sum-exp_b)` and sums the columns with a `1 x B` GEMM; barycenters then
///   come from the exact `π` of that pass. Keeping the `B x N` matrix instead would save the GEMM
///   but hold 48 MB at the MNIST size (`B = 200`, `N = 60,000`, `Float`).
/// - `λ = 0` is one pass of maximum and arg-maximum of `ψ_j − c(x_b, y_j)` (the Laguerre cell); the
///   mass and barycenter then follow from the cell indices.
///
/// The row split and the GEMM's results do not depend on timing, so the outputs are reproducible.
/// Exponentials are ``exponentiate(_:count:shift:)``, the one place to plug a vectorized `exp`.
@usableFromInline
enum SemiDiscreteKernel {
    /// The chunk width used when the caller gives none: about 2^18 elements per `B x chunk` block
    /// (1 MB of `Float`, about the L2 cache), rounded to a multiple of 16, at least 64.
    @inlinable
    static func defaultChunkSize(batch: Int) -> Int {
        max(64, (1 << 18) / max(1, batch) / 16 * 16)
    }

    /// Evaluates the transform; inputs were validated by the caller.
    /// - Precondition: shapes agree, `chunkSize >= 1`, `sourceWeights.count == x.rows`.
    /// - Complexity: O(B N d) flops in GEMM (×2 with target masses, +1 with barycenters), O(B N)
    ///   exponentials per pass (none when `λ = 0`); O(B · chunk + N + B d) memory.
    @inlinable
    static func evaluate<S: OTScalar>(
        _ problem: SemiDiscreteProblem<S>, x: Matrix<S>, potential: [S], sourceWeights: [S],
        outputs: SemiDiscreteOutputs, chunkSize: Int
    ) -> SemiDiscreteTransform<S> {
        let batch = x.rows, count = problem.targetCount, d = problem.dimension
        precondition(x.columns == d && potential.count == count && sourceWeights.count == batch && chunkSize >= 1,
                     "SemiDiscreteKernel: inconsistent shapes")
        let lambda = problem.lambda, kappa = problem.kappa, hard = lambda == 0
        let chunk = min(chunkSize, count)
        let wantMass = outputs.contains(.targetMass), wantBarycenters = outputs.contains(.barycenters)
        let online = wantBarycenters && !wantMass && !hard
        let alpha: S = hard ? 2 / kappa : 2 / (kappa * lambda)
        var offsets = [S](repeating: 0, count: count)
        for j in 0..<count {
            let base = potential[j] - problem.targetSquaredNorms[j] / kappa
            offsets[j] = hard ? base : base / lambda + problem.logTargetWeights[j]
        }
        var runMax = [S](repeating: -S.infinity, count: batch)
        var runSum = [S](repeating: 0, count: batch)
        var assignments = [Int](repeating: 0, count: batch)
        var mass = [S](repeating: 0, count: wantMass ? count : 0)
        var barycenters = [S](repeating: 0, count: wantBarycenters ? batch * d : 0)
        var block = [S](repeating: 0, count: batch * chunk)

        x.withUnsafeBufferPointer { xBuffer in
            problem.target.withUnsafeBufferPointer { yBuffer in
                let px = xBuffer.baseAddress!, py = yBuffer.baseAddress!
                offsets.withUnsafeBufferPointer { offsetBuffer in
                    runMax.withUnsafeMutableBufferPointer { maxBuffer in
                        runSum.withUnsafeMutableBufferPointer { sumBuffer in
                            assignments.withUnsafeMutableBufferPointer { argBuffer in
                                mass.withUnsafeMutableBufferPointer { massBuffer in
                                    barycenters.withUnsafeMutableBufferPointer { baryBuffer in
                                        block.withUnsafeMutableBufferPointer { blockBuffer in
                                            let pass = Pass(
                                                x: px, y: py, offsets: offsetBuffer.baseAddress!, batch: batch,
                                                count: count, dimension: d, alpha: alpha, hard: hard,
                                                runMax: maxBuffer.baseAddress!, runSum: sumBuffer.baseAddress!,
                                                assignments: argBuffer.baseAddress!, block: blockBuffer.baseAddress!,
                                                barycenters: baryBuffer.baseAddress)
                                            pass.normalizers(chunk: chunk, online: online)
                                            if !hard && (wantMass || wantBarycenters) && !online {
                                                sourceWeights.withUnsafeBufferPointer { wBuffer in
                                                    pass.assignmentPass(
                                                        chunk: chunk, weights: wBuffer.baseAddress!,
                                                        mass: wantMass ? massBuffer.baseAddress : nil,
                                                        withBarycenters: wantBarycenters)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        var values = [S](repeating: 0, count: batch)
        for b in 0..<batch {
            var squaredNorm: S = 0
            for k in 0..<d {
                let v = x[b, k]
                squaredNorm += v * v
            }
            let logSum = hard ? runMax[b] : runMax[b] + S.log(runSum[b])
            values[b] = squaredNorm / kappa - (hard ? logSum : lambda * logSum)
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
            values: values, assignments: assignments, targetMass: wantMass ? mass : nil,
            barycenters: wantBarycenters ? Matrix(rows: batch, columns: d, elements: barycenters) : nil)
    }

    /// `buffer[j] ← exp(buffer[j] − shift)` for `j < count`; returns their sum.
    /// Arguments are `≤ 0` here, so nothing overflows.
    /// - Complexity: O(count) exponentials (scalar `exp` for now: the place for a SIMD one).
    @inlinable @inline(__always)
    static func exponentiate<S: OTScalar>(_ buffer: UnsafeMutablePointer<S>, count: Int, shift: S) -> S {
        var sum: S = 0
        for j in 0..<count {
            let e = S.exp(buffer[j] - shift)
            buffer[j] = e
            sum += e
        }
        return sum
    }

    /// `row[j] ← row[j] + offsets[j]` for `j < count`; returns the maximum of the new values,
    /// vectorized in `S.Vector` lanes.
    /// - Complexity: O(count).
    @inlinable @inline(__always)
    static func addOffsetsAndMaximum<S: OTScalar>(
        _ row: UnsafeMutablePointer<S>, offsets: UnsafePointer<S>, count: Int
    ) -> S {
        let width = S.Vector.scalarCount
        var best = S.Vector(repeating: -S.infinity)
        var j = 0
        while j &+ width <= count {
            let v = UnsafeRawPointer(row + j).loadUnaligned(as: S.Vector.self)
                + UnsafeRawPointer(offsets + j).loadUnaligned(as: S.Vector.self)
            UnsafeMutableRawPointer(row + j).storeBytes(of: v, as: S.Vector.self)
            best = best.replacing(with: v, where: v .> best)
            j &+= width
        }
        var result = best.max()
        while j < count {
            let v = row[j] + offsets[j]
            row[j] = v
            if v > result { result = v }
            j &+= 1
        }
        return result
    }
}
