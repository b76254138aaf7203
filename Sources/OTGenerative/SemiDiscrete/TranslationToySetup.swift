import OTKernels
import OptimalTransport

/// The synthetic problems of the semi-discrete generator experiment: a latent distribution `ζ`
/// (uniform on a box), a translation generator `g_θ(z) = z − θ`, and a few uniformly weighted
/// target points `y_j` with the plain squared distance (`κ = 1`).
///
/// For the quadratic cost the entropic OT cost is translation-covariant,
/// `W^λ(g_θ#ζ, ν) = ‖m_ζ − θ − m_ν‖² + const(λ)`, so the optimum is `θ* = m_ζ − m_ν` for every
/// `λ ≥ 0` (``targetTheta``).
public enum TranslationToySetup: String, CaseIterable, Sendable {
    /// `ζ = U({0} x [0, 1])`, `y = (−1, 0), (1, 0)`, `θ* = (0, 0.5)`. The Laguerre boundary of the
    /// two targets is a vertical line: at `θ*` it passes through the whole generated segment, so the
    /// unregularized gradient is undefined there and `λ = 0` training oscillates.
    case segment
    /// `ζ = U([0, 1]²)`, `y = (0, 0), (1, 0)`, `θ* = (0, 0.5)`: the generated mass crosses the cell
    /// boundary transversally, so even `λ = 0` has a gradient almost everywhere.
    case square
    /// The authors' three targets `(0, 0.3), (0, 0.7), (1/√2, 0.5)`. Their toy uses an MLP generator
    /// `1 → 8 → 2` on `z ~ U[−1, 1]` (``ThreePointToy``); here the translation generator with
    /// `ζ = U([−1, 1]²)`, so `θ* = (−1/(3√2), −0.5)`.
    case triangle

    /// The latent distribution `ζ`.
    public var latent: UniformBoxSampler<Double> {
        switch self {
        case .segment: try! UniformBoxSampler(lower: [0, 0], upper: [0, 1])
        case .square: try! UniformBoxSampler(lower: [0, 0], upper: [1, 1])
        case .triangle: try! UniformBoxSampler(lower: [-1, -1], upper: [1, 1])
        }
    }

    /// The target points, one per row (uniform weights).
    public var targets: Matrix<Double> {
        switch self {
        case .segment: Matrix([[-1, 0], [1, 0]])
        case .square: Matrix([[0, 0], [1, 0]])
        case .triangle: Matrix([[0, 0.3], [0, 0.7], [1 / 2.0.squareRoot(), 0.5]])
        }
    }

    /// `θ* = m_ζ − m_ν`, the optimal translation for every `λ ≥ 0`.
    public var targetTheta: [Double] {
        let y = targets
        return latent.mean.enumerated().map { k, m in m - y.column(k).reduce(0, +) / Double(y.rows) }
    }
}
