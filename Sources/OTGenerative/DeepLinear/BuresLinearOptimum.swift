import OTKernels
import OptimalTransport

/// The minimizer of a ``DeepLinearLoss`` over covariances of rank at most `k`, in closed form from
/// the target's eigenpairs `(l_i, q_i)` (descending):
///
/// ```
/// Bures-Wasserstein, 0 ≤ τ < l_k:  S* = Q_k (L_k − τ I) Q_kᵀ,   L* = Σ_{i>k} (√l_i − √τ)²,
/// Frobenius:                       S* = Q_k L_k Q_kᵀ,           L* = Σ_{i>k} l_i²,
/// ```
///
/// reached by the factor `W* = Q_k (L_k − τ I)^{1/2}` (`d x k`), up to a right rotation.
public struct BuresLinearOptimum: Sendable {
    /// The rank bound `k`.
    public let rank: Int
    /// `S*` (`d x d`).
    public let covariance: Matrix<Double>
    /// `L*`.
    public let loss: Double
    /// `W* = Q_k (L_k − τ I)^{1/2}` (`d x k`).
    public let factor: Matrix<Double>
    /// The eigenvalues of `S*` on the top-k eigenvectors: `l_i − τ` (`l_i` for Frobenius), `i ≤ k`.
    public let eigenvalues: [Double]

    /// The optimum of `objective` over rank `≤ rank`.
    /// - Throws: ``OTInputError`` if `rank` is not in `1...d`, or for the Bures-Wasserstein loss if
    ///   `τ` is negative or not below the k-th eigenvalue `l_k` (at `τ = l_k` the optimum is
    ///   rank-deficient and gradient descent crawls).
    /// - Complexity: O(d² k).
    public init(objective: DeepLinearObjective, rank k: Int) throws {
        let target = objective.target, d = target.dimension
        guard (1...d).contains(k) else { throw OTInputError("rank = \(k); expected a value in 1...\(d)") }
        let tau = objective.loss.tau
        let lk = target.eigenvalues[k - 1]
        if case .buresWasserstein = objective.loss, !(tau < lk) {
            throw OTInputError(
                "tau = \(tau) is not below the \(k)-th eigenvalue \(lk) of the target; expected 0 <= tau < \(lk)")
        }
        rank = k
        eigenvalues = target.eigenvalues.prefix(k).map { $0 - tau }
        covariance = BuresLinearTarget.spectralFunction(target.eigenvectors, eigenvalues)
        factor = Matrix(rows: d, columns: k) { i, j in
            target.eigenvectors[i, j] * (target.eigenvalues[j] - tau).squareRoot()
        }
        let tail = target.eigenvalues.dropFirst(k)
        switch objective.loss {
        case .frobenius: loss = tail.reduce(0) { $0 + $1 * $1 }
        case .buresWasserstein:
            loss = tail.reduce(0) { $0 + ($1.squareRoot() - tau.squareRoot()) * ($1.squareRoot() - tau.squareRoot()) }
        }
    }
}
