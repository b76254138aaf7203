import OTKernels

extension SyntheticDatasets {
    /// `count` samples of the two-dimensional swiss roll (a spiral):
    /// ```
    /// t = 1.5 pi (1 + 2 u),  u ~ U[0, 1)
    /// x = scale * (t cos t, t sin t) + noise * z,  z ~ N(0, I)
    /// ```
    /// so the distance from the origin grows with the angle `t` in `[1.5 pi, 4.5 pi)`.
    /// Returns the points and each point's `t` (its position along the roll).
    /// - Precondition: `count >= 0`, `noise >= 0`.
    /// - Complexity: O(count).
    @inlinable
    public static func swissRoll<S: OTScalar>(
        count: Int, noise: S = 0, scale: S = 1, using rng: inout some RandomNumberGenerator
    ) -> (points: Matrix<S>, positions: [S]) {
        precondition(count >= 0, "swissRoll: count must be non-negative, got \(count)")
        precondition(noise >= 0, "swissRoll: noise must be non-negative, got \(noise)")
        var points = Matrix<S>(rows: count, columns: 2)
        var positions = [S]()
        positions.reserveCapacity(count)
        for i in 0..<count {
            let t = 1.5 * Double.pi * (1 + 2 * rng.uniform(Double.self))
            positions.append(S(t))
            points[i, 0] = scale * S(t * Double.cos(t)) + noise * rng.normal(S.self)
            points[i, 1] = scale * S(t * Double.sin(t)) + noise * rng.normal(S.self)
        }
        return (points, positions)
    }

    /// `count` samples of two interleaved half circles of radius 1 ("two moons"): each point
    /// picks moon 0 or 1 with probability 1/2 and an angle `theta ~ U[0, pi)`;
    /// ```
    /// moon 0: (cos theta, sin theta)
    /// moon 1: (1 - cos theta, 1/2 - sin theta)
    /// ```
    /// plus `noise * z`, `z ~ N(0, I)`. Labels are the moon indices.
    /// - Precondition: `count >= 0`, `noise >= 0`.
    /// - Complexity: O(count).
    @inlinable
    public static func twoMoons<S: OTScalar>(
        count: Int, noise: S = 0, using rng: inout some RandomNumberGenerator
    ) -> LabeledPoints<S> {
        precondition(count >= 0, "twoMoons: count must be non-negative, got \(count)")
        precondition(noise >= 0, "twoMoons: noise must be non-negative, got \(noise)")
        var points = Matrix<S>(rows: count, columns: 2)
        var labels = [Int]()
        labels.reserveCapacity(count)
        for i in 0..<count {
            let moon = Int(rng.next() >> 63)
            let theta = Double.pi * rng.uniform(Double.self)
            let (c, s) = (Double.cos(theta), Double.sin(theta))
            labels.append(moon)
            points[i, 0] = S(moon == 0 ? c : 1 - c) + noise * rng.normal(S.self)
            points[i, 1] = S(moon == 0 ? s : 0.5 - s) + noise * rng.normal(S.self)
        }
        return LabeledPoints(points: points, labels: labels)
    }
}
