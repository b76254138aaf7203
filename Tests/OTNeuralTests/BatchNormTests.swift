import OTKernels
import OTNeural
import Testing
import _OTTestSupport

@Suite struct BatchNormTests {
    @Test func trainingNormalizesAndUpdatesRunningStatistics() {
        var bn = BatchNorm<Double>(features: 2, epsilon: 0, momentum: 0.1)
        // With ε = 0. Feature 0: {1, 2, 3, 6}: mean 3, biased variance (4 + 1 + 0 + 9)/4 = 3.5, unbiased 14/3.
        // Feature 1: {0, 0, 4, 4}: mean 2, biased variance 4, unbiased 16/3.
        let x = Matrix<Double>([[1, 0], [2, 0], [3, 4], [6, 4]])
        let y = bn.forward(x, training: true)
        let s = 3.5.squareRoot()
        let expected = Matrix<Double>([[-2 / s, -1], [-1 / s, -1], [0, 1], [3 / s, 1]])
        #expect(maxAbsoluteDifference(y, expected) < 1e-15)  // one subtraction, one division each
        #expect(maxAbsoluteDifference(bn.runningMean, Matrix([[0.3, 0.2]])) < 1e-16)
        #expect(maxAbsoluteDifference(bn.runningVariance, Matrix([[0.9 + 0.1 * 14 / 3, 0.9 + 0.1 * 16 / 3]])) < 1e-15)
    }

    @Test func evaluationUsesRunningStatistics() {
        var bn = BatchNorm<Double>(channels: 2, height: 1, width: 2, epsilon: 0)
        bn.runningMean = Matrix([[1, -1]])
        bn.runningVariance = Matrix([[4, 0.25]])
        bn.scale.value = Matrix([[2, 3]])
        bn.shift.value = Matrix([[0.5, 0]])
        let y = bn.forward(Matrix([[3, 5, -1, 0]]), training: false)
        // Channel 0: 2·(x − 1)/2 + 0.5; channel 1: 3·(x + 1)/0.5. Exact in binary.
        #expect(y == Matrix([[2.5, 4.5, 0, 6]]))
        #expect(bn.runningMean == Matrix([[1, -1]]))  // evaluation leaves the statistics alone
    }
}
