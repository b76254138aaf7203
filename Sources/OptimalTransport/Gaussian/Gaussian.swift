import OTKernels

/// A multivariate normal distribution `N(m, Σ)` in `d` dimensions, for closed-form optimal transport.
public struct Gaussian<Scalar: OTScalar>: Sendable {
    /// The mean `m`, `d` entries.
    public let mean: [Scalar]
    /// The covariance `Σ`, `d x d`, symmetric positive semidefinite.
    public let covariance: Matrix<Scalar>

    /// The Gaussian `N(mean, covariance)`.
    ///
    /// Checks the shapes and finiteness here; symmetry and positive semidefiniteness are checked by
    /// the computations that decompose the covariance.
    /// - Throws: ``OTInputError`` when the covariance is not square, its size differs from the
    ///   mean's, or an entry is not finite.
    /// - Complexity: O(d²).
    public init(mean: [Scalar], covariance: Matrix<Scalar>) throws {
        guard covariance.rows == covariance.columns else {
            throw OTInputError("covariance is \(covariance.rows) x \(covariance.columns); expected a square matrix")
        }
        guard mean.count == covariance.rows else {
            throw OTInputError(
                "mean has \(mean.count) entries but covariance is \(covariance.rows) x \(covariance.columns)")
        }
        if let i = mean.firstIndex(where: { !$0.isFinite }) {
            throw OTInputError("mean[\(i)] = \(mean[i]); expected a finite value")
        }
        if let k = covariance.elements.firstIndex(where: { !$0.isFinite }) {
            throw OTInputError(
                "covariance has a non-finite value at row \(k / covariance.columns), column \(k % covariance.columns)")
        }
        self.mean = mean
        self.covariance = covariance
    }

    /// The dimension `d`.
    public var dimension: Int { mean.count }

    /// The squared 2-Wasserstein distance to `other`,
    /// `W₂²(N(m₁, Σ₁), N(m₂, Σ₂)) = ‖m₁ − m₂‖² + BW²(Σ₁, Σ₂)`.
    /// - Throws: ``OTInputError`` for a dimension mismatch or a covariance that is not PSD.
    /// - Complexity: O(d³), see ``BuresWasserstein/squaredDistance(_:_:)``.
    public func squaredWassersteinDistance(to other: Gaussian) throws -> Scalar {
        try checkDimension(other)
        var shift = 0.0
        for (x, y) in zip(mean, other.mean) { shift += (Double(x) - Double(y)) * (Double(x) - Double(y)) }
        let bures = try BuresWasserstein.squaredDistance(covariance, other.covariance)
        return Scalar(shift + Double(bures))
    }

    /// The 2-Wasserstein distance to `other`, the square root of ``squaredWassersteinDistance(to:)``.
    /// - Throws: as ``squaredWassersteinDistance(to:)``.
    /// - Complexity: O(d³), as ``squaredWassersteinDistance(to:)``.
    public func wassersteinDistance(to other: Gaussian) throws -> Scalar {
        try squaredWassersteinDistance(to: other).squareRoot()
    }

    /// The optimal transport (Monge) map from `self` to `target`: `x ↦ m₂ + T (x − m₁)` with `T`
    /// from ``BuresWasserstein/mongeMap(from:to:)``.
    /// - Throws: ``OTInputError`` for a dimension mismatch, a covariance that is not PSD, or a
    ///   singular covariance of `self`.
    /// - Complexity: O(d³).
    public func mongeMap(to target: Gaussian) throws -> GaussianMongeMap<Scalar> {
        try checkDimension(target)
        return GaussianMongeMap(
            sourceMean: mean, targetMean: target.mean,
            linear: try BuresWasserstein.mongeMap(from: covariance, to: target.covariance))
    }

    /// The Wasserstein barycenter `argmin_G Σ_i w_i W₂²(G, G_i)` of Gaussians: the Gaussian with mean
    /// `Σ_i w_i m_i` (weights normalized) and the Bures barycenter of the covariances.
    /// - Returns: the barycenter and the report of the fixed-point iteration.
    /// - Throws: as ``BuresWasserstein/barycenter(of:weights:tolerance:maximumIterations:)``, and
    ///   ``OTInputError`` for Gaussians of different dimensions.
    /// - Complexity: O(n d³) per fixed-point step.
    public static func barycenter(
        of gaussians: [Gaussian], weights: [Scalar], tolerance: Double = 1e-12, maximumIterations: Int = 1000
    ) throws -> (gaussian: Gaussian, report: BuresBarycenter<Scalar>) {
        if let first = gaussians.first, let bad = gaussians.firstIndex(where: { $0.dimension != first.dimension }) {
            throw OTInputError(
                "gaussians[\(bad)] has dimension \(gaussians[bad].dimension) but gaussians[0] has \(first.dimension)")
        }
        let report = try BuresWasserstein.barycenter(
            of: gaussians.map(\.covariance), weights: weights, tolerance: tolerance,
            maximumIterations: maximumIterations)
        let total = weights.reduce(0.0) { $0 + Double($1) }
        let mean = (0..<gaussians[0].dimension).map { k in
            Scalar(zip(gaussians, weights).reduce(0.0) { $0 + Double($1.1) * Double($1.0.mean[k]) } / total)
        }
        return (try Gaussian(mean: mean, covariance: report.covariance), report)
    }

    /// Throws unless `other` has the same dimension.
    func checkDimension(_ other: Gaussian) throws {
        guard other.dimension == dimension else {
            throw OTInputError(
                "the Gaussians have dimensions \(dimension) and \(other.dimension); expected equal dimensions")
        }
    }
}
