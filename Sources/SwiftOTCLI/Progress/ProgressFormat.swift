import Foundation

/// The pieces of a progress line, as pure functions of counts and seconds.
///
/// - Complexity: every function is O(1) except ``bar(fraction:width:)``, O(`width`).
enum ProgressFormat {
    /// A duration as `m:ss` below one hour and `h:mm:ss` from one hour on, rounded to the nearest
    /// second; `--:--` when `seconds` is negative, infinite or NaN (an unknown time).
    ///
    /// `duration(65.4) == "1:05"`, `duration(3725) == "1:02:05"`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < Double(Int.max) else { return "--:--" }
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? "\(hours):" + String(format: "%02d:%02d", minutes, secs) : "\(minutes):" + String(format: "%02d", secs)
    }

    /// A non-negative number in at most four characters plus a suffix: two decimals below 10, three
    /// significant digits from 10 on, with a `k`/`M`/`G` suffix from 1,000 on:
    /// `compact(0.1234) == "0.12"`, `compact(12.34) == "12.3"`, `compact(1234) == "1.23k"`,
    /// `compact(123_456) == "123k"`, `compact(1.5e6) == "1.50M"`.
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : "inf" }
        var scaled = value
        var suffix = ""
        for next in ["k", "M", "G"] where scaled.magnitude >= 999.5 {
            scaled /= 1000
            suffix = next
        }
        let decimals = scaled.magnitude >= 99.95 ? 0 : scaled.magnitude >= 9.995 ? 1 : 2
        return String(format: "%.\(decimals)f", scaled) + suffix
    }

    /// The speed `items / seconds`: `"12.3 it/s"`, or `"2.50 s/it"` below one item per second, or
    /// `"-- it/s"` before the first item or the first measurable instant.
    static func rate(items: Int, seconds: Double) -> String {
        guard items > 0, seconds > 0, seconds.isFinite else { return "-- it/s" }
        let perSecond = Double(items) / seconds
        return perSecond >= 1 ? "\(compact(perSecond)) it/s" : "\(compact(1 / perSecond)) s/it"
    }

    /// The estimated time left, assuming the remaining `total - completed` items go at the average
    /// speed so far (`completed` items in `elapsed` seconds); `--:--` before the first item.
    static func eta(completed: Int, total: Int, elapsed: Double) -> String {
        guard completed > 0, elapsed.isFinite, elapsed >= 0 else { return duration(.nan) }
        return duration(elapsed * Double(max(total - completed, 0)) / Double(completed))
    }

    /// `completed / total` clamped to [0, 1]; 1 for an empty job (`total == 0`).
    static func fraction(completed: Int, total: Int) -> Double {
        total > 0 ? min(max(Double(completed) / Double(total), 0), 1) : 1
    }

    /// A bar `width` cells wide, filled to `fraction` in eighths of a cell with Unicode block
    /// characters and padded with spaces: `bar(fraction: 0.5, width: 4) == "██  "`.
    static func bar(fraction: Double, width: Int) -> String {
        let width = max(width, 0)
        let eighths = Int((min(max(fraction, 0), 1) * Double(width * 8)).rounded(.down))
        let full = eighths / 8
        let partial = eighths % 8
        var text = String(repeating: "█", count: full)
        if partial > 0 { text.append(Self.partialBlocks[partial]) }
        return text + String(repeating: " ", count: width - text.count)
    }

    /// Blocks one to seven eighths wide, indexed by the number of eighths (index 0 unused).
    private static let partialBlocks: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The counters of a progress line: `"55/100 55% 12.3 it/s ETA 0:04"` while running and
    /// `"100/100 100% 12.3 it/s in 0:08"` once `finished`.
    static func counters(completed: Int, total: Int, elapsed: Double, finished: Bool) -> String {
        let percent = Int((fraction(completed: completed, total: total) * 100).rounded(.down))
        let time = finished
            ? "in \(duration(elapsed))" : "ETA \(eta(completed: completed, total: total, elapsed: elapsed))"
        return "\(completed)/\(total) \(percent)% \(rate(items: completed, seconds: elapsed)) \(time)"
    }
}
