import OTKernels

/// A source measure `μ` known through samples: the continuous side of a semi-discrete problem
/// (a data distribution, or a generator pushing forward a latent distribution).
public protocol SourceSampler<Scalar> {
    /// The scalar type of the samples.
    associatedtype Scalar: OTScalar
    /// The dimension `d` of a sample.
    var dimension: Int { get }
    /// `count` independent samples of `μ`, one per row (`count x d`).
    func sample(count: Int, using rng: inout some RandomNumberGenerator) -> Matrix<Scalar>
}

/// The uniform distribution on the box `[lower_k, upper_k]` in each coordinate `k`; a degenerate
/// side (`lower_k == upper_k`) gives a segment or a lower-dimensional face, such as the
/// `{0} x [0, 1]` segment of the translation toy.
public struct UniformBoxSampler<Scalar: OTScalar>: SourceSampler, Sendable {
    /// The lower corner.
    public let lower: [Scalar]
    /// The upper corner.
    public let upper: [Scalar]

    /// The uniform distribution on `[lower, upper]`.
    /// - Throws: ``OTInputError`` when the corners are empty, of different lengths, not finite,
    ///   or `lower_k > upper_k`.
    public init(lower: [Scalar], upper: [Scalar]) throws {
        guard !lower.isEmpty, lower.count == upper.count else {
            throw OTInputError("box corners have \(lower.count) and \(upper.count) coordinates; expected the same positive count")
        }
        if let k = lower.indices.first(where: { !lower[$0].isFinite || !upper[$0].isFinite || lower[$0] > upper[$0] }) {
            throw OTInputError("box side \(k) is [\(lower[k]), \(upper[k])]; expected finite lower <= upper")
        }
        self.lower = lower
        self.upper = upper
    }

    /// The dimension of the box.
    public var dimension: Int { lower.count }

    /// `count` uniform points in the box, row by row, coordinates in order.
    /// - Complexity: O(count · d).
    public func sample(count: Int, using rng: inout some RandomNumberGenerator) -> Matrix<Scalar> {
        Matrix(rows: count, columns: dimension) { _, k in lower[k] + (upper[k] - lower[k]) * rng.uniform(Scalar.self) }
    }

    /// The mean of the distribution, `(lower + upper) / 2`.
    public var mean: [Scalar] { zip(lower, upper).map { ($0 + $1) / 2 } }
}
