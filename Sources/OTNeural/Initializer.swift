import OTKernels

/// How a weight tensor is filled before training. `fanIn`/`fanOut` are the numbers of inputs and
/// outputs feeding one unit (for a convolution, channels times kernel area).
public enum Initializer: Sendable, Equatable {
    /// Glorot/Xavier uniform: `U(−a, a)` with `a = √(6 / (fanIn + fanOut))`, variance `2 / (fanIn + fanOut)`.
    case glorotUniform
    /// He/Kaiming normal for ReLU networks: `N(0, 2 / fanIn)`.
    case heNormal
    /// All zeros (biases).
    case zeros
    /// `N(0, standardDeviation²)`, e.g. 0.02 for DCGAN.
    case normal(standardDeviation: Double)

    /// A `rows x columns` matrix drawn from this distribution.
    /// - Precondition: `fanIn > 0` and `fanOut > 0` for the Glorot and He schemes.
    /// - Complexity: O(rows · columns) draws from `rng`.
    public func matrix<S: OTScalar>(
        rows: Int, columns: Int, fanIn: Int, fanOut: Int, using rng: inout some RandomNumberGenerator
    ) -> Matrix<S> {
        switch self {
        case .glorotUniform:
            precondition(fanIn > 0 && fanOut > 0, "Initializer: fans must be positive")
            let a = S((6 / Double(fanIn + fanOut)).squareRoot())
            return Matrix.uniform(rows: rows, columns: columns, in: -a..<a, using: &rng)
        case .heNormal:
            precondition(fanIn > 0, "Initializer: fanIn must be positive")
            return Matrix.normal(rows: rows, columns: columns,
                                 standardDeviation: S((2 / Double(fanIn)).squareRoot()), using: &rng)
        case .zeros:
            return Matrix(rows: rows, columns: columns)
        case .normal(let standardDeviation):
            return Matrix.normal(rows: rows, columns: columns, standardDeviation: S(standardDeviation), using: &rng)
        }
    }
}
