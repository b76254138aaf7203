import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport

@Suite struct OneDimensionalTransportTests {
    /// Uniform measures of equal size: W_p^p = (1/n) Σ |x_(i) − y_(i)|^p over the sorted points.
    @Test(arguments: [1.0, 1.5, 2.0, 3.0])
    func uniformEqualSizeMatchesSortedClosedForm(p: Double) throws {
        for seed in UInt64(1)...3 {
            var rng = Xoshiro256(seed: seed)
            let n = 25
            let x = (0..<n).map { _ in rng.normal(Double.self) }, y = (0..<n).map { _ in 3 * rng.uniform(Double.self) }
            let r = try OneDimensionalTransport.solve(source: x, target: y, p: p)
            let xs = x.sorted(), ys = y.sorted()
            let closed = (0..<n).reduce(0.0) { $0 + Double.pow(abs(xs[$1] - ys[$1]), p) } / Double(n)
            // n terms of size O(1) summed in the same order, weights 1/n rounded once: ulps of n.
            #expect(isClose(r.cost, closed, relative: 1e-13))
            #expect(r.plan.count == n)
        }
    }

    /// Ties, signed zeros and magnitudes from 1e-300 to 1e300 (all the radix passes of the sort):
    /// uniform equal-size W_1 still equals the sorted closed form.
    @Test func tiesAndExtremeMagnitudesSortCorrectly() throws {
        var rng = Xoshiro256(seed: 12)
        let pool: [Double] = [0, -0.0, 1, 1, -1, 1e-300, -1e-300, 1e300, -1e300, 2.5, 2.5, -7, 3e-5]
        let n = 200
        let x = (0..<n).map { _ in pool[Int(rng.next() % UInt64(pool.count))] * (rng.next() % 2 == 0 ? 1 : 0.5) }
        let y = (0..<n).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
        let r = try OneDimensionalTransport.solve(source: x, target: y, p: 1)
        let xs = x.sorted(), ys = y.sorted()
        let closed = (0..<n).reduce(0.0) { $0 + abs(xs[$1] - ys[$1]) } / Double(n)
        // Terms up to 2e300 summed in the same sorted order: agreement to relative rounding.
        #expect(isClose(r.cost, closed, relative: 1e-12))
    }

    /// Hand-computed weighted case with n != m and unsorted input:
    /// x = {2 (mass 0.75), 0 (0.25)}, y = {4 (0.5), 1 (0.5)}. The monotone coupling moves
    /// 0→1 (0.25, distance 1), 2→1 (0.25, distance 1), 2→4 (0.5, distance 2), so
    /// W_1 = 1.5, W_2^2 = 2.5, W_3^3 = 4.5.
    @Test func weightedHandComputedCase() throws {
        let x = [2.0, 0.0], a = [0.75, 0.25], y = [4.0, 1.0], b = [0.5, 0.5]
        for (p, expected) in [(1.0, 1.5), (2.0, 2.5), (3.0, 4.5)] {
            let r = try OneDimensionalTransport.solve(source: x, target: y, sourceWeights: a, targetWeights: b, p: p)
            // Sums of three dyadic products: exact in binary floating point.
            #expect(r.cost == expected)
            #expect(r.plan == [
                TransportEntry(source: 1, target: 1, mass: 0.25), TransportEntry(source: 0, target: 1, mass: 0.25),
                TransportEntry(source: 0, target: 0, mass: 0.5),
            ])
        }
        // Gradient at p = 2 by hand: ∂/∂x_0 = 2(0.25 (2 − 1) + 0.5 (2 − 4)) = −1.5,
        // ∂/∂x_1 = 2 · 0.25 (0 − 1) = −0.5; ∂/∂y_0 = −2 · 0.5 (2 − 4) = 2,
        // ∂/∂y_1 = −2(0.25 · 1 + 0.25 · (−1)) = 0.
        let r = try OneDimensionalTransport.solve(source: x, target: y, sourceWeights: a, targetWeights: b, p: 2)
        #expect(r.sourceGradient == [-1.5, -0.5])
        #expect(r.targetGradient == [2, 0])
    }

    /// A point mass against two points: W_p^p = Σ b_j |x − y_j|^p; weights with a total of 2
    /// (not 1) keep their mass.
    @Test func pointMassAgainstTwoPoints() throws {
        let r = try OneDimensionalTransport.solve(
            source: [1.0], target: [0.0, 4.0], sourceWeights: [2], targetWeights: [1.5, 0.5], p: 2)
        // 1.5 · 1 + 0.5 · 9 = 6, exact in binary.
        #expect(r.cost == 6)
        #expect(r.plan.count == 2)
    }

    /// Marginals of the plan equal the weights and the plan has at most n + m − 1 entries.
    @Test func planIsAVertexWithTheRightMarginals() throws {
        var rng = Xoshiro256(seed: 11)
        let n = 13, m = 8
        let x = (0..<n).map { _ in rng.normal(Double.self) }, y = (0..<m).map { _ in rng.normal(Double.self) }
        let a0 = (0..<n).map { _ in rng.uniform(Double.self) + 0.05 }
        let b0 = (0..<m).map { _ in rng.uniform(Double.self) + 0.05 }
        let a = a0.map { $0 / a0.reduce(0, +) }, b = b0.map { $0 / b0.reduce(0, +) }
        let r = try OneDimensionalTransport.solve(source: x, target: y, sourceWeights: a, targetWeights: b, p: 1.5)
        #expect(r.plan.count <= n + m - 1)
        let dense: Matrix<Double> = r.plan.densePlan(rows: n, columns: m)
        // Row and column sums of the running-remainder merge: rounding of ~n + m subtractions.
        for i in 0..<n { #expect(abs(dense.row(i).reduce(0, +) - a[i]) < 1e-15) }
        for j in 0..<m { #expect(abs(dense.column(j).reduce(0, +) - b[j]) < 1e-15) }
    }

    /// The position gradients match central finite differences (points in general position, so
    /// the sorted order and hence the plan do not change within the step).
    @Test(arguments: [1.0, 1.5, 2.0, 3.0])
    func gradientsMatchFiniteDifferences(p: Double) throws {
        var rng = Xoshiro256(seed: 21)
        let n = 7, m = 5
        let x = (0..<n).map { _ in rng.normal(Double.self) }, y = (0..<m).map { _ in rng.normal(Double.self) }
        let a0 = (0..<n).map { _ in rng.uniform(Double.self) + 0.1 }
        let b0 = (0..<m).map { _ in rng.uniform(Double.self) + 0.1 }
        let a = a0.map { $0 / a0.reduce(0, +) }, b = b0.map { $0 / b0.reduce(0, +) }
        func solve(_ x: [Double], _ y: [Double]) -> OneDimensionalTransport<Double> {
            try! OneDimensionalTransport.solve(source: x, target: y, sourceWeights: a, targetWeights: b, p: p)
        }
        let r = solve(x, y)
        let column = { (v: [Double]) in Matrix(rows: v.count, columns: 1, elements: v) }
        let fx = finiteDifferenceGradient(of: { solve($0.elements, y).cost }, at: column(x))
        let fy = finiteDifferenceGradient(of: { solve(x, $0.elements).cost }, at: column(y))
        // Central differences with h = 1e-6: truncation O(h² |f'''|) ~ 1e-12, rounding ~ 1e-16 / h = 1e-10.
        #expect(maxAbsoluteDifference(fx, Matrix(rows: n, columns: 1, elements: r.sourceGradient)) < 1e-8)
        #expect(maxAbsoluteDifference(fy, Matrix(rows: m, columns: 1, elements: r.targetGradient)) < 1e-8)
    }

    /// Float and Double agree to Float precision.
    @Test func floatAgreesWithDouble() throws {
        var rng = Xoshiro256(seed: 4)
        let x = (0..<50).map { _ in rng.normal(Double.self) }, y = (0..<40).map { _ in rng.normal(Double.self) }
        let double = try OneDimensionalTransport.solve(source: x, target: y, p: 1.5)
        let float = try OneDimensionalTransport.solve(
            source: x.map(Float.init), target: y.map(Float.init), p: Float(1.5))
        // Float inputs and weights carry relative errors ~6e-8; the cost is accumulated in Double.
        #expect(isClose(Double(float.cost), double.cost, relative: 1e-5))
    }

    @Test func badInputsThrow() {
        typealias OT = OneDimensionalTransport<Double>
        #expect(throws: OTInputError.self) { try OT.solve(source: [], target: [1]) }
        #expect(throws: OTInputError.self) { try OT.solve(source: [.nan], target: [1]) }
        #expect(throws: OTInputError.self) { try OT.solve(source: [0], target: [.infinity]) }
        #expect(throws: OTInputError.self) { try OT.solve(source: [0, 1], target: [1], sourceWeights: [1]) }
        #expect(throws: OTInputError.self) { try OT.solve(source: [0, 1], target: [1], sourceWeights: [2, -1]) }
        #expect(throws: OTInputError.self) { try OT.solve(source: [0, 1], target: [1], sourceWeights: [0, 0]) }
        #expect(throws: OTInputError.self) {
            try OT.solve(source: [0], target: [1], sourceWeights: [1], targetWeights: [2])
        }
        #expect(throws: OTInputError.self) { try OT.solve(source: [0], target: [1], p: 0.5) }
    }
}
