import Foundation

/// How data values are placed along an axis.
public enum AxisScale: Sendable, Equatable {
    /// Position proportional to the value.
    case linear
    /// Position proportional to log₁₀ of the value: every decade spans the same length.
    /// Values <= 0 cannot be shown and are skipped.
    case logarithmic

    /// The coordinate the axis is linear in: `value` or `log10(value)`; nil when the value cannot
    /// be placed (non-finite, or <= 0 on a log axis).
    /// - Complexity: O(1).
    public func transform(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch self {
        case .linear: return value
        case .logarithmic: return value > 0 ? log10(value) : nil
        }
    }
}

/// The affine map from an axis domain (in transformed coordinates) to pixels.
///
/// ```
/// pixel(v) = start + (transform(v) - transform(lo)) / (transform(hi) - transform(lo)) * (end - start)
/// ```
/// `end < start` is allowed (the y axis grows upwards while SVG's y grows downwards).
struct AxisMap {
    let scale: AxisScale
    let lower: Double, upper: Double
    let start: Double, end: Double

    init(scale: AxisScale, domain: ClosedRange<Double>, pixels: (start: Double, end: Double)) {
        self.scale = scale
        lower = scale.transform(domain.lowerBound)!
        upper = scale.transform(domain.upperBound)!
        (start, end) = pixels
    }

    /// The pixel of `value`, or nil when the scale cannot place it.
    func pixel(_ value: Double) -> Double? {
        guard let t = scale.transform(value) else { return nil }
        return start + (t - lower) / (upper - lower) * (end - start)
    }

    /// Whether `value` lies in the domain, allowing a relative 1e-9 of its span for rounding.
    func contains(_ value: Double) -> Bool {
        guard let t = scale.transform(value) else { return false }
        let slack = 1e-9 * (upper - lower)
        return t >= lower - slack && t <= upper + slack
    }
}
