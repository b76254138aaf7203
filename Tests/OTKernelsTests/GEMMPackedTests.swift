@testable import OTKernels
import Testing

/// Products on operands packed once (``GEMM/PackedOperand``) repeat the unpacked product's
/// arithmetic, so they must agree with it bit for bit, on any column range that starts at a panel.
@Suite struct GEMMPackedTests {
    /// `alpha · A · B[j0 ..< j1]ᵀ + beta · C` with `B` stored `n x k`, unpacked, as the reference.
    static func unpacked<S: OTScalar>(
        _ a: [S], _ b: [S], m: Int, n: Int, k: Int, alpha: S, beta: S, c: [S], columns: Range<Int>,
        threadLimit: Int
    ) -> [S] {
        var c = c
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    GEMM.multiply(
                        transposeA: false, transposeB: true, m: m, n: columns.count, k: k, alpha: alpha,
                        a: pa.baseAddress!, lda: k, b: pb.baseAddress! + columns.lowerBound * k, ldb: k, beta: beta,
                        c: pc.baseAddress!, ldc: columns.count, threadLimit: threadLimit, algorithm: .packed)
                }
            }
        }
        return c
    }

    static func check<S: OTScalar>(_: S.Type, m: Int, n: Int, k: Int, columns: Range<Int>, threadLimit: Int) {
        var rng = Xoshiro256(seed: UInt64(m * 1000 + n * 10 + k))
        let a = (0..<(m * k)).map { _ in S(2 * rng.uniform(Double.self) - 1) }
        let b = (0..<(n * k)).map { _ in S(2 * rng.uniform(Double.self) - 1) }
        let c = (0..<(m * columns.count)).map { _ in S(rng.uniform(Double.self)) }
        let alpha: S = -1.25, beta: S = 0.5
        let left = a.withUnsafeBufferPointer { GEMM.packLeft(rows: m, depth: k, alpha: alpha, a: $0.baseAddress!, lda: k) }
        let right = b.withUnsafeBufferPointer { GEMM.packRight(columns: n, depth: k, transposedB: $0.baseAddress!, ldb: k) }
        #expect(left.side == .left && left.extent == m && left.depth == k)
        #expect(right.side == .right && right.extent == n && right.depth == k)
        var packed = c
        packed.withUnsafeMutableBufferPointer {
            GEMM.multiply(left, right, columns: columns, beta: beta, c: $0.baseAddress!, ldc: columns.count,
                          threadLimit: threadLimit)
        }
        let expected = unpacked(a, b, m: m, n: n, k: k, alpha: alpha, beta: beta, c: c, columns: columns,
                                threadLimit: threadLimit)
        #expect(packed == expected, "\(S.self) \(m)x\(n)x\(k) columns \(columns) threads \(threadLimit)")
    }

    /// Edge tiles (rows not a multiple of 6, a partial last panel), several depth blocks (256),
    /// ranges that start inside the operand, one thread and all of them.
    @Test(arguments: [(7, 45, 300), (13, 70, 513), (1, 33, 257), (25, 100, 530), (30, 5, 40)])
    func agreesWithUnpackedBitForBit(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        for threads in [1, Parallel.threadCount] {
            for (type, width) in [(0, GEMM.panelWidth(for: Float.self)), (1, GEMM.panelWidth(for: Double.self))] {
                var ranges = [0..<n]
                if n > width { ranges += [width..<n, 0..<(n - 1), width..<min(n, 3 * width)] }
                for columns in ranges {
                    if type == 0 {
                        Self.check(Float.self, m: m, n: n, k: k, columns: columns, threadLimit: threads)
                    } else {
                        Self.check(Double.self, m: m, n: n, k: k, columns: columns, threadLimit: threads)
                    }
                }
            }
        }
    }

    /// Panels hold two of the micro-kernel's vectors.
    @Test func panelWidthIsTwoKernelVectors() {
        #expect(GEMM.panelWidth(for: Float.self) == 2 * KernelVectors.FloatVector.scalarCount)
        #expect(GEMM.panelWidth(for: Double.self) == 2 * KernelVectors.DoubleVector.scalarCount)
    }
}
