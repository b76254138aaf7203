import OTKernels

/// A ground cost `c(x, y)` between two points of the same dimension, with its gradients.
///
/// | case | `c(x, y)` | `∇_x c(x, y)` |
/// |---|---|---|
/// | `.squaredEuclidean` | `‖x − y‖²` (no 1/2, as POT and OTT-JAX) | `2 (x − y)` |
/// | `.euclidean` | `‖x − y‖` | `(x − y) / ‖x − y‖` (0 at `x = y`) |
/// | `.cosine` | `1 − x·y / (‖x‖ ‖y‖)` | `−y/(‖x‖‖y‖) + (x·y) x/(‖x‖³‖y‖)` |
/// | `.pNorm(p)` | `Σ_k |x_k − y_k|^p = ‖x − y‖_p^p`, `p ≥ 1` | `p |x_k − y_k|^(p−1) sign(x_k − y_k)` |
/// | `.custom(_)` | your closure | your closures |
///
/// The built-in costs are symmetric, `c(x, y) = c(y, x)`, so `∇_y c(x, y) = ∇_x c(y, x)`.
public enum CostFunction<S: OTScalar>: Sendable {
    /// `‖x − y‖²`.
    case squaredEuclidean
    /// `‖x − y‖`.
    case euclidean
    /// `1 − cos(x, y)`; points must be non-zero.
    case cosine
    /// `Σ_k |x_k − y_k|^p` for `p ≥ 1`.
    case pNorm(S)
    /// A cost given by closures.
    case custom(CustomCost<S>)

    /// `c(x, y)` for two points of dimension `d` stored contiguously.
    /// - Complexity: O(d).
    @inlinable
    public func callAsFunction(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, dimension d: Int) -> S {
        switch self {
        case .squaredEuclidean, .euclidean:
            var s: S = 0
            for k in 0..<d {
                let t = x[k] - y[k]
                s += t * t
            }
            if case .euclidean = self { return s.squareRoot() }
            return s
        case .cosine:
            var xy: S = 0, xx: S = 0, yy: S = 0
            for k in 0..<d {
                xy += x[k] * y[k]
                xx += x[k] * x[k]
                yy += y[k] * y[k]
            }
            return 1 - xy / (xx * yy).squareRoot()
        case .pNorm(let p):
            var s: S = 0
            for k in 0..<d { s += S.pow(abs(x[k] - y[k]), p) }
            return s
        case .custom(let custom):
            return custom.cost(UnsafeBufferPointer(start: x, count: d), UnsafeBufferPointer(start: y, count: d))
        }
    }

    /// Adds `weight · ∇_x c(x, y)` to `out` (dimension `d`); with `withRespectToSecond`, adds
    /// `weight · ∇_y c(x, y)` instead.
    /// - Throws: ``OTInputError`` for a custom cost without the needed gradient closure.
    /// - Complexity: O(d).
    @inlinable
    public func accumulateGradient(
        _ x: UnsafePointer<S>, _ y: UnsafePointer<S>, dimension d: Int, weight: S,
        withRespectToSecond: Bool = false, into out: UnsafeMutablePointer<S>
    ) throws {
        // Built-in costs are symmetric: the gradient in y is the gradient in x with swapped points.
        let (u, v) = withRespectToSecond ? (y, x) : (x, y)
        switch self {
        case .squaredEuclidean:
            let w2 = 2 * weight
            for k in 0..<d { out[k] += w2 * (u[k] - v[k]) }
        case .euclidean:
            let norm = self(u, v, dimension: d)
            guard norm > 0 else { return }
            let w = weight / norm
            for k in 0..<d { out[k] += w * (u[k] - v[k]) }
        case .cosine:
            var uv: S = 0, uu: S = 0, vv: S = 0
            for k in 0..<d {
                uv += u[k] * v[k]
                uu += u[k] * u[k]
                vv += v[k] * v[k]
            }
            let nu = uu.squareRoot(), nv = vv.squareRoot()
            let a = -weight / (nu * nv), b = weight * uv / (uu * nu * nv)
            for k in 0..<d { out[k] += a * v[k] + b * u[k] }
        case .pNorm(let p):
            for k in 0..<d {
                let t = u[k] - v[k]
                if t != 0 { out[k] += weight * p * S.pow(abs(t), p - 1) * (t > 0 ? 1 : -1) }
            }
        case .custom(let custom):
            try checkGradient(withRespectToSecond: withRespectToSecond)
            let gradient = (withRespectToSecond ? custom.gradientY : custom.gradientX)!
            gradient(UnsafeBufferPointer(start: x, count: d), UnsafeBufferPointer(start: y, count: d), weight,
                     UnsafeMutableBufferPointer(start: out, count: d))
        }
    }

    /// Throws unless the gradient in `x` (or in `y`) is available: always for the built-in costs.
    /// - Throws: ``OTInputError`` for a custom cost without that gradient closure.
    public func checkGradient(withRespectToSecond: Bool) throws {
        guard case .custom(let custom) = self else { return }
        if (withRespectToSecond ? custom.gradientY : custom.gradientX) == nil {
            throw OTInputError(
                "custom cost '\(custom.name)' has no gradient with respect to \(withRespectToSecond ? "y" : "x"); pass one to CustomCost")
        }
    }

    /// Whether `c(x, y) = c(y, x)` is guaranteed (true for the built-in costs).
    public var isSymmetric: Bool {
        if case .custom(let custom) = self { return custom.isSymmetric }
        return true
    }
}

/// A user-defined ground cost for ``CostFunction/custom(_:)``.
public struct CustomCost<S: OTScalar>: Sendable {
    /// `c(x, y)` for two points of the same dimension.
    public typealias Cost = @Sendable (UnsafeBufferPointer<S>, UnsafeBufferPointer<S>) -> S
    /// Adds `weight · ∇c` (in `x` or in `y`, see ``gradientX``/``gradientY``) to the last buffer.
    public typealias Gradient = @Sendable (
        UnsafeBufferPointer<S>, UnsafeBufferPointer<S>, S, UnsafeMutableBufferPointer<S>
    ) -> Void

    /// A name for error messages.
    public let name: String
    /// The cost.
    public let cost: Cost
    /// `(x, y, w, out)`: `out += w ∇_x c(x, y)`; needed for gradients in the source points.
    public let gradientX: Gradient?
    /// `(x, y, w, out)`: `out += w ∇_y c(x, y)`; needed for gradients in the target points.
    public let gradientY: Gradient?
    /// Whether `c(x, y) = c(y, x)`.
    public let isSymmetric: Bool

    /// A custom cost; the gradient closures are optional, gradients that need a missing one throw.
    public init(name: String, isSymmetric: Bool, cost: @escaping Cost,
                gradientX: Gradient? = nil, gradientY: Gradient? = nil) {
        self.name = name
        self.isSymmetric = isSymmetric
        self.cost = cost
        self.gradientX = gradientX
        self.gradientY = gradientY
    }
}
