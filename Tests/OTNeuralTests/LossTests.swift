import OTKernels
import OTNeural
import Testing
import _OTTestSupport

@Suite struct LossTests {
    // Tolerance for gradient checks: see `expectGradientsMatch`; these losses are O(1) and smooth.
    let gradientTolerance = 1e-8

    @Test func meanSquaredErrorValueAndGradient() {
        let (value, gradient) = Loss.meanSquaredError(Matrix<Double>([[1, 2], [0, -1]]), Matrix([[0, 0], [0, 1]]))
        // (1 + 4 + 0 + 4) / 4 and 2 (p − t) / 4, exact in binary.
        #expect(value == 2.25)
        #expect(gradient == Matrix([[0.5, 1], [0, -1]]))
        var rng = Xoshiro256(seed: 1)
        let p = Matrix<Double>.normal(rows: 3, columns: 4, using: &rng), t = Matrix<Double>.normal(rows: 3, columns: 4, using: &rng)
        let numeric = finiteDifferenceGradient(of: { Loss.meanSquaredError($0, t).value }, at: p)
        #expect(maxAbsoluteDifference(Loss.meanSquaredError(p, t).gradient, numeric) < gradientTolerance)
    }

    @Test func binaryCrossEntropyWithLogitsClosedForms() {
        // σ(0) = ½ whatever the target: ℓ = ln 2, ∂ℓ/∂z = (½ − t)/N.
        let (value, gradient) = Loss.binaryCrossEntropyWithLogits(Matrix<Double>([[0, 0]]), targets: Matrix([[1, 0.25]]))
        #expect(isClose(value, Double.log(2), relative: 1e-15))  // one rounding in log1p(1)
        #expect(gradient == Matrix([[-0.25, 0.125]]))
        // Saturated logits: ℓ(800, 0) = ℓ(−800, 1) = 800 + log1p(e^−800) = 800 exactly; a naive log σ gives ∞.
        let far = Loss.binaryCrossEntropyWithLogits(Matrix<Double>([[800, -800]]), targets: Matrix([[0, 1]]))
        #expect(far.value == 800)
        #expect(far.gradient == Matrix([[0.5, -0.5]]))
    }

    @Test func binaryCrossEntropyGradientMatchesFiniteDifferences() {
        var rng = Xoshiro256(seed: 2)
        let z = Matrix<Double>.normal(rows: 3, columns: 4, standardDeviation: 3, using: &rng)
        let t = Matrix<Double>.uniform(rows: 3, columns: 4, using: &rng)
        let numeric = finiteDifferenceGradient(of: { Loss.binaryCrossEntropyWithLogits($0, targets: t).value }, at: z)
        #expect(maxAbsoluteDifference(Loss.binaryCrossEntropyWithLogits(z, targets: t).gradient, numeric) < gradientTolerance)
    }

    @Test func softmaxCrossEntropyClosedForms() {
        // Equal logits: softmax is uniform over k = 4, L = ln 4, gradient (¼ − onehot)/n.
        let (value, gradient) = Loss.softmaxCrossEntropy(Matrix<Double>(rows: 2, columns: 4, repeating: 3), labels: [1, 3])
        #expect(isClose(value, Double.log(4), relative: 1e-15))  // ln of a sum of exact ones
        // exp(−ln 4) of a rounded ln 4 lands within 2 ulps of ¼.
        #expect(maxAbsoluteDifference(gradient, Matrix([[0.125, -0.375, 0.125, 0.125], [0.125, 0.125, 0.125, -0.375]])) < 1e-16)
        // Logits 1000 apart: no overflow; L = (0 + 1000) / 2 up to e^−1000, which underflows to 0.
        let far = Loss.softmaxCrossEntropy(Matrix<Double>([[1000, 0], [1000, 0]]), labels: [0, 1])
        #expect(far.value == 500)
        #expect(far.gradient == Matrix([[0, 0], [0.5, -0.5]]))
    }

    @Test func softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        var rng = Xoshiro256(seed: 3)
        let z = Matrix<Double>.normal(rows: 4, columns: 5, standardDeviation: 2, using: &rng)
        let labels = [0, 4, 2, 2]
        let numeric = finiteDifferenceGradient(of: { Loss.softmaxCrossEntropy($0, labels: labels).value }, at: z)
        #expect(maxAbsoluteDifference(Loss.softmaxCrossEntropy(z, labels: labels).gradient, numeric) < gradientTolerance)
    }
}
