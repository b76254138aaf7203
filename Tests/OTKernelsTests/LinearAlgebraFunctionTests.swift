import OTKernels
import Testing
import _OTTestSupport

@Suite struct LinearAlgebraFunctionTests {
    typealias F = LinearAlgebraFixtures

    /// A random PSD matrix `Q diag(spectrum) Qᵀ`.
    func psd(_ spectrum: [Double], seed: UInt64) -> Matrix<Double> {
        F.symmetric(F.randomOrthogonal(spectrum.count, seed: seed), spectrum: spectrum)
    }

    @Test func squareRootOfTwoByTwoMatchesClosedForm() throws {
        // [[2, 1], [1, 2]] has eigenpairs 3 (1, 1)/√2 and 1 (1, −1)/√2, so its root has
        // (√3 + 1)/2 on the diagonal and (√3 − 1)/2 off it.
        let root = try Matrix<Double>([[2, 1], [1, 2]]).psdSquareRoot()
        let diagonal = (3.0.squareRoot() + 1) / 2, off = (3.0.squareRoot() - 1) / 2
        // A few ulps of the O(1) entries.
        #expect(maxAbsoluteDifference(root, Matrix([[diagonal, off], [off, diagonal]])) <= 8 * Double.ulpOfOne)
    }

    @Test func squareRootOfDiagonalIsElementwise() throws {
        let root = try Matrix<Double>.diagonal([4, 9, 0, 0.25]).psdSquareRoot()
        #expect(root == Matrix.diagonal([2, 3, 0, 0.5]))
    }

    @Test(arguments: [[Double]([5, 3, 2, 1, 0.5, 0.1]), [4, 4, 1, 0, 0, 0], [1e-8, 1, 1, 2, 100, 100]])
    func squareRootSquaresBackToTheMatrix(spectrum: [Double]) throws {
        let a = psd(spectrum, seed: 13)
        let root = try a.psdSquareRoot()
        // R R = A to the eigensolver's backward error, amplified by at most ‖R‖ · 2: c n ε ‖A‖ with
        // c = 40 (twice the eigensolver's 20); a wrong root misses by O(‖A‖).
        let bound = 40 * 6 * Double.ulpOfOne * F.maxAbs(a)
        #expect(maxAbsoluteDifference(matmul(root, root), a) <= bound)
        #expect(root == root.transposed())
        // The root is PSD with eigenvalues √λ (to within the perturbation ε ‖A‖ / √λ ≤ ε √‖A‖ scale).
        let rootValues = try root.symmetricEigen().values
        for (got, want) in zip(rootValues, spectrum.sorted()) {
            #expect(abs(got - want.squareRoot()) <= 1e-7 * max(1, want.squareRoot()))
        }
    }

    @Test func inverseSquareRootWhitens() throws {
        let a = psd([0.2, 0.5, 1, 2, 7, 30], seed: 17)
        let w = try a.psdInverseSquareRoot()
        // W A W = I up to the backward error times cond(A) = 150: c n ε κ with c = 40.
        #expect(maxAbsoluteDifference(matmul(matmul(w, a), w), Matrix.identity(6)) <= 40 * 6 * Double.ulpOfOne * 150)
        // And W is the inverse of the square root: W R = I with the same bound.
        let product = matmul(w, try a.psdSquareRoot())
        #expect(maxAbsoluteDifference(product, Matrix.identity(6)) <= 40 * 6 * Double.ulpOfOne * 150)
    }

    @Test func inverseSquareRootFloorRegularizesASingularMatrix() throws {
        let q = F.randomOrthogonal(4, seed: 19)
        let a = F.symmetric(q, spectrum: [4, 1, 0, 0])
        #expect(throws: LinearAlgebraError.self) { try a.psdInverseSquareRoot() }
        let w = try a.psdInverseSquareRoot(floor: 0.01)
        // Expected Q diag(1/2, 1, 10, 10) Qᵀ; the null space (eigenvalue ~1e-16, raised to the floor)
        // is resolved to O(ε ‖A‖ / gap) in angle, times the largest factor 10.
        let expected = F.symmetric(q, spectrum: [0.5, 1, 10, 10])
        #expect(maxAbsoluteDifference(w, expected) <= 1e-13)
    }

    @Test func symmetricFunctionMatchesPolynomialAndExponential() throws {
        let a = psd([-1, 0.5, 2, 3], seed: 23).converted(to: Double.self)
        // f(x) = x² must equal A·A, and f(x) = x must give A back (both to c n ε ‖A‖², c = 40).
        let square = try a.symmetricFunction { $0 * $0 }
        #expect(maxAbsoluteDifference(square, matmul(a, a)) <= 40 * 4 * Double.ulpOfOne * 9)
        #expect(maxAbsoluteDifference(try a.symmetricFunction { $0 }, a) <= 40 * 4 * Double.ulpOfOne * 3)
        // exp on a diagonal matrix is elementwise.
        let e = try Matrix<Double>.diagonal([0, 1, -2]).symmetricFunction { Double.exp($0) }
        #expect(maxAbsoluteDifference(e, Matrix.diagonal([1, Double.exp(1), Double.exp(-2)])) <= 4 * Double.ulpOfOne)
    }

    @Test func roundingLevelNegativeEigenvaluesAreClampedButClearOnesThrow() throws {
        let q = F.randomOrthogonal(5, seed: 29)
        // −1e-12 relative is rounding for the default tolerance √ε ≈ 1.5e-8: accepted, root of 0.
        let nearlyPSD = F.symmetric(q, spectrum: [-1e-12, 0, 1, 2, 4])
        let root = try nearlyPSD.psdSquareRoot()
        #expect(maxAbsoluteDifference(root, F.symmetric(q, spectrum: [0, 0, 1, 2.0.squareRoot(), 2])) <= 1e-12)
        // −0.1 is not rounding: a clear error naming the eigenvalue.
        let indefinite = F.symmetric(q, spectrum: [-0.1, 0, 1, 2, 4])
        do {
            _ = try indefinite.psdSquareRoot()
            Issue.record("an indefinite matrix was accepted")
        } catch let LinearAlgebraError.notPositiveSemidefinite(operation, eigenvalue, _) {
            #expect(operation == "psdSquareRoot" && abs(eigenvalue + 0.1) < 1e-14)
        }
        #expect(throws: LinearAlgebraError.self) { try indefinite.psdInverseSquareRoot(floor: 1) }
        #expect(throws: LinearAlgebraError.invalidArgument(
            operation: "psdInverseSquareRoot", name: "floor", detail: "= -1.0; expected a finite value >= 0")) {
            try nearlyPSD.psdInverseSquareRoot(floor: -1)
        }
    }

    @Test func psdEigenGivesExactZerosForARankDeficientMatrix() throws {
        let q = F.randomOrthogonal(6, seed: 47)
        let a = F.symmetric(q, spectrum: [0, 0, 0, 0, 2, 5])
        let (values, _) = try a.psdEigen()
        // The four null eigenvalues come out of the eigensolver as ±1e-16 noise; below 4 n ε max|λ|
        // they are set to exactly 0, so the square root has no 1e-8 components in the null space.
        #expect(values[0..<4].allSatisfy { $0 == 0 })
        #expect(abs(values[4] - 2) <= 1e-14 && abs(values[5] - 5) <= 1e-14)
        let root = try a.psdSquareRoot()
        let nullVector = (0..<6).map { q[$0, 0] }
        let image = (0..<6).map { i in (0..<6).reduce(0.0) { $0 + root[i, $1] * nullVector[$1] } }
        // ‖√A q₀‖ is rounding (≈ 1e-15), not √(1e-16) = 1e-8.
        #expect(image.allSatisfy { abs($0) <= 1e-13 })
    }

    @Test func floatSquareRootAgreesWithDouble() throws {
        let a = psd([0.5, 1, 2, 3, 5], seed: 31)
        let double = try a.psdSquareRoot()
        let float = try a.converted(to: Float.self).psdSquareRoot()
        // Rounding A to Float (2⁻²⁴ · 5 per entry) moves the root by about that over √λ_min ≈ 0.7.
        #expect(maxAbsoluteDifference(float.converted(to: Double.self), double) <= 1e-6)
    }

    @Test func choleskyFactorAndSolve() throws {
        let a = psd([0.3, 1, 2, 5, 9], seed: 37)
        let l = try a.choleskyFactor()
        // Lower triangular with a positive diagonal, and L Lᵀ = A to c n ε ‖A‖ (c = 20).
        for i in 0..<5 {
            #expect(l[i, i] > 0)
            for j in (i + 1)..<5 { #expect(l[i, j] == 0) }
        }
        #expect(maxAbsoluteDifference(matmul(l, l, transposeB: true), a) <= 20 * 5 * Double.ulpOfOne * 9)
        var rng = Xoshiro256(seed: 41)
        let x = Matrix<Double>.normal(rows: 5, columns: 3, using: &rng)
        let solved = try a.solvePositiveDefinite(matmul(a, x))
        // Forward error ≤ κ(A) · c n ε with κ = 30, c = 20, times max|x| ≈ 3.
        #expect(maxAbsoluteDifference(solved, x) <= 30 * 20 * 5 * Double.ulpOfOne * 3)
        #expect(throws: LinearAlgebraError.self) { try psd([-1, 1, 2], seed: 43).choleskyFactor() }
        #expect(throws: LinearAlgebraError.shapeMismatch(
            operation: "solvePositiveDefinite", detail: "the right-hand side has 4 rows; expected 5")) {
            try a.solvePositiveDefinite(Matrix(rows: 4, columns: 1))
        }
    }

    @Test func traceAndFrobeniusNorm() {
        let a = Matrix<Double>([[1, -2], [3, 4]])
        #expect(a.trace == 5)
        #expect(a.frobeniusNorm == 30.0.squareRoot())
        // The power-of-two scaling keeps huge entries from overflowing in the sum of squares (which
        // would give +∞); the decimal inputs carry one rounding each, so allow 2 ulps.
        #expect(isClose(Matrix<Double>([[3e200, 4e200]]).frobeniusNorm, 5e200, relative: 2 * Double.ulpOfOne))
    }
}
