import OTKernels
import _OTTestSupport
import Testing

@Suite("LogSumExp")
struct LogSumExpTests {
    /// log Σ exp(z) in Double with the maximum factored out: the oracle.
    func reference(_ z: [Double]) -> Double {
        let m = z.max()!
        return m + Double.log(z.reduce(0) { $0 + Double.exp($1 - m) })
    }

    @Test("Row kernels agree with the Double oracle for every tail length", arguments: [1, 7, 16, 31, 33, 100])
    func rows(count: Int) {
        var rng = Xoshiro256(seed: UInt64(count))
        let z = (0..<count).map { _ in rng.uniform(Double.self) * 300 - 250 }
        let h = (0..<count).map { _ in rng.uniform(Double.self) * 2 }
        let c = (0..<count).map { _ in rng.uniform(Double.self) * 6 }
        let plain = z.withUnsafeBufferPointer { LogSumExp.logSumExp($0.baseAddress!, count: count) }
        // 1e-13 relative: a few roundings in a sum of at most 100 terms ≤ 1.
        #expect(isClose(plain, reference(z), absolute: 1e-13, relative: 1e-13))
        let affine = h.withUnsafeBufferPointer { hp in
            c.withUnsafeBufferPointer { LogSumExp.affine(offsets: hp.baseAddress!, values: $0.baseAddress!, scale: 20, count: count) }
        }
        #expect(isClose(affine, reference(zip(h, c).map { $0 - 20 * $1 }), absolute: 1e-13, relative: 1e-13))
        let zf = z.map(Float.init)
        let single = zf.withUnsafeBufferPointer { LogSumExp.logSumExp($0.baseAddress!, count: count) }
        // Float: ~1e-6 relative to the magnitude (the largest argument is up to 50 in size).
        #expect(isClose(Double(single), reference(zf.map(Double.init)), absolute: 1e-5, relative: 1e-6))
    }

    @Test("Shifted exponentials: every term and the sum match Double; underflow gives 0, −∞ offsets 0",
          arguments: [1, 7, 16, 31, 33, 100])
    func shifted(count: Int) {
        var rng = Xoshiro256(seed: 100 + UInt64(count))
        // h − 20 c + t spans about [−140, 10]: terms from far below Float's range up to e^10.
        var h = (0..<count).map { _ in Float(rng.uniform(Double.self) * 20 - 10) }
        let c = (0..<count).map { _ in Float(rng.uniform(Double.self) * 6) }
        h[count / 2] = -.infinity
        let t: Float = 5
        var out = [Float](repeating: .nan, count: count)
        let sum = h.withUnsafeBufferPointer { hp in
            c.withUnsafeBufferPointer { cp in
                out.withUnsafeMutableBufferPointer {
                    LogSumExp.shiftedExponentials(offsets: hp.baseAddress!, values: cp.baseAddress!, scale: 20, shift: t,
                                                  count: count, into: $0.baseAddress!)
                }
            }
        }
        var total = 0.0
        for j in 0..<count {
            // The argument is rounded once or twice in Float (|z| ≤ 140: 1e-5 absolute), then exp
            // is within 2 ulp: 2e-5 relative bounds both.
            let z = Double(h[j]) - 20 * Double(c[j]) + Double(t), exact = Double.exp(z)
            if z < -87.4 {
                #expect(out[j] == 0)  // below the smallest normal Float: flushed
            } else if z > -87.3 {
                #expect(isClose(Double(out[j]), exact, relative: 2e-5))
                total += exact
            }
        }
        #expect(out[count / 2] == 0)
        // A Float sum of at most 100 terms: 2e-5 relative as for each term.
        #expect(isClose(Double(sum), total, absolute: 1e-30, relative: 2e-5))
    }

    @Test("Huge arguments do not overflow; −∞ rows give −∞; NaN propagates; +∞ gives +∞")
    func special() {
        let big = Matrix<Float>([[1000, 1000, -.infinity], [-.infinity, -.infinity, -.infinity],
                                 [0, .nan, 1], [0, .infinity, 1]])
        let r = big.logSumExpRows()
        // log 2 added to 1000 in Float: 1e-4 is a few ulp at 1000.
        #expect(abs(r[0] - (1000 + Float.log(2))) < 1e-4)
        #expect(r[1] == -.infinity)
        #expect(r[2].isNaN)
        #expect(r[3] == .infinity)
        let c = big.transposed().logSumExpColumns()
        #expect(abs(c[0] - (1000 + Float.log(2))) < 1e-4)
        #expect(c[1] == -.infinity)
        #expect(c[2].isNaN)
        #expect(c[3] == .infinity)
    }

    @Test("Matrix API: columns equal rows of the transpose; softmax sums to 1 and matches the oracle")
    func matrixAPI() {
        var rng = Xoshiro256(seed: 7)
        let x = Matrix<Double>.normal(rows: 37, columns: 53, standardDeviation: 10, using: &rng)
        let rows = x.logSumExpRows()
        for i in 0..<x.rows {
            // Same bound as the row kernel test.
            #expect(isClose(rows[i], reference(x.row(i)), relative: 1e-13))
        }
        let columns = x.logSumExpColumns(), viaTranspose = x.transposed().logSumExpRows()
        for j in 0..<x.columns { #expect(isClose(columns[j], viaTranspose[j], absolute: 1e-12, relative: 1e-13)) }
        let sr = x.softmaxRows(), sc = x.softmaxColumns()
        for i in 0..<x.rows {
            // A sum of 53 probabilities: 1e-13 covers the roundings.
            #expect(abs(sr.row(i).reduce(0, +) - 1) < 1e-13)
            for j in 0..<x.columns {
                #expect(isClose(sr[i, j], Double.exp(x[i, j] - rows[i]), absolute: 1e-300, relative: 1e-13))
            }
        }
        for j in 0..<x.columns { #expect(abs(sc.column(j).reduce(0, +) - 1) < 1e-13) }
    }

    @Test("Large matrices split over threads give the same values as one row at a time")
    func parallel() {
        var rng = Xoshiro256(seed: 3)
        let x = Matrix<Float>.uniform(rows: 300, columns: 500, in: -50..<10, using: &rng)
        let all = x.logSumExpRows()
        for i in stride(from: 0, to: 300, by: 37) {
            let one = x.rows(i..<(i + 1)).logSumExpRows()[0]
            #expect(one == all[i])  // the same kernel on the same row: bit-identical
        }
    }
}
