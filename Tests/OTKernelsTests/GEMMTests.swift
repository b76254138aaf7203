@testable import OTKernels
import Testing
import _OTTestSupport

/// One GEMM case: shapes, transposes, scalars and the padding of each leading dimension.
struct GEMMCase: CustomStringConvertible, Sendable {
    var m: Int, n: Int, k: Int
    var transposeA = false, transposeB = false
    var alpha = 1.0, beta = 0.0
    var padA = 0, padB = 0, padC = 0

    var description: String {
        "\(m)x\(n)x\(k) tA \(transposeA) tB \(transposeB) alpha \(alpha) beta \(beta) pads \(padA),\(padB),\(padC)"
    }

    /// Stored shapes: `A` is `m x k` (or `k x m` transposed), `B` is `k x n` (or `n x k`).
    var shapeA: (rows: Int, columns: Int) { transposeA ? (k, m) : (m, k) }
    var shapeB: (rows: Int, columns: Int) { transposeB ? (n, k) : (k, n) }
}

/// Random stored operands of a case, with padding columns filled with a sentinel.
struct GEMMOperands {
    static let sentinel = 12345.0
    var a: [Double], b: [Double], c: [Double]
    let lda: Int, ldb: Int, ldc: Int

    init(_ t: GEMMCase, seed: UInt64) {
        var rng = Xoshiro256(seed: seed)
        lda = t.shapeA.columns + t.padA
        ldb = t.shapeB.columns + t.padB
        ldc = t.n + t.padC
        func fill(_ rows: Int, _ columns: Int, _ ld: Int) -> [Double] {
            (0..<(rows * ld)).map { $0 % ld < columns ? 2 * rng.uniform(Double.self) - 1 : Self.sentinel }
        }
        a = fill(t.shapeA.rows, t.shapeA.columns, lda)
        b = fill(t.shapeB.rows, t.shapeB.columns, ldb)
        c = fill(t.m, t.n, ldc)
    }

    /// The naive triple loop in Double: the expected `C` and the rounding-error scale
    /// `|alpha| Σ_p |a_ip b_pj| + |beta c_ij|` of every element.
    func reference(_ t: GEMMCase) -> (c: [Double], scale: [Double]) {
        var out = c, scale = [Double](repeating: 0, count: c.count)
        for i in 0..<t.m {
            for j in 0..<t.n {
                var sum = 0.0, magnitude = 0.0
                for p in 0..<t.k {
                    let x = t.transposeA ? a[p * lda + i] : a[i * lda + p]
                    let y = t.transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += x * y
                    magnitude += abs(x * y)
                }
                let old = t.beta == 0 ? 0 : t.beta * c[i * ldc + j]
                out[i * ldc + j] = t.alpha * sum + old
                scale[i * ldc + j] = abs(t.alpha) * magnitude + abs(old)
            }
        }
        return (out, scale)
    }

    /// Runs `GEMM.multiply` in precision `S` on these operands, with the algorithm the size picks
    /// unless `algorithm` forces one.
    func run<S: OTScalar>(
        _ t: GEMMCase, as _: S.Type, threadLimit: Int = Parallel.threadCount, algorithm: GEMM.Algorithm = .automatic
    ) -> [S] {
        let a = self.a.map { S($0) }, b = self.b.map { S($0) }
        var c = self.c.map { S($0) }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    GEMM.multiply(
                        transposeA: t.transposeA, transposeB: t.transposeB, m: t.m, n: t.n, k: t.k,
                        alpha: S(t.alpha), a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb,
                        beta: S(t.beta), c: pc.baseAddress!, ldc: ldc, threadLimit: threadLimit,
                        algorithm: algorithm)
                }
            }
        }
        return c
    }
}

/// Checks `result` against the Double reference: every element within `(k + 2) · u · scale`, the
/// classical bound for a length-`k` dot product plus the `alpha` and `beta` roundings (`u` the unit
/// roundoff of `S`), doubled for the rounding of the Double reference itself; padding untouched.
func expectMatchesReference<S: OTScalar>(
    _ result: [S], _ t: GEMMCase, _ operands: GEMMOperands, _ reference: (c: [Double], scale: [Double])
) {
    let (expected, scale) = reference
    let u = Double(S.ulpOfOne) / 2
    var worst = 0.0
    for i in 0..<t.m {
        for j in 0..<(t.n + t.padC) {
            let index = i * operands.ldc + j
            if j >= t.n {
                #expect(Double(result[index]) == GEMMOperands.sentinel, "padding of C written at \(i), \(j)")
                continue
            }
            let bound = 2 * Double(t.k + 2) * u * scale[index] + Double.leastNormalMagnitude
            worst = max(worst, abs(Double(result[index]) - expected[index]) / bound)
        }
    }
    #expect(worst <= 1, "\(S.self) \(t): error is \(worst) times the bound")
}

@Suite struct GEMMTests {
    /// Shapes: trivial, single rows and columns, primes, one register tile, and sizes crossing the
    /// tile (6 x 2W), depth (256), row-block (96) and column-block (512 Float, 256 Double)
    /// boundaries, and the direct-path threshold of optimized builds (8³).
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (1, 9, 7), (9, 1, 7), (2, 3, 1), (8, 8, 7), (8, 8, 8), (7, 13, 29), (6, 32, 17),
        (97, 13, 260), (5, 530, 260), (3, 1, 600),
    ]
    static let algorithms: [GEMM.Algorithm] = [.direct, .packed]
    /// Over 2^20 multiply-adds, so on all cores: split by rows (sharing packed B, one with several
    /// column blocks) and by columns. Fewer cases, as debug builds are slow.
    static let parallelShapes: [(Int, Int, Int)] = [(97, 45, 260), (45, 97, 260), (530, 520, 4)]
    static let transposes: [(Bool, Bool)] = [(false, false), (true, false), (false, true), (true, true)]

    /// Float (and Double when asked) by each of `algorithms` against one Double reference.
    static func check(
        _ shape: (Int, Int, Int), _ transpose: (Bool, Bool), double: Bool,
        algorithms: [GEMM.Algorithm] = [.automatic]
    ) {
        let t = GEMMCase(m: shape.0, n: shape.1, k: shape.2, transposeA: transpose.0, transposeB: transpose.1)
        let operands = GEMMOperands(t, seed: UInt64(shape.0 * 1000 + shape.1))
        let reference = operands.reference(t)
        for algorithm in algorithms {
            expectMatchesReference(operands.run(t, as: Float.self, algorithm: algorithm), t, operands, reference)
            if double {
                expectMatchesReference(operands.run(t, as: Double.self, algorithm: algorithm), t, operands, reference)
            }
        }
    }

    @Test(arguments: shapes, transposes)
    func matchesNaiveProduct(shape: (Int, Int, Int), transpose: (Bool, Bool)) {
        Self.check(shape, transpose, double: true, algorithms: Self.algorithms)
    }

    @Test(arguments: parallelShapes, [(false, false), (true, true)])
    func matchesNaiveProductOnAllCores(shape: (Int, Int, Int), transpose: (Bool, Bool)) {
        Self.check(shape, transpose, double: false)
    }

    /// Scalars and leading dimensions wider than the rows, on a shape with edge tiles everywhere.
    @Test(arguments: [(1.0, 0.0), (-0.5, 1.0), (2.0, 2.5), (0.0, -1.5), (0.0, 0.0), (1.0, -1.0)], transposes)
    func honoursAlphaBetaAndLeadingDimensions(scalars: (Double, Double), transpose: (Bool, Bool)) {
        let t = GEMMCase(
            m: 23, n: 41, k: 37, transposeA: transpose.0, transposeB: transpose.1,
            alpha: scalars.0, beta: scalars.1, padA: 3, padB: 5, padC: 7)
        let operands = GEMMOperands(t, seed: 7)
        let reference = operands.reference(t)
        for algorithm in Self.algorithms {
            expectMatchesReference(operands.run(t, as: Double.self, algorithm: algorithm), t, operands, reference)
            expectMatchesReference(operands.run(t, as: Float.self, algorithm: algorithm), t, operands, reference)
        }
    }

    /// An empty inner dimension leaves `beta · C` (zeros when `beta == 0`).
    @Test(arguments: [0.0, 1.0, -2.0])
    func emptyInnerDimensionScalesC(beta: Double) {
        var c: [Double] = [1, 2, .nan, 4]
        let empty = [Double](repeating: 0, count: 1)
        empty.withUnsafeBufferPointer { e in
            GEMM.multiply(
                transposeA: false, transposeB: false, m: 2, n: 2, k: 0, alpha: 1.0, a: e.baseAddress!, lda: 1,
                b: e.baseAddress!, ldb: 2, beta: beta, c: &c, ldc: 2)
        }
        let expected: [Double] = beta == 0 ? [0, 0, 0, 0] : [1, 2, .nan, 4].map { beta * $0 }
        #expect(zip(c, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    /// With `beta == 0`, NaN and infinity in `C` are overwritten, never propagated.
    @Test func betaZeroIgnoresNaNInC() {
        var rng = Xoshiro256(seed: 3)
        for size in [5, 70] {
            let a = Matrix<Float>.uniform(rows: size, columns: 33, using: &rng)
            let b = Matrix<Float>.uniform(rows: 33, columns: size + 3, using: &rng)
            var c = Matrix<Float>(rows: size, columns: size + 3, repeating: .nan)
            c[0, 0] = .infinity
            gemm(a, b, beta: 0, into: &c)
            #expect(c.isFinite)
            #expect(c == matmul(a, b))
        }
    }

    /// With `alpha == 0`, `A` and `B` are not read (NaN there does not reach `C`).
    @Test func alphaZeroDoesNotReadOperands() {
        let a = Matrix<Double>(rows: 8, columns: 9, repeating: .nan)
        var c = Matrix<Double>(rows: 8, columns: 8, repeating: 3)
        gemm(alpha: 0, a, a, transposeB: true, beta: 2, into: &c)
        #expect(c == Matrix(rows: 8, columns: 8, repeating: 6))
    }

    /// Float and Double products agree to Float accuracy on a product with mixed-sign terms.
    @Test func floatAgreesWithDouble() {
        var rng = Xoshiro256(seed: 11)
        let a = Matrix<Double>.normal(rows: 61, columns: 150, using: &rng)
        let b = Matrix<Double>.normal(rows: 150, columns: 45, using: &rng)
        let exact = matmul(a.converted(to: Float.self).converted(to: Double.self),
                           b.converted(to: Float.self).converted(to: Double.self))
        let single = matmul(a.converted(to: Float.self), b.converted(to: Float.self)).converted(to: Double.self)
        // Entries are sums of 150 products of N(0, 1) values: |Σ |a b|| is about 150 · 0.64 ≈ 100, so
        // the dot-product bound 150 · 2^-24 · 100 is about 1e-3; 2e-3 leaves a factor-2 margin.
        #expect(maxAbsoluteDifference(exact, single) < 2e-3)
    }

    /// The split over threads does not change a single bit.
    @Test(arguments: [(false, true), (true, false)])
    func oneThreadAndAllThreadsAgreeBitForBit(transpose: (Bool, Bool)) {
        for shape in Self.parallelShapes {
            let t = GEMMCase(m: shape.0, n: shape.1, k: shape.2, transposeA: transpose.0, transposeB: transpose.1,
                             alpha: 0.75, beta: 0.5)
            let operands = GEMMOperands(t, seed: 5)
            #expect(operands.run(t, as: Float.self, threadLimit: 1) == operands.run(t, as: Float.self))
        }
    }

    /// The direct loops repeat the packed kernel's operations on every element, so the two agree
    /// bit for bit: on edge tiles, across the depth-block boundary (256), with `alpha` and `beta`.
    @Test(arguments: [(7, 45, 300), (13, 6, 513), (1, 33, 257), (30, 2, 40)], transposes)
    func directAndPackedAgreeBitForBit(shape: (Int, Int, Int), transpose: (Bool, Bool)) {
        let t = GEMMCase(m: shape.0, n: shape.1, k: shape.2, transposeA: transpose.0, transposeB: transpose.1,
                         alpha: -1.25, beta: 0.75, padA: 1, padB: 2, padC: 3)
        let operands = GEMMOperands(t, seed: 9)
        #expect(operands.run(t, as: Float.self, algorithm: .direct) == operands.run(t, as: Float.self, algorithm: .packed))
        #expect(operands.run(t, as: Double.self, algorithm: .direct) == operands.run(t, as: Double.self, algorithm: .packed))
    }
}
