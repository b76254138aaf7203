import OTKernels
import OTNeural
import Testing
import _OTTestSupport

/// `Σ a ⊙ b`.
func dot(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
    zip(a.elements, b.elements).reduce(0) { $0 + $1.0 * $1.1 }
}

/// The largest absolute element, at least `floor`.
func scale(_ m: Matrix<Double>, floor: Double = 1) -> Double {
    m.elements.reduce(floor) { max($0, abs($1)) }
}

/// Checks `layer`'s backward pass against central finite differences of the scalar
/// `L(x, θ) = ⟨forward(x), R⟩` for a fixed random `R`: the returned input gradient and every
/// accumulated parameter gradient.
///
/// Tolerance: central differences with h = 1e-6 have truncation error ~h²·|L‴| ≈ 1e-12 and rounding
/// error ~ε·|L|/h ≈ 1e-10·|L|; for these small layers |L| ≲ 100, so 1e-7 relative to the gradient
/// scale passes a correct backward and fails any wrong term (wrong terms are O(1)).
func expectGradientsMatch<L: Layer>(
    _ layer: L, input x: Matrix<Double>, training: Bool = true, seed: UInt64 = 7,
    sourceLocation: SourceLocation = #_sourceLocation
) where L.Scalar == Double {
    var rng = Xoshiro256(seed: seed)
    var probe = layer
    let outputShape = probe.forward(x, training: training).shape
    let upstream = Matrix<Double>.normal(rows: outputShape.rows, columns: outputShape.columns, using: &rng)

    var analytic = layer
    analytic.zeroGradients()
    _ = analytic.forward(x, training: training)
    let gradInput = analytic.backward(upstream)

    let numericInput = finiteDifferenceGradient(of: { xx in
        var copy = layer
        return dot(copy.forward(xx, training: training), upstream)
    }, at: x)
    let inputError = maxAbsoluteDifference(gradInput, numericInput) / scale(numericInput)
    #expect(inputError < 1e-7, "\(layer.architecture): input gradient relative error \(inputError)",
            sourceLocation: sourceLocation)

    for (index, entry) in analytic.parameters.enumerated() {
        let numeric = finiteDifferenceGradient(of: { theta in
            var copy = layer
            var k = 0
            copy.updateParameters { _, p in
                if k == index { p.value = theta }
                k += 1
            }
            return dot(copy.forward(x, training: training), upstream)
        }, at: layer.parameters[index].parameter.value)
        let error = maxAbsoluteDifference(entry.parameter.gradient, numeric) / scale(numeric)
        #expect(error < 1e-7, "\(layer.architecture): gradient of \(entry.name) relative error \(error)",
                sourceLocation: sourceLocation)
    }
}
