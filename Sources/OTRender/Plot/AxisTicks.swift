import Foundation

/// Tick marks of one axis: its domain, labelled major ticks and unlabelled minor ticks.
///
/// Linear axes use "nice" steps, `{1, 2, 5} × 10^e`, the smallest such step at least
/// `span / targetCount`; ticks are the integer multiples of the step, so they read as round numbers.
/// Logarithmic axes put major ticks on decades `10^k` (every `s`-th decade when there are many) and
/// minor ticks on `2 ... 9 × 10^k`.
public struct AxisTicks: Equatable, Sendable {
    /// The scale the ticks were made for.
    public let scale: AxisScale
    /// The axis limits.
    public let domain: ClosedRange<Double>
    /// Major tick positions (data values), increasing, all inside `domain`.
    public let major: [Double]
    /// The label of each major tick; an empty label leaves its tick unlabelled.
    public let labels: [String]
    /// Minor tick positions (data values), unlabelled.
    public let minor: [Double]

    /// Ticks as given (no checks): `labels` pairs with `major`.
    public init(scale: AxisScale, domain: ClosedRange<Double>, major: [Double], labels: [String], minor: [Double]) {
        precondition(major.count == labels.count, "AxisTicks: \(major.count) ticks but \(labels.count) labels")
        self.scale = scale
        self.domain = domain
        self.major = major
        self.labels = labels
        self.minor = minor
    }

    /// Ticks for data spanning `lower ... upper` on `scale`.
    ///
    /// - Parameters:
    ///   - expand: when true the domain grows to the enclosing ticks (nice multiples or decades),
    ///     so the first and last ticks cover the data; when false the domain is `lower ... upper`
    ///     exactly and only ticks inside it are kept.
    ///   - targetCount: about how many intervals a linear axis should have.
    /// - An empty or degenerate range (`lower == upper`) is widened around its value; on a log axis a
    ///   range with no positive values becomes `1 ... 10`.
    /// - Complexity: O(number of ticks).
    public static func nice(
        _ lower: Double, _ upper: Double, scale: AxisScale = .linear, expand: Bool = true,
        targetCount: Int = 6
    ) -> AxisTicks {
        switch scale {
        case .linear: return linear(lower, upper, expand: expand, targetCount: Swift.max(1, targetCount))
        case .logarithmic: return logarithmic(lower, upper, expand: expand)
        }
    }

    // MARK: Linear

    /// The smallest `{1, 2, 5} × 10^e` at least `rawStep`, as (mantissa, exponent).
    static func niceStep(_ rawStep: Double) -> (mantissa: Double, exponent: Int) {
        var exponent = Int(floor(log10(rawStep)))
        let fraction = rawStep / power10(exponent)
        // 1e-9 forgives the rounding in `rawStep / 10^e` (e.g. 0.3 / 0.1 = 2.9999999999999996).
        let mantissa: Double
        if fraction <= 1 + 1e-9 {
            mantissa = 1
        } else if fraction <= 2 + 1e-9 {
            mantissa = 2
        } else if fraction <= 5 + 1e-9 {
            mantissa = 5
        } else {
            (mantissa, exponent) = (1, exponent + 1)
        }
        return (mantissa, exponent)
    }

    /// `k * mantissa * 10^e`, computed so decimal ticks are the doubles nearest their decimal value
    /// (`3 * 0.1` would give 0.30000000000000004; `3 / 10` gives 0.3).
    static func tickValue(_ k: Int, mantissa: Double, exponent: Int) -> Double {
        let units = Double(k) * mantissa
        let value = exponent >= 0 ? units * power10(exponent) : units / power10(-exponent)
        return value == 0 ? 0 : value  // no -0
    }

    private static func linear(_ lower: Double, _ upper: Double, expand: Bool, targetCount: Int) -> AxisTicks {
        var (lo, hi) = lower.isFinite && upper.isFinite ? (Swift.min(lower, upper), Swift.max(lower, upper)) : (0, 1)
        if hi - lo <= Swift.max(abs(lo), abs(hi)) * 1e-12 {
            let half = lo == 0 ? 1 : abs(lo) * 0.1
            (lo, hi) = (lo - half, hi + half)
        }
        let (mantissa, exponent) = niceStep((hi - lo) / Double(targetCount))
        let step = mantissa * power10(exponent)
        // 1e-9 steps of slack keep a bound that is a multiple up to rounding from adding a tick.
        let first = expand ? Int(floor(lo / step + 1e-9)) : Int(ceil(lo / step - 1e-9))
        let last = expand ? Int(ceil(hi / step - 1e-9)) : Int(floor(hi / step + 1e-9))
        let major = first <= last ? (first...last).map { tickValue($0, mantissa: mantissa, exponent: exponent) } : []
        let domain = expand ? major.first!...major.last! : lo...hi
        return AxisTicks(
            scale: .linear, domain: domain, major: major,
            labels: major.map { label($0, stepExponent: exponent) },
            minor: [])
    }

    /// A tick label with the decimals the step needs and no trailing zeros: `0`, `0.2`, `1`, `0.25`.
    /// Magnitudes from 10⁶ up, or steps below 10⁻⁵, use exponent notation: `2e6`, `1.5e-7`.
    static func label(_ value: Double, stepExponent: Int) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 1e6 && stepExponent >= -5 {
            return trimmed(String(format: "%.*f", Swift.max(0, -stepExponent), value))
        }
        let exponent = Int(floor(log10(magnitude) + 1e-12))
        let digits = Swift.max(0, exponent - stepExponent)
        return trimmed(String(format: "%.*f", digits, value / power10(exponent))) + "e" + String(exponent)
    }

    /// `text` without trailing fractional zeros (and without a bare trailing point).
    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = Substring(text)
        while text.last == "0" { text = text.dropLast() }
        if text.last == "." { text = text.dropLast() }
        return String(text)
    }

    // MARK: Logarithmic

    private static func logarithmic(_ lower: Double, _ upper: Double, expand: Bool) -> AxisTicks {
        var (lo, hi) = (Swift.min(lower, upper), Swift.max(lower, upper))
        if !(hi > 0) || !hi.isFinite { (lo, hi) = (1, 10) }
        if !(lo > 0) || !lo.isFinite { lo = hi / 10 }
        // log10 slack 1e-9 keeps an exact decade (1000) from rounding into the next one.
        var firstDecade = Int(floor(log10(lo) + 1e-9))
        var lastDecade = Int(ceil(log10(hi) - 1e-9))
        if expand {
            if lastDecade == firstDecade { lastDecade += 1 }
            (lo, hi) = (power10(firstDecade), power10(lastDecade))
        } else if hi / lo < 1 + 1e-12 {
            (lo, hi) = (lo / 2, hi * 2)
            (firstDecade, lastDecade) = (Int(floor(log10(lo))), Int(ceil(log10(hi))))
        }
        let domain = lo...hi
        let inside = { (v: Double) in v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) }
        let decades = (firstDecade...lastDecade).filter { inside(power10($0)) }
        if decades.count < 2 {
            // Less than a decade: label 1, 2 and 5 times powers of ten, or fall back to linear steps.
            let candidates = (firstDecade...lastDecade).flatMap { k in [1.0, 2, 5].map { ($0, k) } }
                .filter { inside($0.0 * power10($0.1)) }
            if candidates.count >= 2 {
                let major = candidates.map { tickValue(Int($0.0), mantissa: 1, exponent: $0.1) }
                return AxisTicks(
                    scale: .logarithmic, domain: domain, major: major,
                    labels: candidates.map { logLabel(mantissa: Int($0.0), exponent: $0.1) }, minor: [])
            }
            let fallback = linear(lo, hi, expand: false, targetCount: 4)
            return AxisTicks(
                scale: .logarithmic, domain: domain, major: fallback.major, labels: fallback.labels, minor: [])
        }
        // At most about 8 labelled decades: label every `stride`-th one, anchored at 10^0.
        let stride = (decades.count + 7) / 8
        let major = decades.filter { $0 % stride == 0 }
        var minor: [Double] = []
        if stride == 1 && decades.count <= 7 {
            for k in (firstDecade - 1)...lastDecade {
                for m in 2...9 {
                    let v = tickValue(m, mantissa: 1, exponent: k)
                    if inside(v) { minor.append(v) }
                }
            }
        } else {
            minor = decades.filter { $0 % stride != 0 }.map(power10)
        }
        return AxisTicks(
            scale: .logarithmic, domain: domain, major: major.map(power10),
            labels: major.map { logLabel(mantissa: 1, exponent: $0) }, minor: minor)
    }

    /// `mantissa × 10^exponent` as plain decimals between 0.001 and 10000, otherwise as
    /// `10⁻⁵` (mantissa 1) or `2e-5`.
    static func logLabel(mantissa: Int, exponent: Int) -> String {
        if (-3...4).contains(exponent) {
            return label(tickValue(mantissa, mantissa: 1, exponent: exponent), stepExponent: Swift.min(exponent, 0))
        }
        if mantissa != 1 { return "\(mantissa)e\(exponent)" }
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
            "-": "⁻",
        ]
        return "10" + String(String(exponent).map { superscripts[$0]! })
    }

    /// `10^k` as the double nearest to it (parsing `"1e<k>"` is correctly rounded).
    static func power10(_ k: Int) -> Double {
        Double("1e\(k)")!
    }
}
