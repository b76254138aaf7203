import OTKernels
import Testing
import _OTTestSupport

@Suite struct PairwiseDistancesTests {
    /// `Σ_k (x_ik − y_jk)²` and the error scale `Σ_k x_ik² + y_jk²`, both in Double.
    static func reference<S: OTScalar>(_ x: Matrix<S>, _ y: Matrix<S>) -> (d: Matrix<Double>, scale: Matrix<Double>) {
        let d = Matrix<Double>(rows: x.rows, columns: y.rows) { i, j in
            (0..<x.columns).reduce(0.0) { s, k in
                let t = Double(x[i, k]) - Double(y[j, k])
                return s + t * t
            }
        }
        let scale = Matrix<Double>(rows: x.rows, columns: y.rows) { i, j in
            (0..<x.columns).reduce(0.0) { s, k in s + Double(x[i, k] * x[i, k]) + Double(y[j, k] * y[j, k]) }
        }
        return (d, scale)
    }

    /// Every entry within `2 (d + 3) u · (‖x_i‖² + ‖y_j‖²)`: the rounding of a length-`d` dot
    /// product (the Gram form), two norm sums and the final sum, each of size at most that scale
    /// (`u` the unit roundoff of `S`), doubled for headroom. The difference form is far better.
    static func expectClose<S: OTScalar>(_ x: Matrix<S>, _ y: Matrix<S>, _ result: Matrix<S>) {
        let (expected, scale) = reference(x, y)
        let u = Double(S.ulpOfOne) / 2
        var worst = 0.0
        for i in 0..<x.rows {
            for j in 0..<y.rows {
                let bound = 2 * Double(x.columns + 3) * u * scale[i, j] + Double.leastNormalMagnitude
                worst = max(worst, abs(Double(result[i, j]) - expected[i, j]) / bound)
            }
        }
        #expect(worst <= 1, "\(S.self) \(x.rows)x\(y.rows) d \(x.columns): error is \(worst) times the bound")
    }

    /// Dimensions on both sides of the switch from the difference form to the GEMM form (at 128);
    /// point counts that are not multiples of the 4-row block or of a vector.
    @Test(arguments: [1, 2, 3, 17, 128, 129], [(1, 1), (5, 19), (37, 50)])
    func matchesDirectFormula(dimension: Int, counts: (Int, Int)) {
        var rng = Xoshiro256(seed: UInt64(dimension * 100 + counts.0))
        let x = Matrix<Double>.normal(rows: counts.0, columns: dimension, using: &rng)
        let y = Matrix<Double>.normal(rows: counts.1, columns: dimension, mean: 0.5, using: &rng)
        let d = pairwiseSquaredDistances(x, y)
        #expect(d.rows == counts.0 && d.columns == counts.1)
        Self.expectClose(x, y, d)
        let xf = x.converted(to: Float.self), yf = y.converted(to: Float.self)
        Self.expectClose(xf, yf, pairwiseSquaredDistances(xf, yf))
    }

    /// Distances are never negative, and a point's distance to itself is 0 exactly in the
    /// difference form and within the Gram-form bound otherwise.
    @Test(arguments: [2, 16, 128, 200])
    func nonNegativeWithZeroDiagonal(dimension: Int) {
        var rng = Xoshiro256(seed: 9)
        // Far from the origin, where the Gram form cancels most: entries near 100 ± 1.
        let x = Matrix<Float>.normal(rows: 45, columns: dimension, mean: 100, using: &rng)
        let d = pairwiseSquaredDistances(x, x)
        #expect(d.elements.allSatisfy { $0 >= 0 })
        for i in 0..<x.rows {
            if dimension <= 128 {
                #expect(d[i, i] == 0)
            } else {
                // The Gram-form bound of `expectClose`, whose scale is 2‖x_i‖² here.
                let norm = x.row(i).reduce(0.0) { $0 + Double($1) * Double($1) }
                #expect(Double(d[i, i]) <= 2 * Double(dimension + 3) * Double(Float.ulpOfOne) / 2 * 2 * norm)
            }
        }
        Self.expectClose(x, x, d)
    }

    /// Large enough to run on all cores, in both forms.
    @Test(arguments: [(3, 400, 300), (130, 130, 150)])
    func largeInputsMatchDirectFormula(shape: (dimension: Int, n: Int, m: Int)) {
        var rng = Xoshiro256(seed: 21)
        let x = Matrix<Float>.uniform(rows: shape.n, columns: shape.dimension, using: &rng)
        let y = Matrix<Float>.uniform(rows: shape.m, columns: shape.dimension, using: &rng)
        Self.expectClose(x, y, pairwiseSquaredDistances(x, y))
    }

    @Test func emptyInputs() {
        let none = Matrix<Double>(rows: 0, columns: 3), three = Matrix<Double>(rows: 3, columns: 3)
        #expect(pairwiseSquaredDistances(none, three).shape == (0, 3))
        #expect(pairwiseSquaredDistances(three, none).shape == (3, 0))
        let zeroDimension = Matrix<Float>(rows: 4, columns: 0)
        #expect(pairwiseSquaredDistances(zeroDimension, zeroDimension) == Matrix(rows: 4, columns: 4))
    }

    /// A hand-computed case: (0,0),(1,1) against (3,4): 25 and 4 + 9 = 13.
    @Test func handComputed() {
        let x = Matrix<Double>([[0, 0], [1, 1]]), y = Matrix<Double>([[3, 4]])
        #expect(pairwiseSquaredDistances(x, y) == Matrix([[25], [13]]))
    }
}
