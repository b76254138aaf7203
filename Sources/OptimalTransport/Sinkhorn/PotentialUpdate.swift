import OTKernels

/// A potential update against the other potential, row by row of `C` (or of `Cᵀ`, gathered
/// column by column, for the target side), on all cores, with the two-pass log-sum-exp: the
/// symmetric self-transport and the residuals of ``SinkhornOutput``. (``Sinkhorn/solve(_:initialPotentials:)``
/// fuses both updates of an iteration into one pass, see `SinkhornSweep`.)
///
/// ```
/// f̃_i = −ε LSE_j( g_j/ε + log b_j − C_ij/ε )        (the balanced update)
/// f_i ← κ f̃_i,   κ = τ/(τ + ε)                       (κ = 1 when balanced)
/// f_i ← (f_i^old + κ f̃_i) / 2                          (averaged, for the symmetric self-transport)
/// ```
/// With `weights` (the marginal `a` of the updated side) it also returns the residual
/// `Σ_i a_i |exp((f_i^old − κ f̃_i)/ε) − 1|`; for a balanced problem this is exactly the L1 error
/// `Σ_i |(P 1)_i − a_i|` of the plan given by the old potentials.
@usableFromInline
enum PotentialUpdate {
    /// Updates `potential` (length = rows of the side updated) from `other` and its log-weights.
    /// - Complexity: O(n m) exponentials (+ O(n m d) cost evaluations in online mode), split
    ///   over the threads by rows; O(row length) scratch per block online or transposed.
    @inlinable
    static func run<S: OTScalar>(
        _ potential: inout [S], other: [S], otherLogWeights: [S], geometry: PointCloud<S>, transposed: Bool,
        epsilon: S, damping kappa: S, averaged: Bool, residualWeights: [S]?
    ) -> Double {
        let rows = potential.count, length = other.count
        let inverse = 1 / epsilon
        var h = [S](repeating: 0, count: length)
        for j in 0..<length { h[j] = other[j] * inverse + otherLogWeights[j] }
        var residuals = [Double](repeating: 0, count: residualWeights == nil ? 0 : rows)
        let needsScratch = geometry.needsScratch(transposed: transposed)
        h.withUnsafeBufferPointer { hb in
            potential.withUnsafeMutableBufferPointer { pb in
                residuals.withUnsafeMutableBufferPointer { rb in
                    let hp = hb.baseAddress!, pp = pb.baseAddress!, rp = rb.baseAddress
                    Parallel.forEachBlock(count: rows, minimumBlock: Swift.max(1, 32_768 / Swift.max(1, length)),
                                          blocksPerThread: 4) { block in
                        var scratch = [S](repeating: 0, count: needsScratch ? length : 0)
                        scratch.withUnsafeMutableBufferPointer { sb in
                            let sp = sb.baseAddress ?? UnsafeMutablePointer(mutating: hp)
                            for i in block {
                                let lse = geometry.withCostRow(i, transposed: transposed, scratch: sp) { c in
                                    LogSumExp.affine(offsets: hp, values: c, scale: inverse, count: length)
                                }
                                let target = -epsilon * kappa * lse
                                if let rp, let w = residualWeights?[i], w > 0 {
                                    rp[i] = Double(w) * abs(Double.exp(Double((pp[i] - target) * inverse)) - 1)
                                }
                                pp[i] = averaged ? (pp[i] + target) / 2 : target
                            }
                        }
                    }
                }
            }
        }
        return residuals.reduce(0, +)
    }

    /// `log w` elementwise (`−∞` for a zero weight, which then carries no mass).
    @inlinable
    static func logarithms<S: OTScalar>(_ w: [S]) -> [S] { w.map { $0 > 0 ? S.log($0) : -S.infinity } }
}
