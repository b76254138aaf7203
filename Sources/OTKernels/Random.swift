/// The SplitMix64 generator (Steele, Lea, Flood 2014): a 64-bit state advanced by a Weyl
/// sequence and mixed by a finalizer. Fast, statistically sound for seeding, 2^64 period.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The current state.
    public var state: UInt64

    /// A generator whose stream is fixed by `seed`.
    @inlinable
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The xoshiro256** generator (Blackman, Vigna 2018): SwiftOT's default seeded generator.
/// 256-bit state, period 2^256 - 1; the state is filled from the seed by ``SplitMix64``.
/// The same seed gives the same stream on every platform.
public struct Xoshiro256: RandomNumberGenerator, Sendable {
    /// The four state words.
    public var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose stream is fixed by `seed`.
    @inlinable
    public init(seed: UInt64) {
        var mix = SplitMix64(seed: seed)
        state = (mix.next(), mix.next(), mix.next(), mix.next())
    }

    /// Restores a generator from a saved ``state`` (for exact resumption of a training run).
    /// - Precondition: the state is not all zero.
    @inlinable
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "Xoshiro256: the all-zero state is invalid")
        self.state = state
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    @inlinable
    func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }
}

extension RandomNumberGenerator {
    /// A uniform sample in `[0, 1)` with the full precision of `S` (24 or 53 random bits).
    @inlinable
    public mutating func uniform<S: OTScalar>(_: S.Type = S.self) -> S {
        let bits = S.significandBitCount + 1
        return S(next() >> UInt64(64 - bits)) * S(sign: .plus, exponent: S.Exponent(-bits), significand: 1)
    }

    /// A standard normal sample N(0, 1) by the Box-Muller transform (computed in `Double`).
    @inlinable
    public mutating func normal<S: OTScalar>(_: S.Type = S.self) -> S {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        let u1 = 1 - uniform(Double.self), u2 = uniform(Double.self)
        return S((-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2))
    }

    /// An index `i` drawn with probability `weights[i] / sum(weights)`.
    /// - Precondition: weights are non-negative, finite, with a positive sum.
    /// - Complexity: O(weights.count).
    @inlinable
    public mutating func categorical<S: OTScalar>(weights: [S]) -> Int {
        var total = Double(0)
        for w in weights {
            precondition(w >= 0 && w.isFinite, "categorical: negative or non-finite weight \(w)")
            total += Double(w)
        }
        precondition(total > 0, "categorical: weights sum to zero")
        let target = uniform(Double.self) * total
        var running = Double(0)
        for (i, w) in weights.enumerated() {
            running += Double(w)
            if target < running { return i }
        }
        return weights.lastIndex { $0 > 0 }!
    }

    /// A uniformly random permutation of `0..<n` (Fisher-Yates).
    /// - Complexity: O(n).
    @inlinable
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        p.shuffle(using: &self)
        return p
    }
}

extension Matrix {
    /// A `rows x columns` matrix of independent uniform samples in `[low, high)`.
    @inlinable
    public static func uniform(
        rows: Int, columns: Int, in range: Range<Scalar> = 0..<1, using rng: inout some RandomNumberGenerator
    ) -> Matrix {
        let width = range.upperBound - range.lowerBound
        return Matrix(rows: rows, columns: columns) { _, _ in range.lowerBound + width * rng.uniform(Scalar.self) }
    }

    /// A `rows x columns` matrix of independent normal samples `N(mean, standardDeviation^2)`.
    @inlinable
    public static func normal(
        rows: Int, columns: Int, mean: Scalar = 0, standardDeviation: Scalar = 1,
        using rng: inout some RandomNumberGenerator
    ) -> Matrix {
        Matrix(rows: rows, columns: columns) { _, _ in mean + standardDeviation * rng.normal(Scalar.self) }
    }
}
