import OTKernels
import OptimalTransport
import _OTTestSupport
import Testing

@Suite("PointCloud")
struct PointCloudTests {
    let x = Matrix<Double>([[0, 0], [1, 2]]), y = Matrix<Double>([[3, 4], [1, 0], [-1, 1]])

    @Test("Hand-computed costs for every built-in cost, materialized and online")
    func costs() throws {
        let expected: [(CostFunction<Double>, [[Double]])] = [
            (.squaredEuclidean, [[25, 1, 2], [8, 4, 5]]),
            (.euclidean, [[5, 1, Double(2).squareRoot()], [Double(8).squareRoot(), 2, Double(5).squareRoot()]]),
            (.pNorm(3), [[27 + 64, 1, 2], [8 + 8, 8, 8 + 1]]),
        ]
        for (cost, values) in expected {
            for mode in PointCloud<Double>.Mode.allCases {
                let c = try PointCloud(x, y, cost: cost, mode: mode).costMatrix()
                // The dot-product form ‖x‖² + ‖y‖² − 2x·y rounds at ~1e-15 of ‖x‖².
                #expect(maxAbsoluteDifference(c, Matrix(values)) < 1e-13)
            }
        }
        let u = Matrix<Double>([[1, 0]]), v = Matrix<Double>([[0, 2], [-3, 0], [1, 1]])
        let cosine = try PointCloud(u, v, cost: .cosine).costMatrix()
        #expect(maxAbsoluteDifference(cosine, Matrix([[1, 2, 1 - 1 / Double(2).squareRoot()]])) < 1e-15)
    }

    @Test("Mean and max cost: closed form online, exact materialized")
    func statistics() throws {
        let dense = try PointCloud(x, y), online = try PointCloud(x, y, mode: .online)
        // Mean of [25, 1, 2, 8, 4, 5] = 45/6.
        #expect(isClose(dense.meanCost, 7.5, relative: 1e-15))
        #expect(isClose(online.meanCost, 7.5, relative: 1e-14))
        #expect(dense.maxCost == 25)
        #expect(online.maxCost >= 25)
    }

    @Test("A custom cost is called in the order c(x, y)")
    func custom() throws {
        let asymmetric = CostFunction<Double>.custom(CustomCost(name: "first", isSymmetric: false) { p, q in p[0] - 2 * q[0] })
        for mode in PointCloud<Double>.Mode.allCases {
            let c = try PointCloud(x, y, cost: asymmetric, mode: mode).costMatrix()
            #expect(c == Matrix([[-6, -2, 2], [-5, -1, 3]]))
        }
    }

    @Test("Bad geometries throw")
    func badInput() {
        let nan = Matrix<Double>([[0, .nan]]), inf = Matrix<Double>([[.infinity, 0]])
        #expect(throws: OTInputError.self) { try PointCloud(nan, y) }
        #expect(throws: OTInputError.self) { try PointCloud(x, inf) }
        #expect(throws: OTInputError.self) { try PointCloud(Matrix<Double>(rows: 0, columns: 2), y) }
        #expect(throws: OTInputError.self) { try PointCloud(x, Matrix<Double>([[1, 2, 3]])) }
        #expect(throws: OTInputError.self) { try PointCloud(Matrix<Double>([[0, 0]]), y, cost: .cosine) }
        #expect(throws: OTInputError.self) { try PointCloud(x, y, cost: .pNorm(0.5)) }
    }

    @Test("Stored only when worth it: d ≤ 3 recomputed, d ≥ 16 filled by GEMM; same costs and statistics",
          arguments: [2, 3, 4, 20])
    func storage(dimension d: Int) throws {
        var rng = Xoshiro256(seed: UInt64(d))
        let x = Matrix<Double>.normal(rows: 37, columns: d, using: &rng), y = Matrix<Double>.normal(rows: 41, columns: d, using: &rng)
        let dense = try PointCloud(x, y), online = try PointCloud(x, y, mode: .online)
        #expect(dense.storesMatrix == (d > 3))
        #expect(!online.storesMatrix)
        var exact = [Double]()
        for i in 0..<37 {
            for j in 0..<41 { exact.append((0..<d).reduce(0.0) { $0 + (x[i, $1] - y[j, $1]) * (x[i, $1] - y[j, $1]) }) }
        }
        let c = dense.costMatrix()
        // The dot-product form ‖x‖² + ‖y‖² − 2x·y loses ~1e-16 times the norms (~d) to cancellation.
        for (v, e) in zip(c.elements, exact) { #expect(isClose(v, e, absolute: 1e-13)) }
        // Below d = 16 stored and recomputed rows are the same arithmetic; GEMM sums in another order.
        if d < 16 { #expect(c == online.costMatrix()) }
        #expect(isClose(dense.meanCost, exact.reduce(0, +) / Double(exact.count), relative: 1e-14))
        #expect(dense.maxCost == c.elements.max())
    }
}
