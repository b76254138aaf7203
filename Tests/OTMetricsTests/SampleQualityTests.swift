import OTKernels
import OTMetrics
import Testing
import _OTTestSupport

@Suite struct SampleQualityTests {
    // Tolerance 1e-12: every figure is a handful of Double operations on exact fractions.
    let tol = 1e-12

    @Test func handBuiltProbabilities() throws {
        let p = Matrix<Double>([
            [0.7, 0.2, 0.1],
            [0.1, 0.8, 0.1],
            [0.6, 0.3, 0.1],
            [0.2, 0.2, 0.6],
        ])
        let q = try SampleQuality(probabilities: p)
        #expect(q.sampleCount == 4)
        #expect(q.classHistogram == [2, 1, 1])
        #expect(q.classFractions == [0.5, 0.25, 0.25])
        #expect(isClose(q.meanConfidence, (0.7 + 0.8 + 0.6 + 0.6) / 4, absolute: tol))
        // −(½ ln ½ + 2 · ¼ ln ¼) = ½ ln 2 + ln 2 = 1.5 ln 2.
        #expect(isClose(q.entropy, 1.5 * Double.log(2), absolute: tol))
        #expect(isClose(q.normalizedEntropy, 1.5 * Double.log(2) / Double.log(3), absolute: tol))
        #expect(q.leastFrequentClass == 1)  // classes 1 and 2 tie; the smaller index wins
        #expect(q.leastFrequentClassFraction == 0.25)
    }

    @Test func uniformHistogramHasEntropyLogTen() throws {
        // 30 samples, three per class, each with confidence 0.91 (0.01 on the nine others).
        let p = Matrix<Double>(rows: 30, columns: 10) { i, j in j == i % 10 ? 0.91 : 0.01 }
        let q = try SampleQuality(probabilities: p)
        #expect(q.classHistogram == [Int](repeating: 3, count: 10))
        #expect(isClose(q.entropy, Double.log(10), absolute: tol))
        #expect(isClose(q.normalizedEntropy, 1, absolute: tol))
        #expect(isClose(q.meanConfidence, 0.91, absolute: tol))
        #expect(isClose(q.leastFrequentClassFraction, 0.1, absolute: tol))
    }

    @Test func collapsedSamplesHaveZeroEntropy() throws {
        let p = Matrix<Float>(rows: 5, columns: 10) { _, j in j == 7 ? 1 : 0 }
        let q = try SampleQuality(probabilities: p)
        #expect(q.classHistogram == [0, 0, 0, 0, 0, 0, 0, 5, 0, 0])
        #expect(q.entropy == 0 && q.normalizedEntropy == 0)
        #expect(q.meanConfidence == 1)
        #expect(q.leastFrequentClass == 0 && q.leastFrequentClassFraction == 0)
    }

    @Test func logitsGoThroughSoftmax() throws {
        // softmax(ln 1, ln 3) = (1/4, 3/4); softmax(ln 2, 0) = (2/3, 1/3).
        let q = try SampleQuality(logits: Matrix<Double>([[0, Double.log(3)], [Double.log(2), 0]]))
        #expect(q.classHistogram == [1, 1])
        // 1e-12: two exponentials and divisions in Double.
        #expect(isClose(q.meanConfidence, (0.75 + 2.0 / 3) / 2, absolute: tol))
        #expect(isClose(q.entropy, Double.log(2), absolute: tol))
    }

    @Test func rejectsWhatIsNotAProbabilityMatrix() {
        #expect(throws: MetricsInputError.self) {
            try SampleQuality(probabilities: Matrix<Double>(rows: 0, columns: 10))
        }
        #expect(throws: MetricsInputError.self) { try SampleQuality(probabilities: Matrix<Double>([[1], [1]])) }
        #expect(throws: MetricsInputError.self) { try SampleQuality(probabilities: Matrix<Double>([[0.5, 0.6]])) }
        #expect(throws: MetricsInputError.self) { try SampleQuality(probabilities: Matrix<Double>([[1.5, -0.5]])) }
        #expect(throws: MetricsInputError.self) { try SampleQuality(probabilities: Matrix<Double>([[.nan, 1]])) }
        #expect(throws: MetricsInputError.self) { try SampleQuality(logits: Matrix<Double>([[.infinity, 0]])) }
    }
}
