import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport

@Suite struct GaussianTests {
    typealias F = GaussianFixtures

    @Test func wassersteinAddsTheSquaredMeanShift() throws {
        let q = F.orthogonal(3, seed: 2)
        let p = try Gaussian(mean: [1, 2, 3], covariance: F.withSpectrum([1, 4, 9], basis: q))
        let r = try Gaussian(mean: [1, 0, 4], covariance: F.withSpectrum([4, 4, 1], basis: q))
        // ‖Δm‖² = 0 + 4 + 1 = 5 and, commuting, BW² = (1 − 2)² + (2 − 2)² + (3 − 1)² = 5; rounding
        // c d ε (tr A + tr B) with c = 20.
        #expect(abs(try p.squaredWassersteinDistance(to: r) - 10) <= 20 * 3 * Double.ulpOfOne * 23)
        #expect(abs(try p.wassersteinDistance(to: r) - 10.0.squareRoot()) <= 1e-13)
    }

    @Test func mongeMapPushesSamplesToTheTargetGaussian() throws {
        let source = try Gaussian(mean: [1, -1, 0.5], covariance: F.randomSPD(3, seed: 21))
        let target = try Gaussian(
            mean: [0, 2, -3], covariance: F.withSpectrum([0.5, 2, 6], basis: F.orthogonal(3, seed: 22)))
        let map = try source.mongeMap(to: target)
        // Samples of the source: m + L z with the Cholesky factor L of its covariance.
        let n = 20_000
        var rng = Xoshiro256(seed: 23)
        let z = Matrix<Double>.normal(rows: n, columns: 3, using: &rng)
        var x = matmul(z, try source.covariance.choleskyFactor(), transposeB: true)
        for i in 0..<n { for j in 0..<3 { x[i, j] += source.mean[j] } }
        let y = try map.apply(to: x)
        // Empirical mean and covariance of the images.
        let mean = (0..<3).map { j in (0..<n).reduce(0.0) { $0 + y[$1, j] } / Double(n) }
        let covariance = Matrix<Double>(rows: 3, columns: 3) { a, b in
            (0..<n).reduce(0.0) { $0 + (y[$1, a] - mean[a]) * (y[$1, b] - mean[b]) } / Double(n - 1)
        }
        // Standard errors with n = 20 000: mean √(6 / n) ≈ 0.017, covariance entries
        // √(2 / n) · 6 ≈ 0.06; five standard errors each.
        for j in 0..<3 { #expect(abs(mean[j] - target.mean[j]) <= 5 * (6.0 / Double(n)).squareRoot()) }
        #expect(maxAbsoluteDifference(covariance, target.covariance) <= 5 * (2.0 / Double(n)).squareRoot() * 6)
        // The exact statement behind it: T Σ₁ T = Σ₂ (c d ε κ ‖Σ₂‖ with c = 20, κ(Σ₁) ≲ 100).
        let t = map.linear
        #expect(maxAbsoluteDifference(matmul(matmul(t, source.covariance), t), target.covariance)
                <= 20 * 3 * Double.ulpOfOne * 100 * 6)
    }

    @Test func barycenterOfCommutingGaussiansIsTheClosedForm() throws {
        let q = F.orthogonal(4, seed: 31)
        let spectra: [[Double]] = [[1, 4, 9, 0.25], [4, 1, 1, 1], [9, 0, 4, 2.25]]
        let weights: [Double] = [0.5, 0.3, 0.2]
        let gaussians = try spectra.enumerated().map { index, spectrum in
            try Gaussian(mean: (0..<4).map { Double(index + $0) }, covariance: F.withSpectrum(spectrum, basis: q))
        }
        let (barycenter, report) = try Gaussian.barycenter(of: gaussians, weights: weights)
        // Commuting: S = (Σ w_i Σ_i^{1/2})², eigenvalues (Σ w_i √λ_i)²; the mean is Σ w_i m_i.
        let roots = (0..<4).map { k in zip(weights, spectra).reduce(0.0) { $0 + $1.0 * $1.1[k].squareRoot() } }
        let expected = F.withSpectrum(roots.map { $0 * $0 }, basis: q)
        #expect(report.converged && report.iterations <= 3, "\(report.iterations) \(report.relativeChange)")
        // Fixed-point and fixture rounding: c d ε ‖S‖ with c = 100 (several square roots deep), ‖S‖ < 9.
        #expect(maxAbsoluteDifference(barycenter.covariance, expected) <= 100 * 4 * Double.ulpOfOne * 9)
        let expectedMean = (0..<4).map { k in zip(weights, gaussians).reduce(0.0) { $0 + $1.0 * $1.1.mean[k] } }
        for k in 0..<4 { #expect(abs(barycenter.mean[k] - expectedMean[k]) <= 4 * Double.ulpOfOne * 4) }
    }

    @Test func barycenterOfNonCommutingCovariancesSatisfiesTheFixedPointEquation() throws {
        let covariances = (0..<3).map { F.randomSPD(4, seed: 40 + UInt64($0)) }
        let weights: [Double] = [1, 2, 3]
        let report = try BuresWasserstein.barycenter(of: covariances, weights: weights)
        #expect(report.converged && report.relativeChange <= 1e-12)
        // The barycenter S solves S = Σ_i w_i (S^{1/2} Σ_i S^{1/2})^{1/2} (weights normalized).
        let s = report.covariance, root = try s.psdSquareRoot()
        var sum = Matrix<Double>(rows: 4, columns: 4)
        for (w, c) in zip(weights, covariances) {
            let term = try matmul(matmul(root, c), root).symmetricFunction { $0.squareRoot() }
            for i in 0..<4 { for j in 0..<4 { sum[i, j] += w / 6 * term[i, j] } }
        }
        // Converged to 1e-12 relative; ‖S‖ ≈ 10.
        #expect(maxAbsoluteDifference(sum, s) <= 1e-9)
        // And it is a minimizer: moving S along ±δ D increases Σ w_i BW²(S, Σ_i).
        func objective(_ m: Matrix<Double>) throws -> Double {
            try zip(weights, covariances).reduce(0.0) { $0 + $1.0 * (try BuresWasserstein.squaredDistance(m, $1.1)) }
        }
        let direction = F.randomSPD(4, seed: 49, shift: 0)
        let center = try objective(s)
        for sign in [-1.0, 1.0] {
            let moved = Matrix(rows: 4, columns: 4) { i, j in s[i, j] + sign * 1e-3 * direction[i, j] }
            #expect(try objective(moved) > center)
        }
    }

    @Test func oneDimensionalBarycenterAveragesStandardDeviations() throws {
        let report = try BuresWasserstein.barycenter(of: [Matrix<Float>([[1]]), Matrix([[16]])], weights: [3, 1])
        // σ = (3 · 1 + 1 · 4) / 4 = 1.75, S = 3.0625, exact in Float up to a few ulps.
        #expect(abs(report.covariance[0, 0] - 3.0625) <= 8 * Float.ulpOfOne * 4)
    }

    @Test func badInputThrowsNamedErrors() throws {
        #expect(throws: OTInputError("mean has 2 entries but covariance is 3 x 3")) {
            try Gaussian(mean: [0, 0], covariance: Matrix<Double>.identity(3))
        }
        #expect(throws: OTInputError("mean[1] = nan; expected a finite value")) {
            try Gaussian(mean: [0, .nan], covariance: Matrix<Double>.identity(2))
        }
        let two = try Gaussian(mean: [0, 0], covariance: Matrix<Double>.identity(2))
        let three = try Gaussian(mean: [0, 0, 0], covariance: Matrix<Double>.identity(3))
        #expect(throws: OTInputError("the Gaussians have dimensions 2 and 3; expected equal dimensions")) {
            try two.squaredWassersteinDistance(to: three)
        }
        #expect(throws: OTInputError("points have dimension 3; expected 2")) {
            try two.mongeMap(to: two).apply(to: Matrix(rows: 1, columns: 3))
        }
        #expect(throws: OTInputError.self) {
            try BuresWasserstein.barycenter(of: [Matrix<Double>.identity(2)], weights: [-1])
        }
        #expect(throws: OTInputError("covariances[1] is 3 x 3 but covariances[0] is 2 x 2")) {
            try BuresWasserstein.barycenter(of: [Matrix<Double>.identity(2), .identity(3)], weights: [1, 1])
        }
        let notPSD = "covariances[0] is not positive semidefinite: it has the eigenvalue -2.0; expected a covariance matrix"
        #expect(throws: OTInputError(notPSD)) {
            try BuresWasserstein.barycenter(of: [Matrix<Double>.diagonal([1, -2])], weights: [1])
        }
    }
}
