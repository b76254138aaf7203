import OTKernels
import Testing
import _OTTestSupport

/// Matrices with a known spectrum, built independently of the code under test (Gram-Schmidt and
/// the reference GEMM only), for the linear-algebra suites.
enum LinearAlgebraFixtures {
    /// A random `n x n` orthogonal matrix: modified Gram-Schmidt, applied twice, on the columns of a
    /// Gaussian matrix (orthogonal to about 1e-15).
    static func randomOrthogonal(_ n: Int, seed: UInt64) -> Matrix<Double> {
        var rng = Xoshiro256(seed: seed)
        // Row j holds column j of Q while it is orthogonalized (contiguous, fast in a debug build).
        var columns = (0..<(n * n)).map { _ in rng.normal(Double.self) }
        columns.withUnsafeMutableBufferPointer { buffer in
            let c = buffer.baseAddress!
            for j in 0..<n {
                let cj = c + j * n
                for _ in 0..<2 {
                    for i in 0..<j {
                        let ci = c + i * n
                        var t = 0.0
                        for r in 0..<n { t += ci[r] * cj[r] }
                        for r in 0..<n { cj[r] -= t * ci[r] }
                    }
                }
                var norm = 0.0
                for r in 0..<n { norm += cj[r] * cj[r] }
                norm = norm.squareRoot()
                for r in 0..<n { cj[r] /= norm }
            }
        }
        return Matrix(rows: n, columns: n, elements: columns).transposed()
    }

    /// The first `k` columns of `q`.
    static func leadingColumns(_ q: Matrix<Double>, _ k: Int) -> Matrix<Double> {
        Matrix(rows: q.rows, columns: k) { i, j in q[i, j] }
    }

    /// `Q diag(spectrum) Qᵀ`, exactly symmetrized.
    static func symmetric(_ q: Matrix<Double>, spectrum: [Double]) -> Matrix<Double> {
        let a = matmul(matmul(q, Matrix.diagonal(spectrum)), q, transposeB: true)
        return Matrix(rows: a.rows, columns: a.columns) { i, j in 0.5 * (a[i, j] + a[j, i]) }
    }

    /// `U diag(σ) Vᵀ` from `m x k` and `n x k` factors with orthonormal columns.
    static func product(_ u: Matrix<Double>, _ sigma: [Double], _ v: Matrix<Double>) -> Matrix<Double> {
        matmul(matmul(u, Matrix.diagonal(sigma)), v, transposeB: true)
    }

    /// `max_ij |(XᵀX − I)_ij|`: how far the columns of `x` are from orthonormal.
    static func orthonormalityError<S: OTScalar>(columnsOf x: Matrix<S>) -> S {
        maxAbsoluteDifference(matmul(x, x, transposeA: true), Matrix.identity(x.columns))
    }

    /// `max_ij |A_ij|`.
    static func maxAbs<S: OTScalar>(_ a: Matrix<S>) -> S { a.elements.reduce(0) { max($0, abs($1)) } }
}

/// Checks of the fixtures themselves, so a failure elsewhere cannot come from them.
@Suite struct LinearAlgebraFixtureTests {
    @Test func randomOrthogonalIsOrthogonal() {
        let q = LinearAlgebraFixtures.randomOrthogonal(30, seed: 1)
        // Two passes of Gram-Schmidt leave O(n ε) ≈ 1e-14 of non-orthogonality at most.
        #expect(LinearAlgebraFixtures.orthonormalityError(columnsOf: q) < 1e-14)
        #expect(LinearAlgebraFixtures.orthonormalityError(columnsOf: q.transposed()) < 1e-14)
    }
}
