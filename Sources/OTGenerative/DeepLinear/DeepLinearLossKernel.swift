import OTKernels

/// The allocation-free evaluation of a ``DeepLinearLoss`` and its gradient in the product `W`
/// (`d x d0`), with the buffers preallocated for one shape. Used by ``DeepLinearObjective`` and,
/// once per step, by ``DeepLinearTrainer``.
///
/// Bures-Wasserstein: with `B = [R0 W | √τ R0]` (`d x (d0 + d)`, only `R0 W` when `τ = 0`),
/// `M = B Bᵀ = R0 W Wᵀ R0 + τ S0`. One-sided Jacobi (``RowJacobi``) gives `J` with `J B` of orthogonal
/// rows `σ_i v_iᵀ`: the eigendecomposition `M = Jᵀ diag(σ²) J` (eigenvalues `σ_i² ≥ 0` by
/// construction, `M` is never formed) and, for `τ = 0`, the SVD `R0 W = Jᵀ diag(σ) Vᵀ`. Then
///
/// ```
/// tr M^{1/2} = Σ σ_i,   X = Jᵀ diag(1/σ) (J B)[:, :d0] = M^{-1/2} R0 W   (τ > 0),  U Vᵀ  (τ = 0),
/// L = ‖W‖² + τ d + tr S0 − 2 Σ σ_i,   ∇L = 2 (W − R0 X).
/// ```
///
/// For `τ = 0` singular values below `rankTolerance · σ_max` are left out of `X` (the polar factor on
/// the range of `R0 W`); the gradient is defined only where `R0 W` has its full rank `k`.
/// The rotation `J` of the last call, re-orthonormalized, warm-starts the next one.
final class DeepLinearLossKernel {
    /// The relative level below which a singular value of `R0 W` counts as zero (τ = 0): the
    /// one-sided Jacobi SVD leaves exact zeros at about `ε σ_max`, a thousand times lower.
    static let rankTolerance = 1e-12

    let loss: DeepLinearLoss
    let d: Int, d0: Int
    /// `d0 + d` when `τ > 0`, else `d0`: the columns of `B`.
    let columns: Int
    let traceTarget: Double
    private let r0: UnsafeMutablePointer<Double>, s0: UnsafeMutablePointer<Double>
    private let b: UnsafeMutablePointer<Double>, raw: UnsafeMutablePointer<Double>
    private let rotation: UnsafeMutablePointer<Double>, x: UnsafeMutablePointer<Double>
    private let scratch: UnsafeMutablePointer<Double>
    private var warm = false
    /// Sweeps of the last Jacobi call (diagnostics).
    private(set) var lastSweeps = 0

    init(target: BuresLinearTarget, loss: DeepLinearLoss, inputDimension: Int) {
        self.loss = loss
        d = target.dimension
        d0 = inputDimension
        columns = loss.tau > 0 ? d0 + d : d0
        traceTarget = target.covariance.trace
        r0 = .allocate(capacity: d * d)
        s0 = .allocate(capacity: d * d)
        b = .allocate(capacity: d * columns)
        raw = .allocate(capacity: d * columns)
        rotation = .allocate(capacity: d * d)
        x = .allocate(capacity: d * max(d0, d))
        scratch = .allocate(capacity: d * max(d0, d))
        target.squareRoot.withUnsafeBufferPointer { r0.update(from: $0.baseAddress!, count: d * d) }
        target.covariance.withUnsafeBufferPointer { s0.update(from: $0.baseAddress!, count: d * d) }
        // The √τ R0 block of B never changes.
        let root = loss.tau.squareRoot()
        if columns > d0 {
            for i in 0..<d {
                for j in 0..<d { raw[i * columns + d0 + j] = root * r0[i * d + j] }
            }
        }
    }

    deinit {
        for p in [r0, s0, b, raw, rotation, x, scratch] { p.deallocate() }
    }

    /// The loss at `w` (`d x d0`, row-major) and its gradient written to `gradient` (`d x d0`).
    /// - Complexity: Bures-Wasserstein: two `d x d x (d0 + d)` products and one to a few Jacobi
    ///   sweeps (warm start), O(d² (d0 + d)) each; Frobenius: two products, O(d² d0).
    func evaluate(_ w: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
        switch loss {
        case .frobenius: return frobenius(w, gradient: gradient)
        case .buresWasserstein(let tau): return bures(w, tau: tau, gradient: gradient)
        }
    }

    private func frobenius(_ w: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
        // E = W Wᵀ − S0 in `x` (d x d), via Wᵀ in `scratch`.
        SmallMatrixKernels.transpose(w, rows: d, columns: d0, lda: d0, into: scratch)
        SmallMatrixKernels.multiply(
            m: d, n: d, k: d0, a: w, lda: d0, transposeA: false, b: scratch, ldb: d, c: x, ldc: d)
        for i in 0..<(d * d) { x[i] -= s0[i] }
        // ∇ = 4 E W.
        SmallMatrixKernels.multiply(
            m: d, n: d0, k: d, a: x, lda: d, transposeA: false, b: w, ldb: d0, c: gradient, ldc: d0)
        for i in 0..<(d * d0) { gradient[i] *= 4 }
        return SmallMatrixKernels.sumOfSquares(x, count: d * d)
    }

    private func bures(_ w: UnsafePointer<Double>, tau: Double, gradient: UnsafeMutablePointer<Double>) -> Double {
        // raw = [R0 W | √τ R0]; b = J₀ raw with the previous rotation J₀ (or raw and J = I).
        SmallMatrixKernels.multiply(
            m: d, n: d0, k: d, a: r0, lda: d, transposeA: false, b: w, ldb: d0, c: raw, ldc: columns)
        if warm {
            RowJacobi.orthonormalizeRows(rotation, n: d)
            SmallMatrixKernels.multiply(
                m: d, n: columns, k: d, a: rotation, lda: d, transposeA: false, b: raw, ldb: columns,
                c: b, ldc: columns)
        } else {
            b.update(from: raw, count: d * columns)
            rotation.update(repeating: 0, count: d * d)
            for i in 0..<d { rotation[i * d + i] = 1 }
        }
        lastSweeps = RowJacobi.orthogonalizeRows(b, rows: d, columns: columns, rotation: rotation)
        warm = lastSweeps <= 60
        // σ_i = ‖b_i‖; scale row i of the first d0 columns of b by 1/σ_i into `scratch`.
        var sigmaSum = 0.0, sigmaMax = 0.0
        for i in 0..<d {
            let sigma = SmallMatrixKernels.sumOfSquares(b + i * columns, count: columns).squareRoot()
            x[i] = sigma
            sigmaSum += sigma
            sigmaMax = max(sigmaMax, sigma)
        }
        let floor = tau > 0 ? 0 : DeepLinearLossKernel.rankTolerance * sigmaMax
        for i in 0..<d {
            let sigma = x[i], factor = sigma > floor ? 1 / sigma : 0
            let bi = b + i * columns, si = scratch + i * d0
            for j in 0..<d0 { si[j] = factor * bi[j] }
        }
        // X = Jᵀ (D (J B)[:, :d0]) in `x`; ∇ = 2 (W − R0 X).
        SmallMatrixKernels.multiply(
            m: d, n: d0, k: d, a: rotation, lda: d, transposeA: true, b: scratch, ldb: d0, c: x, ldc: d0)
        SmallMatrixKernels.multiply(
            m: d, n: d0, k: d, a: r0, lda: d, transposeA: false, b: x, ldb: d0, c: gradient, ldc: d0)
        for i in 0..<(d * d0) { gradient[i] = 2 * (w[i] - gradient[i]) }
        let normW = SmallMatrixKernels.sumOfSquares(w, count: d * d0)
        return normW + tau * Double(d) + traceTarget - 2 * sigmaSum
    }
}
