import OTKernels
@testable import OTGenerative

/// Seeded fixtures shared by the deep-linear suites.
enum DeepLinearFixtures {
    /// A random target of dimension `d` with smallest eigenvalue `1/d + shift`.
    static func target(dimension d: Int, shift: Double = 0.5, seed: UInt64 = 7) -> BuresLinearTarget {
        var generator = Xoshiro256(seed: seed)
        return BuresLinearTarget.random(dimension: d, leadingEigenvalue: 4, minimumEigenvalueShift: shift,
                                        using: &generator)
    }

    /// A standard Gaussian `rows x columns` matrix scaled by `scale`.
    static func gaussian(rows: Int, columns: Int, scale: Double = 1, seed: UInt64) -> Matrix<Double> {
        var generator = Xoshiro256(seed: seed)
        return Matrix<Double>.normal(rows: rows, columns: columns, standardDeviation: scale, using: &generator)
    }

    /// Random layers over `widths`.
    static func network(widths: [Int], seed: UInt64) throws -> DeepLinearNetwork {
        try DeepLinearNetwork(layers: (1..<widths.count).map {
            gaussian(rows: widths[$0], columns: widths[$0 - 1], scale: 0.7, seed: seed &+ UInt64($0))
        })
    }
}
