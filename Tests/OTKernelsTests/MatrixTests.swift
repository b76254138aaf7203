import OTKernels
import Testing

@Suite struct MatrixTests {
    @Test func transposeSwapsIndices() {
        let a = Matrix<Double>(rows: 37, columns: 45) { i, j in Double(i * 100 + j) }
        let t = a.transposed()
        #expect(t.rows == 45 && t.columns == 37)
        for i in 0..<37 { for j in 0..<45 { #expect(t[j, i] == a[i, j]) } }
    }

    @Test func largeTransposeSplitOverThreadsSwapsIndices() {
        // 100 x 6000 is above the parallel threshold (2^18 / 100 output rows per block), so the
        // output rows are split into blocks; every element must still land at its transposed place.
        let a = Matrix<Float>(rows: 100, columns: 6000) { i, j in Float(i * 6000 + j) }
        let t = a.transposed()
        #expect(t.rows == 6000 && t.columns == 100)
        var mismatches = 0
        for i in 0..<100 { for j in 0..<6000 where t[j, i] != a[i, j] { mismatches += 1 } }
        #expect(mismatches == 0)
    }

    @Test func matmulMatchesHandComputedProduct() {
        let a = Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        let b = Matrix<Double>([[7, 8], [9, 10], [11, 12]])
        #expect(matmul(a, b) == Matrix([[58, 64], [139, 154]]))
        #expect(matmul(a, a, transposeB: true) == Matrix([[14, 32], [32, 77]]))
        #expect(matmul(a, a, transposeA: true) == Matrix([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
    }

    @Test func seededGeneratorIsReproducible() {
        var g1 = Xoshiro256(seed: 42), g2 = Xoshiro256(seed: 42)
        #expect((0..<10).map { _ in g1.next() } == (0..<10).map { _ in g2.next() })
    }
}
