import OTKernels
import Testing
import _OTTestSupport

@Suite struct LinearAlgebraSVDTests {
    typealias F = LinearAlgebraFixtures

    /// Checks shapes, `A = U Σ Vᵀ`, `UᵀU = VVᵀ = I` and descending non-negative σ. The bound
    /// `c k ε max|A|`, with `c = 20`, is the backward error of Jacobi rotations (each sweep is an
    /// orthogonal transformation with O(ε) error per rotation) plus the convergence threshold
    /// `max(m, n) ε`; a wrong factor misses by O(max|A|).
    func expectValidSVD(_ a: Matrix<Double>, _ u: Matrix<Double>, _ sigma: [Double], _ vt: Matrix<Double>) {
        let k = min(a.rows, a.columns)
        #expect(u.rows == a.rows && u.columns == k && vt.rows == k && vt.columns == a.columns && sigma.count == k)
        let bound = 20 * Double(max(a.rows, a.columns, 2)) * Double.ulpOfOne
        let product = matmul(matmul(u, Matrix.diagonal(sigma)), vt)
        #expect(maxAbsoluteDifference(product, a) <= bound * max(F.maxAbs(a), Double.leastNormalMagnitude))
        #expect(F.orthonormalityError(columnsOf: u) <= bound)
        #expect(F.orthonormalityError(columnsOf: vt.transposed()) <= bound)
        #expect(zip(sigma, sigma.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(sigma.allSatisfy { $0 >= 0 })
    }

    @Test(arguments: [(7, 4), (4, 7), (6, 6), (1, 5), (5, 1), (40, 25), (25, 40)])
    func randomMatricesReconstruct(rows: Int, columns: Int) throws {
        var rng = Xoshiro256(seed: UInt64(rows * 100 + columns))
        let a = Matrix<Double>.normal(rows: rows, columns: columns, using: &rng)
        let (u, sigma, vt) = try a.singularValueDecomposition()
        expectValidSVD(a, u, sigma, vt)
    }

    @Test func vectorHasItsNormAsSingularValue() throws {
        let (u, sigma, vt) = try Matrix<Double>([[3, 4]]).singularValueDecomposition()
        #expect(sigma == [5] && u == Matrix([[1]]))
        #expect(maxAbsoluteDifference(vt, Matrix([[0.6, 0.8]])) <= 2 * Double.ulpOfOne)
    }

    /// `A = U₀ diag(σ) V₀ᵀ` with chosen σ, including repeated and zero singular values.
    @Test(arguments: [(12, 8), (8, 12)])
    func knownSingularValuesWithRepeatsAndRankDeficiency(rows: Int, columns: Int) throws {
        let chosen: [Double] = [9, 4, 4, 4, 1e-6, 0, 0, 0]
        let k = chosen.count
        let u0 = F.leadingColumns(F.randomOrthogonal(rows, seed: 5), k)
        let v0 = F.leadingColumns(F.randomOrthogonal(columns, seed: 6), k)
        let a = F.product(u0, chosen, v0)
        let (u, sigma, vt) = try a.singularValueDecomposition()
        // Weyl for singular values: |σ̂_i − σ_i| ≤ ‖E‖₂ for the fixture rounding E (≈ k ε · 9) and
        // the solver's backward error of the same order; 1e-13 is above both with room.
        for (got, want) in zip(sigma, chosen) { #expect(abs(got - want) <= 1e-13) }
        expectValidSVD(a, u, sigma, vt)
        // The left singular subspace of σ = 4 is span(u0[:, 1...3]): compare projectors (the gap to
        // the neighbours 9 and 1e-6 is ≥ 4, so they agree to O(ε ‖A‖ / gap)).
        let got = Matrix(rows: rows, columns: 3) { i, j in u[i, 1 + j] }
        let want = Matrix(rows: rows, columns: 3) { i, j in u0[i, 1 + j] }
        #expect(maxAbsoluteDifference(matmul(got, got, transposeB: true), matmul(want, want, transposeB: true)) < 1e-13)
    }

    @Test func repeatedColumnsGiveAnExactRankOneFactorization() throws {
        // Columns (1, 2, 3) repeated: σ = (√28, 0), u₁ = (1, 2, 3)/√14, v₁ = (1, 1)/√2.
        let a = Matrix<Double>([[1, 1], [2, 2], [3, 3]])
        let (u, sigma, vt) = try a.singularValueDecomposition()
        // A few ulps of √28 ≈ 5.3 for σ₁; σ₂ is rounding of the O(1) entries.
        #expect(abs(sigma[0] - 28.0.squareRoot()) <= 8 * Double.ulpOfOne * 6)
        #expect(sigma[1] <= 8 * Double.ulpOfOne * 6)
        for i in 0..<3 { #expect(abs(u[i, 0] - Double(i + 1) / 14.0.squareRoot()) <= 8 * Double.ulpOfOne) }
        for j in 0..<2 { #expect(abs(vt[0, j] - 0.5.squareRoot()) <= 8 * Double.ulpOfOne) }
        expectValidSVD(a, u, sigma, vt)
    }

    @Test(arguments: [(300, 6), (6, 300)])
    func veryTallAndVeryWideMatrices(rows: Int, columns: Int) throws {
        let chosen: [Double] = [3, 2, 2, 1, 0.5, 1e-3]
        let u0 = F.leadingColumns(F.randomOrthogonal(rows, seed: 51), 6)
        let v0 = F.leadingColumns(F.randomOrthogonal(columns, seed: 52), 6)
        let a = F.product(u0, chosen, v0)
        let (u, sigma, vt) = try a.singularValueDecomposition()
        // Fixture and solver rounding, c max(m, n) ε σ_max with c = 20: ≈ 4e-12.
        for (got, want) in zip(sigma, chosen) { #expect(abs(got - want) <= 20 * 300 * Double.ulpOfOne * 3) }
        expectValidSVD(a, u, sigma, vt)
    }

    @Test func zeroMatrixHasZeroSingularValuesAndOrthonormalFactors() throws {
        let a = Matrix<Double>(rows: 5, columns: 3)
        let (u, sigma, vt) = try a.singularValueDecomposition()
        #expect(sigma == [0, 0, 0])
        expectValidSVD(a, u, sigma, vt)
    }

    @Test func emptyMatrixGivesEmptyFactors() throws {
        let (u, sigma, vt) = try Matrix<Float>(rows: 3, columns: 0).singularValueDecomposition()
        #expect(sigma.isEmpty && u.rows == 3 && u.columns == 0 && vt.rows == 0 && vt.columns == 0)
    }

    @Test func tinySingularValuesKeepHighRelativeAccuracy() throws {
        // Columns scaled over 20 orders of magnitude: one-sided Jacobi resolves each σ to a few ulps
        // relative to itself (Demmel-Veselić), where a bidiagonal method only promises ε σ_max.
        let q = F.randomOrthogonal(4, seed: 9)
        let scales: [Double] = [1, 1e-5, 1e-10, 1e-20]
        let a = Matrix(rows: 4, columns: 4) { i, j in q[i, j] * scales[j] }
        let sigma = try a.singularValueDecomposition().singularValues
        // The columns of Q are orthonormal to ~1e-16, so σ_j = scales[j] (1 + O(1e-15)).
        for (got, want) in zip(sigma, scales) { #expect(abs(got - want) <= 1e-14 * want) }
    }

    @Test func doubleAccuracyOn200x200() throws {
        // Jacobi sweeps take about 6 s at 200 x 200 in a debug build: debug runs 120 x 120, and
        // `swift test -c release` runs the full 200 x 200 check.
        #if DEBUG
        let n = 120
        #else
        let n = 200
        #endif
        // Well conditioned: σ spread over [1, 10].
        let chosen = (0..<n).map { 10 - 9 * Double($0) / Double(n - 1) }
        let a = F.product(F.randomOrthogonal(n, seed: 21), chosen, F.randomOrthogonal(n, seed: 22))
        let (u, sigma, vt) = try a.singularValueDecomposition()
        // The target, 1e-12 relative; the error bound is about n ε σ_max ≈ 4.4e-13.
        for (got, want) in zip(sigma, chosen) { #expect(abs(got - want) <= 1e-12 * want) }
        expectValidSVD(a, u, sigma, vt)
    }

    @Test func floatAgreesWithDouble() throws {
        var rng = Xoshiro256(seed: 77)
        let a = Matrix<Double>.normal(rows: 9, columns: 6, using: &rng)
        let double = try a.singularValueDecomposition()
        let float = try a.converted(to: Float.self).singularValueDecomposition()
        // Rounding A to Float moves each σ by ≤ ‖ΔA‖₂ ≤ √(mn) 2⁻²⁴ max|A| ≈ 1e-6 · 3.
        for (f, d) in zip(float.singularValues, double.singularValues) { #expect(abs(Double(f) - d) <= 1e-5) }
        // The reconstruction in Float is good to Float rounding (k ε_Float max|A| with c = 20).
        let product = matmul(matmul(float.u, Matrix.diagonal(float.singularValues)), float.vt)
        #expect(maxAbsoluteDifference(product, a.converted(to: Float.self)) <= 20 * 9 * Float.ulpOfOne * 4)
    }

    @Test func nuclearNormIsTheSumOfSingularValues() throws {
        let chosen: [Double] = [5, 2, 0.5]
        let a = F.product(F.leadingColumns(F.randomOrthogonal(6, seed: 31), 3), chosen,
                          F.leadingColumns(F.randomOrthogonal(4, seed: 32), 3))
        // Σσ_i = 7.5, up to the fixture and solver rounding (k ε max σ).
        #expect(abs(try a.nuclearNorm() - 7.5) < 1e-13)
    }

    @Test func extremeScalesDoNotOverflowOrUnderflow() throws {
        let chosen: [Double] = [4, 3, 1]
        let a = F.product(F.leadingColumns(F.randomOrthogonal(5, seed: 71), 3), chosen,
                          F.leadingColumns(F.randomOrthogonal(3, seed: 72), 3))
        for scale in [1e-300, 1e300] {
            let scaled = Matrix(rows: 5, columns: 3) { i, j in a[i, j] * scale }
            let sigma = try scaled.singularValueDecomposition().singularValues
            // Squared norms of 1e300-sized rows would overflow without the power-of-two scaling;
            // with it the computation matches the unit-scale one to rounding.
            for (got, want) in zip(sigma, chosen) { #expect(abs(got / scale - want) <= 1e-13) }
        }
    }

    @Test func nonFiniteInputThrows() {
        #expect(throws: LinearAlgebraError.nonFinite(operation: "singularValueDecomposition", row: 1, column: 2)) {
            try Matrix<Double>([[1, 2, 3], [4, 5, .infinity]]).singularValueDecomposition()
        }
    }
}
