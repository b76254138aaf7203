import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport

@Suite struct SlicedWassersteinTests {
    /// A cloud against itself: every projection is matched to itself, so value and gradient are 0.
    @Test func cloudAgainstItselfIsZero() throws {
        var rng = Xoshiro256(seed: 1)
        let x = Matrix<Double>.normal(rows: 30, columns: 4, using: &rng)
        let r = try SlicedWasserstein.compute(source: x, target: x, directionCount: 20, using: &rng)
        #expect(r.value == 0)
        #expect(r.sourceGradient.elements.allSatisfy { $0 == 0 })
        let f = try SlicedWasserstein.compute(source: x.converted(to: Float.self), target: x.converted(to: Float.self),
                                              directionCount: 20, using: &rng)
        #expect(f.value == 0)
    }

    /// A translated cloud, p = 2: each projection is the same set shifted by θ·t, so
    /// W_2²(θ·μ, θ·ν) = (θ·t)² and SW_2² is the average of (θ·t)² over the sampled directions.
    /// Over many directions that average tends to E[(θ·t)²] = ‖t‖²/d.
    @Test func translatedCloudGivesAverageSquaredProjectedShift() throws {
        var rng = Xoshiro256(seed: 2)
        let n = 40, d = 3
        let x = Matrix<Double>.normal(rows: n, columns: d, using: &rng)
        let t = [0.7, -1.2, 0.4]
        let y = Matrix<Double>(rows: n, columns: d) { i, k in x[i, k] + t[k] }
        let r = try SlicedWasserstein.compute(source: x, target: y, directionCount: 1000, using: &rng)
        let directions = r.directions
        var expected = 0.0
        for l in 0..<directions.rows {
            let norm = (0..<d).reduce(0.0) { $0 + directions[l, $1] * directions[l, $1] }
            // Unit directions up to the rounding of a normalization.
            #expect(abs(norm - 1) < 1e-15)
            let shift = (0..<d).reduce(0.0) { $0 + directions[l, $1] * t[$1] }
            expected += shift * shift
        }
        expected /= Double(directions.rows)
        // Per projection the cost is (θ·t)² up to rounding of the projected differences, ~1e-16
        // relative; averaged, the same.
        #expect(isClose(r.value, expected, relative: 1e-12))
        // Monte Carlo: for d = 3, θ·t/‖t‖ is uniform on [−1, 1], so (θ·t)² has relative standard
        // deviation √(4/5) ≈ 0.89; over 1000 directions 1 sd is 2.8% and 15% is over 5 sd.
        let squaredNorm = t.reduce(0) { $0 + $1 * $1 }
        #expect(isClose(r.value, squaredNorm / Double(d), relative: 0.15))
        // The gradient of (1/L) Σ (θ·(x_i − y_i))² / n is −(2/n) mean_l θ_l θ_lᵀ t for every point.
        var expectedGradient = [Double](repeating: 0, count: d)
        for l in 0..<directions.rows {
            let shift = (0..<d).reduce(0.0) { $0 + directions[l, $1] * t[$1] }
            for k in 0..<d { expectedGradient[k] -= 2 * shift * directions[l, k] / Double(n * directions.rows) }
        }
        for i in 0..<n {
            for k in 0..<d {
                // Sums of 1000 terms of size O(1): rounding well under 1e-12 absolute.
                #expect(abs(r.sourceGradient[i, k] - expectedGradient[k]) < 1e-12)
            }
        }
    }

    /// In one dimension with directions ±1, every slice is the line itself: SW_p^p = W_p^p.
    @Test func oneDimensionalCloudsReduceToTheLine() throws {
        var rng = Xoshiro256(seed: 3)
        let x = (0..<9).map { _ in rng.normal(Double.self) }, y = (0..<6).map { _ in rng.uniform(Double.self) }
        let a = (0..<9).map { _ in 1.0 / 9 }, b0 = (0..<6).map { _ in rng.uniform(Double.self) + 0.1 }
        let b = b0.map { $0 / b0.reduce(0, +) }
        let line = try OneDimensionalTransport.solve(source: x, target: y, sourceWeights: a, targetWeights: b, p: 1.5)
        let r = try SlicedWasserstein.compute(
            source: Matrix(rows: 9, columns: 1, elements: x), target: Matrix(rows: 6, columns: 1, elements: y),
            sourceWeights: a, targetWeights: b, directions: Matrix([[1.0], [-1.0]]), p: 1.5)
        // Same merges (mirrored for −1) over O(1) terms: agreement to rounding.
        #expect(isClose(r.value, line.cost, relative: 1e-13))
        for i in 0..<9 {
            #expect(isClose(r.sourceGradient[i, 0], line.sourceGradient[i], absolute: 1e-14, relative: 1e-12))
        }
    }

    /// The source gradient matches central finite differences for fixed directions.
    @Test(arguments: [1.5, 2.0, 3.0])
    func gradientMatchesFiniteDifferences(p: Double) throws {
        var rng = Xoshiro256(seed: 4)
        let x = Matrix<Double>.normal(rows: 8, columns: 3, using: &rng)
        let y = Matrix<Double>.uniform(rows: 6, columns: 3, using: &rng)
        let a0 = (0..<8).map { _ in rng.uniform(Double.self) + 0.1 }
        let a = a0.map { $0 / a0.reduce(0, +) }
        let directions = SlicedWasserstein<Double>.randomDirections(count: 16, dimension: 3, using: &rng)
        let r = try SlicedWasserstein.compute(source: x, target: y, sourceWeights: a, directions: directions, p: p)
        let numeric = finiteDifferenceGradient(of: { probe in
            try! SlicedWasserstein.compute(
                source: probe, target: y, sourceWeights: a, directions: directions, p: p
            ).value
        }, at: x)
        // h = 1e-6 central differences: truncation ~1e-12, rounding ~1e-16/h = 1e-10.
        #expect(maxAbsoluteDifference(numeric, r.sourceGradient) < 1e-8)
    }

    /// Float and Double agree on the same directions; the same seed gives the same result.
    @Test func floatAgreesWithDoubleAndSeedsReproduce() throws {
        var rng = Xoshiro256(seed: 5)
        let x = Matrix<Double>.normal(rows: 200, columns: 5, using: &rng)
        let y = Matrix<Double>.normal(rows: 150, columns: 5, mean: 0.5, using: &rng)
        var g1 = Xoshiro256(seed: 9), g2 = Xoshiro256(seed: 9)
        let double = try SlicedWasserstein.compute(source: x, target: y, directionCount: 50, using: &g1)
        let again = try SlicedWasserstein.compute(source: x, target: y, directionCount: 50, using: &g2)
        #expect(double.value == again.value && double.sourceGradient == again.sourceGradient)
        let float = try SlicedWasserstein.compute(
            source: x.converted(to: Float.self), target: y.converted(to: Float.self),
            directions: double.directions.converted(to: Float.self))
        // Float projections carry relative errors ~1e-7 times the coordinates (~3); the value
        // is O(1) and accumulated in Double: 1e-5 relative leaves room for ties resolved differently.
        #expect(isClose(Double(float.value), double.value, relative: 1e-5))
        #expect(maxAbsoluteDifference(float.sourceGradient.converted(to: Double.self), double.sourceGradient) < 1e-5)
    }

    @Test func badInputsThrow() {
        var rng = Xoshiro256(seed: 6)
        let x = Matrix<Double>([[0, 1], [1, 0]]), y = Matrix<Double>([[0, 0]])
        func sliced(
            _ x: Matrix<Double>, _ y: Matrix<Double>, a: [Double]? = nil, b: [Double]? = nil, count: Int = 3,
            p: Double = 2
        ) throws {
            _ = try SlicedWasserstein.compute(
                source: x, target: y, sourceWeights: a, targetWeights: b, directionCount: count, p: p, using: &rng)
        }
        #expect(throws: OTInputError.self) { try sliced(x, y, count: 0) }
        #expect(throws: OTInputError.self) { try sliced(x, Matrix([[0.0]])) }
        #expect(throws: OTInputError.self) { try sliced(x, Matrix([[0.0, .nan]])) }
        #expect(throws: OTInputError.self) { try sliced(Matrix(rows: 0, columns: 2), y) }
        #expect(throws: OTInputError.self) { try sliced(x, y, a: [1]) }
        #expect(throws: OTInputError.self) { try sliced(x, y, a: [-1, 2]) }
        #expect(throws: OTInputError.self) { try sliced(x, y, b: [3]) }
        #expect(throws: OTInputError.self) { try sliced(x, y, p: 0.9) }
        #expect(throws: OTInputError.self) {
            try SlicedWasserstein.compute(source: x, target: y, directions: Matrix([[1.0, 0, 0]]))
        }
    }
}
