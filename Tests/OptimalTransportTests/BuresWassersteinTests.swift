import Foundation
import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport

/// Fixtures for the Gaussian OT suites: a random orthogonal basis (Gram-Schmidt on a Gaussian
/// matrix, independent of the code under test) and matrices with a chosen spectrum.
enum GaussianFixtures {
    static func orthogonal(_ n: Int, seed: UInt64) -> Matrix<Double> {
        var rng = Xoshiro256(seed: seed)
        var q = Matrix<Double>.normal(rows: n, columns: n, using: &rng)
        for j in 0..<n {
            for _ in 0..<2 {
                for i in 0..<j {
                    let t = (0..<n).reduce(0.0) { $0 + q[$1, i] * q[$1, j] }
                    for r in 0..<n { q[r, j] -= t * q[r, i] }
                }
            }
            let norm = (0..<n).reduce(0.0) { $0 + q[$1, j] * q[$1, j] }.squareRoot()
            for r in 0..<n { q[r, j] /= norm }
        }
        return q
    }

    /// `Q diag(spectrum) Qᵀ`, exactly symmetric.
    static func withSpectrum(_ spectrum: [Double], basis q: Matrix<Double>) -> Matrix<Double> {
        let a = matmul(matmul(q, Matrix.diagonal(spectrum)), q, transposeB: true)
        return Matrix(rows: a.rows, columns: a.columns) { i, j in 0.5 * (a[i, j] + a[j, i]) }
    }

    /// A random symmetric positive definite matrix `X Xᵀ + shift I`.
    static func randomSPD(_ n: Int, seed: UInt64, shift: Double = 0.5) -> Matrix<Double> {
        var rng = Xoshiro256(seed: seed)
        let x = Matrix<Double>.normal(rows: n, columns: n, using: &rng)
        let a = matmul(x, x, transposeB: true)
        return Matrix(rows: n, columns: n) { i, j in 0.5 * (a[i, j] + a[j, i]) + (i == j ? shift : 0) }
    }

    /// The reference cases under "bures" in `shared/testdata/reference-values.json`, found by walking
    /// up from this file (the repository sits beside `shared`); `nil` when the file is absent.
    static let referenceCases: [(a: Matrix<Double>, b: Matrix<Double>, squaredDistance: Double)]? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/testdata/reference-values.json")
            if let data = try? Data(contentsOf: candidate),
               let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               let cases = root["bures"] as? [[String: Any]] {
                return cases.compactMap { entry in
                    guard let a = entry["a"] as? [[Double]], let b = entry["b"] as? [[Double]],
                          let value = entry["squaredDistance"] as? Double else { return nil }
                    return (Matrix(a), Matrix(b), value)
                }
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }()
}

@Suite struct BuresWassersteinTests {
    typealias F = GaussianFixtures

    @Test func commutingMatricesMatchTheClosedForm() throws {
        let q = F.orthogonal(5, seed: 1)
        // Rank-deficient on both sides (zeros in different places) to exercise the exact form.
        let a: [Double] = [0, 1, 4, 9, 2.5], b: [Double] = [1, 0, 0.25, 16, 2.5]
        let expected = zip(a, b).reduce(0.0) { sum, pair in
            let gap = pair.0.squareRoot() - pair.1.squareRoot()
            return sum + gap * gap
        }
        let value = try BuresWasserstein.squaredDistance(F.withSpectrum(a, basis: q), F.withSpectrum(b, basis: q))
        // Σ(√a_i − √b_i)² = 5.25 + 1 + ...; rounding of the traces and the fidelity, c d ε (tr A + tr B)
        // with c = 20, is about 1e-12. The zero eigenvalues are exact after zeroing the rounding-level
        // ones; without that, √(1e-16) = 1e-8 errors would appear.
        #expect(abs(value - expected) <= 20 * 5 * Double.ulpOfOne * 36)
    }

    @Test func floatRankDeficientCommutingCase() throws {
        let q = F.orthogonal(3, seed: 4)
        let a = F.withSpectrum([0, 1, 4], basis: q).converted(to: Float.self)
        let b = F.withSpectrum([1, 0, 9], basis: q).converted(to: Float.self)
        // Σ(√a_i − √b_i)² = 1 + 1 + 1. Rounding the matrices to Float leaves null eigenvalues of
        // ~1e-7 · 9; they are zeroed (below 4 d ε_Float max λ), so the error stays near
        // d ε_Float (tr A + tr B) ≈ 1e-5, where their square roots would add ~1e-3.
        #expect(abs(try BuresWasserstein.squaredDistance(a, b) - 3) <= 1e-4)
    }

    @Test(arguments: [0 as UInt64, 1, 2])
    func distanceToItselfIsZero(seed: UInt64) throws {
        let q = F.orthogonal(6, seed: 10 + seed)
        let spectra: [[Double]] = [[1, 2, 3, 4, 5, 6], [0, 0, 1, 1, 3, 7], [0, 0, 0, 0, 0, 2]]
        let a = F.withSpectrum(spectra[Int(seed)], basis: q)
        // BW²(A, A) = 2 tr A − 2 ‖XᵀX‖_* = 0 up to rounding, c d ε tr A with c = 20.
        #expect(try BuresWasserstein.squaredDistance(a, a) <= 20 * 6 * Double.ulpOfOne * 21)
    }

    @Test(.enabled(if: GaussianFixtures.referenceCases != nil, "needs ../shared/testdata/reference-values.json"))
    func matchesReferenceValues() throws {
        let cases = try #require(F.referenceCases)
        #expect(cases.count == 3)
        for c in cases {
            let value = try BuresWasserstein.squaredDistance(c.a, c.b)
            let spectrumA = try c.a.symmetricEigen().values
            if spectrumA[0] > 1e-12 * spectrumA.last! {
                // Well conditioned: both sides carry O(d ε ‖·‖) rounding of matrices with entries up
                // to ~25, so 1e-10 relative is ample and a wrong formula misses by O(1).
                #expect(isClose(value, c.squaredDistance, relative: 1e-10), "\(value) vs \(c.squaredDistance)")
            } else {
                // A is singular (rank 2 of 6): BW² is not Lipschitz there, and an input rounding of
                // ε ‖A‖ moves it by up to d √(ε ‖A‖ ‖B‖) ≈ 6 · 2e-7; the reference (float64 square
                // roots) sits 1.6e-7 from the high-precision value checked below.
                #expect(abs(value - c.squaredDistance) <= 6 * (Double.ulpOfOne * 7.3 * 24.8).squareRoot())
            }
        }
    }

    @Test(.enabled(if: GaussianFixtures.referenceCases != nil, "needs ../shared/testdata/reference-values.json"))
    func rankDeficientReferenceCaseMatchesHighPrecision() throws {
        let c = try #require(F.referenceCases?[1])
        // 36.732702797185242721 is BW²(A, B) evaluated with 50-digit mpmath (eigsy) for the stored
        // A with its four eigenvalues of magnitude < 1.2e-16 (rounding of an exactly rank-2 matrix)
        // set to 0: the "exact for rank-deficient inputs" value. Agreement to 1e-12 relative shows
        // that the zeroing and the nuclear-norm form add only O(ε) error, where square roots of the
        // rounding eigenvalues would add ~1e-7.
        #expect(isClose(try BuresWasserstein.squaredDistance(c.a, c.b), 36.732702797185242721, relative: 1e-12))
    }

    @Test func nuclearNormFormEqualsTheSquareRootForm() throws {
        // Well conditioned inputs: tr A + tr B − 2 tr (A^{1/2} B A^{1/2})^{1/2} evaluated literally
        // with matrix square roots must agree with the factor / nuclear-norm form used inside.
        let a = F.randomSPD(7, seed: 61), b = F.randomSPD(7, seed: 62)
        let rootA = try a.psdSquareRoot()
        let middle = matmul(matmul(rootA, b), rootA)
        let fidelity = try middle.symmetricFunction(symmetryTolerance: 1e-12) { $0.squareRoot() }.trace
        let literal = a.trace + b.trace - 2 * fidelity
        // Both are backward stable evaluations of a well-conditioned quantity (‖·‖ ≈ 30):
        // c d ε ‖·‖ with c = 20 is about 1e-12.
        #expect(abs(try BuresWasserstein.squaredDistance(a, b) - literal) <= 20 * 7 * Double.ulpOfOne * 30)
    }

    @Test func oneDimensionalCaseIsTheSquaredDifferenceOfStandardDeviations() throws {
        // BW²(a, b) = (√a − √b)² for scalars.
        let value = try BuresWasserstein.squaredDistance(Matrix<Double>([[4]]), Matrix([[9]]))
        #expect(abs(value - 1) <= 4 * Double.ulpOfOne)
        #expect(try BuresWasserstein.distance(Matrix<Double>([[4]]), Matrix([[9]])) == 1)
    }

    @Test func floatAgreesWithDouble() throws {
        let a = F.randomSPD(5, seed: 3), b = F.randomSPD(5, seed: 4)
        let double = try BuresWasserstein.squaredDistance(a, b)
        let float = try BuresWasserstein.squaredDistance(a.converted(to: Float.self), b.converted(to: Float.self))
        // Only the rounding of the inputs to Float differs (the computation is in Double):
        // ΔBW² ≲ ‖ΔA‖ ‖∇‖ with ‖ΔA‖ ≈ 2⁻²⁴ · 20 per entry: 1e-5 relative is well above that.
        #expect(isClose(Double(float), double, relative: 1e-5))
    }

    @Test(arguments: [[Double]([0.5, 1, 2, 3]), [2, 2, 2, 2], [1, 1, 3, 3]])
    func gradientMatchesFiniteDifferences(spectrumOfA: [Double]) throws {
        // Includes A = 2I and pairs of repeated eigenvalues: the formula I − T must not need
        // eigenvalue gaps.
        let a = F.withSpectrum(spectrumOfA, basis: F.orthogonal(4, seed: 5))
        let b = F.randomSPD(4, seed: 6)
        let (value, gradient) = try BuresWasserstein.squaredDistanceWithGradient(a, b)
        #expect(isClose(value, try BuresWasserstein.squaredDistance(a, b), relative: 1e-14))
        // f(X) = BW²((X + Xᵀ)/2, B) has ∂f/∂X = sym(∇_A BW²) = ∇_A BW² (it is symmetric).
        let numeric = finiteDifferenceGradient(of: { x in
            let s = Matrix(rows: 4, columns: 4) { i, j in 0.5 * (x[i, j] + x[j, i]) }
            return try! BuresWasserstein.squaredDistance(s, b)
        }, at: a)
        // Central differences with h = 1e-6: truncation O(h² f''') ≈ 1e-12, rounding O(ε f / h)
        // ≈ 1e-9 for f ≈ 10; 1e-7 separates them from any wrong formula (errors O(1)).
        #expect(maxAbsoluteDifference(gradient, numeric) <= 1e-7)
    }

    @Test func gradientVanishesAtTheTarget() throws {
        let b = F.randomSPD(5, seed: 8)
        // T_{B→B} = I, so the gradient is 0 to rounding (c d ε κ(B) with c = 20, κ ≲ 100).
        let gradient = try BuresWasserstein.squaredDistanceWithGradient(b, b).gradient
        #expect(maxAbsoluteDifference(gradient, Matrix(rows: 5, columns: 5)) <= 20 * 5 * Double.ulpOfOne * 100)
    }

    @Test func mongeMapSolvesTheTransportEquation() throws {
        let a = F.randomSPD(5, seed: 12), b = F.withSpectrum([0, 1, 2, 3, 4], basis: F.orthogonal(5, seed: 13))
        let t = try BuresWasserstein.mongeMap(from: a, to: b)
        // T A T = B with T symmetric PSD: the defining property. Rounding c d ε κ(A) ‖B‖ with c = 20,
        // κ(A) ≲ 100, ‖B‖ = 4.
        #expect(t == t.transposed())
        #expect(maxAbsoluteDifference(matmul(matmul(t, a), t), b) <= 20 * 5 * Double.ulpOfOne * 100 * 4)
        #expect(try t.symmetricEigen().values.allSatisfy { $0 >= -1e-12 })
    }

    @Test func badInputThrowsNamedErrors() {
        let good = Matrix<Double>.identity(3)
        #expect(throws: OTInputError("a is 2 x 3; expected a square covariance matrix")) {
            try BuresWasserstein.squaredDistance(Matrix<Double>(rows: 2, columns: 3), good)
        }
        #expect(throws: OTInputError("a is 3 x 3 but b is 2 x 2")) {
            try BuresWasserstein.squaredDistance(good, Matrix<Double>.identity(2))
        }
        #expect(throws: OTInputError("b has a non-finite value at row 0, column 1")) {
            try BuresWasserstein.squaredDistance(good, Matrix([[1, .nan, 0], [0, 1, 0], [0, 0, 1]]))
        }
        #expect(throws: OTInputError.self) {
            try BuresWasserstein.squaredDistance(good, Matrix([[1, 0.5, 0], [0, 1, 0], [0, 0, 1]]))
        }
        let notPSD = "b is not positive semidefinite: it has the eigenvalue -1.0; expected a covariance matrix"
        #expect(throws: OTInputError(notPSD)) {
            try BuresWasserstein.squaredDistance(good, Matrix.diagonal([1, -1, 2]))
        }
        #expect(throws: OTInputError("a is singular; expected a positive definite covariance matrix")) {
            try BuresWasserstein.mongeMap(from: Matrix<Double>.diagonal([1, 0, 2]), to: good)
        }
    }
}
