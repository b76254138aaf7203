import OTKernels
import Testing

@Suite("VectorExp")
struct VectorExpTests {
    /// Units in the last place between two positive normal floats.
    func ulps(_ a: Float, _ b: Float) -> Int {
        Int(a.bitPattern) - Int(b.bitPattern) < 0 ? Int(b.bitPattern) - Int(a.bitPattern) : Int(a.bitPattern) - Int(b.bitPattern)
    }

    @Test("Float: within 2 ulp of expf wherever the result is normal")
    func floatAccuracy() {
        var worst = 0
        // A dense sweep of the whole normal range (-87.33, 88.72) plus the neighbourhood of 0.
        var xs = stride(from: Float(-87.3), through: 88.7, by: 0.0137).map { $0 }
        xs += stride(from: Float(-1e-3), through: 1e-3, by: 1.3e-6).map { $0 }
        var i = 0
        while i < xs.count {
            var v = SIMD16<Float>(repeating: 0)
            for lane in 0..<16 { v[lane] = xs[min(i + lane, xs.count - 1)] }
            let e = VectorExp.exp(v)
            for lane in 0..<16 { worst = max(worst, ulps(e[lane], Float.exp(v[lane]))) }
            i += 16
        }
        // 2 ulp: the polynomial's own error is 2e-9 (0.03 ulp); the rest is float rounding in Horner.
        #expect(worst <= 2)
    }

    @Test("Double: relative error below 1e-15 against the C library")
    func doubleAccuracy() {
        var worst = 0.0
        for x in stride(from: -708.0, through: 709.0, by: 0.0731) {
            var v = SIMD8<Double>(repeating: x)
            for lane in 0..<8 { v[lane] = x + Double(lane) * 0.009 }
            let e = VectorExp.exp(v)
            for lane in 0..<8 {
                let reference = Double.exp(v[lane])
                worst = max(worst, abs(e[lane] - reference) / reference)
            }
        }
        // 1e-15 is ~4.5 ulp: truncation 2e-16 plus Horner and scaling roundings.
        #expect(worst < 1e-15)
    }

    @Test("Edge cases: underflow to 0, overflow to infinity, NaN propagates, exp(0) = 1")
    func edges() {
        let f = VectorExp.exp(SIMD16<Float>(
            -.infinity, -1e30, -200, -88, .infinity, 1e30, 89, 88.8, .nan, 0, -0.0, 1, -1, 88.7, -87.3, 10))
        #expect(f[0] == 0 && f[1] == 0 && f[2] == 0 && f[3] == 0)
        #expect(f[4] == .infinity && f[5] == .infinity && f[6] == .infinity && f[7] == .infinity)
        #expect(f[8].isNaN)
        #expect(f[9] == 1 && f[10] == 1)
        #expect(f[13].isFinite && f[14] > 0)
        let d = VectorExp.exp(SIMD8<Double>(-.infinity, -800, .infinity, 720, .nan, 0, 709.7, -708))
        #expect(d[0] == 0 && d[1] == 0)
        #expect(d[2] == .infinity && d[3] == .infinity)
        #expect(d[4].isNaN)
        #expect(d[5] == 1)
        #expect(d[6].isFinite && d[7] > 0)
    }

    @Test("Below overflow: bit for bit the full-range exp for x < 88.376 (Float) / 709.436 (Double), +∞ above")
    func belowOverflow() {
        // Float: the whole range in steps of 0.0137, plus the edges of the finite range.
        var xs = stride(from: Float(-100), through: 100, by: 0.0137).map { $0 }
        xs += [-.infinity, .infinity, .nan, -87.336_55, -87.336_53, 88.375, 88.377, 88.7, 89, -0.0, 0]
        var i = 0
        while i < xs.count {
            var v = SIMD16<Float>(repeating: 0)
            for lane in 0..<16 { v[lane] = xs[min(i + lane, xs.count - 1)] }
            let fast = VectorExp.expBelowOverflow(v), full = VectorExp.exp(v)
            for lane in 0..<16 {
                let x = v[lane]
                if x.isNaN {
                    #expect(fast[lane].isNaN)
                } else if x < 88.37 {
                    // Multiplying by 2^k (k ≤ 127) in one or two steps is exact while the result is normal.
                    #expect(fast[lane] == full[lane], "x = \(x)")
                } else if x > 88.38 {
                    // k = 128: the exponent field is all ones.
                    #expect(fast[lane] == .infinity, "x = \(x)")
                }
            }
            i += 16
        }
        // Double: the same over its range.
        let ds: [Double] = [-.infinity, -800, -708.3964, -708.39, -1, 0, 1e-9, 300, 709.4, 709.437, 709.7, 720, .infinity]
        for start in stride(from: 0, to: ds.count, by: 8) {
            var v = SIMD8<Double>(repeating: 0)
            for lane in 0..<8 { v[lane] = ds[min(start + lane, ds.count - 1)] }
            let fast = VectorExp.expBelowOverflow(v), full = VectorExp.exp(v)
            for lane in 0..<8 {
                #expect(v[lane] < 709.43 ? fast[lane] == full[lane] : fast[lane] == .infinity, "x = \(v[lane])")
            }
        }
    }

    @Test("In place over a buffer whose length is not a multiple of the vector width",
          arguments: [1, 15, 16, 17, 40])
    func inPlace(count: Int) {
        var values = (0..<count).map { Double($0) * 0.37 - 5 }
        let expected = values.map { Double.exp($0) }
        values.withUnsafeMutableBufferPointer { VectorExp.exp(inPlace: $0) }
        for (v, e) in zip(values, expected) {
            // Same 1e-15 bound as the accuracy test.
            #expect(abs(v - e) <= 1e-15 * e)
        }
    }
}
