import OTKernels

/// Points in the plane with the class (mixture component, moon) each was drawn from.
public struct LabeledPoints<Scalar: OTScalar>: Equatable, Sendable {
    /// One point per row.
    public var points: Matrix<Scalar>
    /// The class of each row of ``points``.
    public var labels: [Int]

    /// Points with their labels.
    /// - Precondition: `labels.count == points.rows`.
    @inlinable
    public init(points: Matrix<Scalar>, labels: [Int]) {
        precondition(labels.count == points.rows, "LabeledPoints: \(labels.count) labels for \(points.rows) points")
        self.points = points
        self.labels = labels
    }
}

/// Seeded two-dimensional toy distributions, the standard test beds of generative models and
/// OT solvers: Gaussian mixtures on a ring and on a grid, the swiss roll and two moons.
///
/// Every function draws `count` independent samples, consuming the generator in a fixed order,
/// so the same seed gives the same points on every run. Normal noise comes from
/// `RandomNumberGenerator.normal(_:)` (Box-Muller in `Double`), so `Float` and `Double` samples
/// from equal seeds agree to `Float` rounding.
public enum SyntheticDatasets {
    /// The `modes` centers `radius * (cos(2 pi j / modes), sin(2 pi j / modes))`, one per row,
    /// `j = 0 ..< modes`.
    /// - Complexity: O(modes).
    @inlinable
    public static func ringCenters<S: OTScalar>(modes: Int, radius: S) -> Matrix<S> {
        precondition(modes > 0, "ringCenters: modes must be positive, got \(modes)")
        return Matrix(rows: modes, columns: 2) { j, c in
            let angle = 2 * Double.pi * Double(j) / Double(modes)
            return radius * S(c == 0 ? Double.cos(angle) : Double.sin(angle))
        }
    }

    /// The `side * side` centers of a square grid with the given `spacing`, centred on the
    /// origin: center `row * side + column` is
    /// `spacing * (column - (side - 1) / 2, row - (side - 1) / 2)`.
    /// - Complexity: O(side^2).
    @inlinable
    public static func gridCenters<S: OTScalar>(side: Int, spacing: S) -> Matrix<S> {
        precondition(side > 0, "gridCenters: side must be positive, got \(side)")
        let offset = S(side - 1) / 2
        return Matrix(rows: side * side, columns: 2) { j, c in
            spacing * (S(c == 0 ? j % side : j / side) - offset)
        }
    }

    /// `count` samples of the equal-weight mixture of isotropic Gaussians
    /// `N(center_j, standardDeviation^2 I)` with the centers of ``ringCenters(modes:radius:)``;
    /// labels are the component indices.
    /// - Precondition: `count >= 0`, `modes > 0`, `standardDeviation >= 0`.
    /// - Complexity: O(count).
    @inlinable
    public static func ringMixture<S: OTScalar>(
        count: Int, modes: Int = 8, radius: S = 2, standardDeviation: S = 0.02,
        using rng: inout some RandomNumberGenerator
    ) -> LabeledPoints<S> {
        mixture(count: count, centers: ringCenters(modes: modes, radius: radius),
                standardDeviation: standardDeviation, using: &rng)
    }

    /// `count` samples of the equal-weight mixture of isotropic Gaussians
    /// `N(center_j, standardDeviation^2 I)` with the centers of ``gridCenters(side:spacing:)``
    /// (the default is the 5 x 5 grid on `[-4, 4]^2`); labels are the component indices.
    /// - Precondition: `count >= 0`, `side > 0`, `standardDeviation >= 0`.
    /// - Complexity: O(count).
    @inlinable
    public static func gridMixture<S: OTScalar>(
        count: Int, side: Int = 5, spacing: S = 2, standardDeviation: S = 0.05,
        using rng: inout some RandomNumberGenerator
    ) -> LabeledPoints<S> {
        mixture(count: count, centers: gridCenters(side: side, spacing: spacing),
                standardDeviation: standardDeviation, using: &rng)
    }

    /// `count` samples of the equal-weight isotropic Gaussian mixture around the rows of
    /// `centers`: for each point a component `j` uniform in `0 ..< centers.rows`, then
    /// `center_j + standardDeviation * z` with `z` standard normal.
    /// - Complexity: O(count * centers.columns).
    @inlinable
    public static func mixture<S: OTScalar>(
        count: Int, centers: Matrix<S>, standardDeviation: S, using rng: inout some RandomNumberGenerator
    ) -> LabeledPoints<S> {
        precondition(count >= 0, "mixture: count must be non-negative, got \(count)")
        precondition(centers.rows > 0, "mixture: at least one center is needed")
        precondition(standardDeviation >= 0,
                     "mixture: standardDeviation must be non-negative, got \(standardDeviation)")
        var labels = [Int]()
        labels.reserveCapacity(count)
        var points = Matrix<S>(rows: count, columns: centers.columns)
        for i in 0..<count {
            let j = Int.random(in: 0..<centers.rows, using: &rng)
            labels.append(j)
            for c in 0..<centers.columns { points[i, c] = centers[j, c] + standardDeviation * rng.normal(S.self) }
        }
        return LabeledPoints(points: points, labels: labels)
    }
}
