import OTKernels
import Testing
import _OTTestSupport

@Suite struct LinearAlgebraEigenTests {
    typealias F = LinearAlgebraFixtures

    /// Checks `A V = V diag(λ)` via reconstruction, orthonormality and ascending order, with the
    /// backward-error bound `c n ε max|A|` of a Householder + QL eigensolver; `c = 20` covers the
    /// constants of both stages with room for unlucky rounding while a wrong vector misses by O(1).
    func expectValidDecomposition(_ a: Matrix<Double>, _ values: [Double], _ vectors: Matrix<Double>) {
        let n = a.rows
        let bound = 20 * Double(max(n, 2)) * Double.ulpOfOne
        let reconstruction = matmul(matmul(vectors, Matrix.diagonal(values)), vectors, transposeB: true)
        #expect(maxAbsoluteDifference(reconstruction, a) <= bound * max(F.maxAbs(a), Double.leastNormalMagnitude))
        #expect(F.orthonormalityError(columnsOf: vectors) <= bound)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func diagonalMatrixGivesSortedDiagonalAndCoordinateVectors() throws {
        let d: [Double] = [3, -1, 7, 0, 2]
        let (values, vectors) = try Matrix.diagonal(d).symmetricEigen()
        #expect(values == [-1, 0, 2, 3, 7])
        // Column i is the coordinate vector of values[i], with a positive entry (sign convention).
        let source = [1, 3, 4, 0, 2]
        #expect(vectors == Matrix(rows: 5, columns: 5) { i, j in i == source[j] ? 1 : 0 })
    }

    @Test(arguments: [(2.0, 1.0, 2.0), (1.0, -3.0, 5.0), (1e-3, 1e3, -7.0), (4.0, 0.0, 4.0)])
    func twoByTwoMatchesClosedForm(a: Double, b: Double, c: Double) throws {
        let (values, vectors) = try Matrix([[a, b], [b, c]]).symmetricEigen()
        let mean = (a + c) / 2, radius = (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
        // Closed form λ = (a + c)/2 ∓ √(((a − c)/2)² + b²); both sides carry a few ulps of max(|λ|).
        let scale = max(abs(mean) + radius, 1)
        #expect(isClose(values[0], mean - radius, absolute: 8 * Double.ulpOfOne * scale))
        #expect(isClose(values[1], mean + radius, absolute: 8 * Double.ulpOfOne * scale))
        expectValidDecomposition(Matrix([[a, b], [b, c]]), values, vectors)
    }

    @Test func knownSpectrumWithRepeatedAndZeroEigenvalues() throws {
        let spectrum: [Double] = [-2, 0, 0, 0, 1e-9, 1, 1, 1, 1, 3.5, 4, 10]
        let q = F.randomOrthogonal(spectrum.count, seed: 7)
        let a = F.symmetric(q, spectrum: spectrum)
        let (values, vectors) = try a.symmetricEigen()
        // Weyl: each eigenvalue moves at most ‖E‖₂ ≤ n ‖E‖_max for a perturbation E of size
        // c n ε ‖A‖ (fixture rounding plus solver); 1e-13 · 10 is that with room.
        for (got, want) in zip(values, spectrum) { #expect(abs(got - want) <= 1e-12) }
        expectValidDecomposition(a, values, vectors)
        // The eigenspace of the 4-fold eigenvalue 1 is span(q_5..q_8): its projector must agree.
        let basis = Matrix(rows: 12, columns: 4) { i, j in vectors[i, 5 + j] }
        let expected = Matrix(rows: 12, columns: 4) { i, j in q[i, 5 + j] }
        // Projectors differ by O(ε ‖A‖ / gap) with gap 1 between the cluster and its neighbours.
        let projector = matmul(basis, basis, transposeB: true)
        #expect(maxAbsoluteDifference(projector, matmul(expected, expected, transposeB: true)) < 1e-13)
    }

    /// Hard cases for the QL shifts: Wilkinson's W21+ (pairs of eigenvalues equal to 1e-13), a
    /// strongly graded matrix and a 60 x 60 matrix of ones (one eigenvalue 60, the rest 0).
    @Test(arguments: ["wilkinson", "graded", "ones"])
    func difficultSpectraKeepInvariants(kind: String) throws {
        let a: Matrix<Double>
        switch kind {
        case "wilkinson":
            a = Matrix(rows: 21, columns: 21) { i, j in i == j ? Double(abs(10 - i)) : (abs(i - j) == 1 ? 1 : 0) }
        case "graded":
            a = Matrix(rows: 12, columns: 12) { i, j in
                Double.pow(10, -Double(i + j)) * (i == j ? 1 : 0.1)
            }
        default:
            a = Matrix(rows: 60, columns: 60, repeating: 1)
        }
        let (values, vectors) = try a.symmetricEigen()
        expectValidDecomposition(a, values, vectors)
        // Σλ = tr A and Σλ² = ‖A‖_F² (orthogonal invariance), to c n ε ‖A‖ (c = 20).
        let scale = F.maxAbs(a) * Double(a.rows)
        let bound = 20 * Double(a.rows) * Double.ulpOfOne * scale
        #expect(abs(values.reduce(0, +) - a.trace) <= bound)
        #expect(abs(values.reduce(0) { $0 + $1 * $1 } - a.frobeniusNorm * a.frobeniusNorm) <= bound * scale)
        if kind == "ones" {
            // Rank one: eigenvalues 0 (59 times) and 60, to c n ε ‖A‖.
            #expect(abs(values.last! - 60) <= bound)
            #expect(values.dropLast().allSatisfy { abs($0) <= bound })
        }
    }

    @Test func doubleAccuracyOn200x200() throws {
        let n = 200
        // Well conditioned: eigenvalues spread over [1, 10], so relative and absolute accuracy agree.
        let spectrum = (0..<n).map { 1 + 9 * Double($0) / Double(n - 1) }
        let a = F.symmetric(F.randomOrthogonal(n, seed: 2026), spectrum: spectrum)
        let (values, vectors) = try a.symmetricEigen()
        // The target of the issue: 1e-12 relative. The backward-error bound is about
        // n ε ‖A‖ / λ_min ≈ 200 · 2.2e-16 · 10 = 4.4e-13 here.
        for (got, want) in zip(values, spectrum) { #expect(abs(got - want) <= 1e-12 * want) }
        expectValidDecomposition(a, values, vectors)
    }

    @Test func floatAgreesWithDouble() throws {
        let spectrum: [Double] = [0.5, 1, 2, 3, 5, 8, 13, 21]
        let a = F.symmetric(F.randomOrthogonal(8, seed: 3), spectrum: spectrum)
        let (doubleValues, doubleVectors) = try a.symmetricEigen()
        let (floatValues, floatVectors) = try a.converted(to: Float.self).symmetricEigen()
        // Rounding A to Float moves each eigenvalue by ≤ ‖ΔA‖₂ ≤ n · 2⁻²⁴ · max|A| ≈ 1e-5 · 21 and each
        // vector by that over the gap (≥ 0.5); 1e-4 absolute and 1e-4 per vector entry cover both.
        for (f, d) in zip(floatValues, doubleValues) { #expect(abs(Double(f) - d) <= 1e-4 * 21) }
        #expect(maxAbsoluteDifference(floatVectors.converted(to: Double.self), doubleVectors) < 1e-4 * 21 / 0.5)
    }

    @Test func extremeScalesDoNotOverflowOrUnderflow() throws {
        let spectrum: [Double] = [1, 2, 3, 4]
        let q = F.randomOrthogonal(4, seed: 11)
        for scale in [1e-300, 1e300, 1.5e307] {
            let a = F.symmetric(q, spectrum: spectrum.map { $0 * scale })
            let values = try a.symmetricEigen().values
            // Power-of-two scaling makes the computation identical to the unit-scale one up to rounding.
            for (got, want) in zip(values, spectrum) { #expect(abs(got / scale - want) < 1e-13) }
        }
    }

    @Test func smallAndZeroMatrices() throws {
        #expect(try Matrix<Double>(rows: 0, columns: 0).symmetricEigen().values.isEmpty)
        let one = try Matrix<Double>([[-4]]).symmetricEigen()
        #expect(one.values == [-4] && one.vectors == Matrix([[1]]))
        let zero = try Matrix<Float>(rows: 3, columns: 3).symmetricEigen()
        #expect(zero.values == [0, 0, 0] && zero.vectors == Matrix.identity(3))
    }

    @Test func badInputThrowsClearErrors() {
        #expect(throws: LinearAlgebraError.notSquare(operation: "symmetricEigen", rows: 2, columns: 3)) {
            try Matrix<Double>(rows: 2, columns: 3).symmetricEigen()
        }
        #expect(throws: LinearAlgebraError.nonFinite(operation: "symmetricEigen", row: 1, column: 0)) {
            try Matrix<Double>([[1, 2], [.nan, 1]]).symmetricEigen()
        }
        #expect(throws: LinearAlgebraError.nonFinite(operation: "symmetricEigen", row: 0, column: 0)) {
            try Matrix<Float>([[.infinity]]).symmetricEigen()
        }
        do {
            _ = try Matrix<Double>([[1, 2], [2.5, 1]]).symmetricEigen()
            Issue.record("a non-symmetric matrix was accepted")
        } catch let error as LinearAlgebraError {
            guard case let .notSymmetric(_, row, column, asymmetry, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(row == 0 && column == 1 && asymmetry == 0.5)
            #expect(error.description.contains("not symmetric"))
        } catch { Issue.record("unexpected error \(error)") }
        // Asymmetry at the rounding level is accepted (and averaged away).
        #expect((try? Matrix<Double>([[1, 2], [2 + 1e-14, 1]]).symmetricEigen()) != nil)
    }
}
