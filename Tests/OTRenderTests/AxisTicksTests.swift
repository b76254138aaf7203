import Foundation
import OTKernels
import OTRender
import Testing

@Suite struct AxisTicksTests {
    @Test func handComputedLinearTicks() {
        // span 1, target 6: raw step 1/6 -> 0.2.
        let unit = AxisTicks.nice(0, 1)
        #expect(unit.major == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(unit.labels == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(unit.domain == 0...1)
        // span 15.8, target 5: raw step 3.16 -> 5; the domain widens to -5 ... 15.
        let wide = AxisTicks.nice(-3.7, 12.1, targetCount: 5)
        #expect(wide.major == [-5, 0, 5, 10, 15])
        #expect(wide.domain == -5...15)
        // Decimal ticks are the doubles nearest their decimal value: 0.3, not 0.30000000000000004.
        let tenths = AxisTicks.nice(0.1, 0.7)
        #expect(tenths.major == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
        #expect(tenths.labels[2] == "0.3")
        // A fixed range keeps its limits and only the ticks inside.
        let fixed = AxisTicks.nice(0.05, 0.97, expand: false)
        #expect(fixed.domain == 0.05...0.97 && fixed.major.first == 0.2 && fixed.major.last == 0.8)
        // Large magnitudes switch to exponent notation.
        #expect(AxisTicks.nice(0, 1e7).labels == ["0", "2e6", "4e6", "6e6", "8e6", "1e7"])
        // A single value is widened around itself.
        #expect(AxisTicks.nice(3, 3).domain.contains(3) && AxisTicks.nice(3, 3).major.count >= 3)
    }

    @Test func randomRangesGetNiceCoveringTicks() {
        var rng = Xoshiro256(seed: 5)
        for _ in 0..<500 {
            // Magnitudes 1e-6 ... 1e6, spans from 1e-6 of the magnitude up: narrower ranges far from
            // zero exceed what a double can tick (the step drowns in the rounding of the values).
            let magnitude = pow(10, rng.uniform(Double.self) * 12 - 6)
            let center = (rng.uniform(Double.self) - 0.5) * magnitude
            let span = magnitude * pow(10, rng.uniform(Double.self) * 8 - 6)
            let (lo, hi) = (center - span * rng.uniform(Double.self), center + span * rng.uniform(Double.self))
            let ticks = AxisTicks.nice(lo, hi)
            // Covering: the first and last ticks bound the data, and the domain is exactly them.
            #expect(ticks.major.first! <= lo && ticks.major.last! >= hi)
            #expect(ticks.domain == ticks.major.first!...ticks.major.last!)
            // Between target/2.5 and 2 * target + 1 intervals: steps 1, 2, 5 are at most 2.5x apart.
            #expect((3...14).contains(ticks.major.count))
            // Nice: the step is m * 10^e with m in {1, 2, 5}, and tick i is (k0 + i) * step for an
            // integer k0. The step estimate is off by far less than 1e-6 relative, so rounding m is
            // exact; each tick may differ from the decimal k * m * 10^e by a few ulps (1e-12 relative).
            let estimate = (ticks.major.last! - ticks.major.first!) / Double(ticks.major.count - 1)
            var e = floor(log10(estimate))
            var m = (estimate / pow(10, e)).rounded()
            if m == 10 { (m, e) = (1, e + 1) }
            #expect([1.0, 2, 5].contains(m))
            let step = m * pow(10, e)
            let k0 = (ticks.major[0] / step).rounded()
            for (i, t) in ticks.major.enumerated() {
                let exact = (k0 + Double(i)) * step
                #expect(abs(t - exact) <= 1e-12 * Swift.max(abs(t), step))
            }
            #expect(Set(ticks.labels).count == ticks.labels.count)
        }
    }

    @Test func logarithmicTicksAreDecades() {
        let ticks = AxisTicks.nice(0.026, 2.5, scale: .logarithmic)
        #expect(ticks.major == [0.01, 0.1, 1, 10])
        #expect(ticks.labels == ["0.01", "0.1", "1", "10"])
        #expect(ticks.domain == 0.01...10)
        // 2 ... 9 times each decade inside the domain: 8 per decade, three decades.
        #expect(ticks.minor.count == 24 && ticks.minor.contains(0.02) && ticks.minor.contains(9))
        // Far decades use superscript exponents; many decades are thinned to every other one.
        let wide = AxisTicks.nice(1e-9, 1e6, scale: .logarithmic)
        #expect(wide.major.count <= 9 && wide.labels.contains("10⁻⁸"))
        // Less than a decade with fixed limits: 1-2-5 ticks.
        #expect(AxisTicks.nice(1.5, 6, scale: .logarithmic, expand: false).major == [2, 5])
        // Nothing positive: a default decade.
        #expect(AxisTicks.nice(-3, -1, scale: .logarithmic).domain == 1...10)
    }
}
