import OTKernels

extension BuresLinearTarget {
    /// The random target of the paper's protocol: `S0 = U diag(l) Uᵀ` with `U` a Haar-random rotation
    /// and the spectrum
    ///
    /// ```
    /// s_i = s_1 / i + ξ_i,  ξ_i ~ N(0, 1),  sorted;   l = s − min(s) + 1/d + shift,
    /// ```
    ///
    /// so that the smallest eigenvalue is `1/d + minimumEigenvalueShift`.
    ///
    /// - Parameters:
    ///   - dimension: `d ≥ 1`.
    ///   - leadingEigenvalue: `s_1`, the scale of the `1/i` decay.
    ///   - minimumEigenvalueShift: `smin ≥ 0`, added to every eigenvalue (0 for "none").
    /// - Complexity: O(d³) (one rotation, one product).
    public static func random(
        dimension d: Int, leadingEigenvalue: Double = 10, minimumEigenvalueShift: Double = 0,
        using generator: inout some RandomNumberGenerator
    ) -> BuresLinearTarget {
        precondition(d >= 1 && minimumEigenvalueShift >= 0, "BuresLinearTarget.random: invalid arguments")
        let u = RandomRotation.haar(dimension: d, using: &generator)
        var spectrum = (1...d).map { leadingEigenvalue / Double($0) + generator.normal(Double.self) }
        spectrum.sort(by: >)
        let lowest = spectrum.last!
        let values = spectrum.map { $0 - lowest + 1 / Double(d) + minimumEigenvalueShift }
        // The matrix is built exactly symmetric and positive definite, so validation cannot fail.
        return try! BuresLinearTarget(covariance: spectralFunction(u, values))
    }
}
