import Foundation

/// A progress display for a job of `total` items, written to standard error.
///
/// On a terminal it redraws one line in place (`\r`), at most once per ``redrawInterval`` (0.1 s):
/// `label |█████▌    | 55/100 55% 12.3 it/s ETA 0:04 loss 0.123`. Anywhere else (a pipe, a log
/// file, CI) it writes a plain line every `interval` seconds and a last one from ``finish(status:)``,
/// so logs stay short. Rate and ETA use the average speed since the bar was created.
///
/// Calls may come from any thread (a lock guards the state), but updates are meant to come from
/// one training loop; a trainer reports through a callback that calls ``update(completed:status:)``.
///
/// Call ``finish(status:)`` in a `defer` right after creating the bar: if the job throws, the bar
/// line is then ended before the error line is printed, and shows how far the job got.
///
/// - Complexity: an update is O(1) (a lock and a clock read) between draws; a draw is O(line length).
final class ProgressBar: @unchecked Sendable {
    /// How the progress is shown.
    enum Style: Sendable, Equatable {
        /// One line redrawn in place, fitted to a terminal `columns` wide.
        case bar(columns: Int)
        /// A plain line every `interval` seconds and at the end.
        case lines(interval: Double)
        /// Nothing.
        case silent

        /// A bar when standard error is a terminal, plain lines every `lineInterval` seconds when not.
        static func automatic(lineInterval: Double = 5) -> Style {
            Terminal.isTerminal(2) ? .bar(columns: Terminal.columns(2) ?? 80) : .lines(interval: lineInterval)
        }
    }

    /// The shortest time between two redraws of a terminal bar, in seconds.
    static let redrawInterval = 0.1

    /// Number of items in the job.
    let total: Int
    /// Text that starts every line (may be empty).
    let label: String
    /// How the progress is shown.
    let style: Style

    private let output: TextStream
    private let clock: @Sendable () -> Double
    private let lock = NSLock()
    private let start: Double
    private var lastDraw: Double
    private var completed = 0
    private var status = ""
    private var finished = false

    /// A display for `total` items, drawn in `style` to `output`; `clock` gives the time in seconds
    /// (monotonic by default; tests pass a fake one).
    init(
        total: Int, label: String = "", style: Style = .automatic(), output: TextStream = .standardError,
        clock: @escaping @Sendable () -> Double = ProgressBar.monotonicSeconds
    ) {
        precondition(total >= 0, "ProgressBar total must be >= 0")
        (self.total, self.label, self.style, self.output, self.clock) = (total, label, style, output, clock)
        start = clock()
        if case .bar = style { lastDraw = -.infinity } else { lastDraw = start }
    }

    /// Seconds since an arbitrary fixed instant, from the system's monotonic clock.
    @Sendable static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) * 1e-9
    }

    /// Records that `completed` items are done, with an optional new `status` (e.g. `"loss 0.123"`),
    /// and draws if the style's interval has passed since the last draw. No effect after `finish`.
    func update(completed: Int, status: String? = nil) {
        record(status: status) { _ in completed }
    }

    /// Records `count` more items done; see ``update(completed:status:)``.
    func advance(by count: Int = 1, status: String? = nil) {
        record(status: status) { $0 + count }
    }

    /// Sets the count to `newCount(count)` and the status under the lock, then draws if it is time.
    private func record(status: String?, _ newCount: (Int) -> Int) {
        lock.withLock {
            guard !finished else { return }
            completed = newCount(completed)
            if let status { self.status = status }
            let now = clock()
            switch style {
            case .bar: if now - lastDraw >= Self.redrawInterval { draw(at: now) }
            case .lines(let interval): if now - lastDraw >= interval { draw(at: now) }
            case .silent: break
            }
        }
    }

    /// Draws the final state (total time instead of ETA) and ends the terminal line. Later calls
    /// do nothing.
    func finish(status: String? = nil) {
        lock.withLock {
            guard !finished else { return }
            finished = true
            if let status { self.status = status }
            if style != .silent { draw(at: clock()) }
        }
    }

    /// Writes the current state; the caller holds the lock.
    private func draw(at now: Double) {
        lastDraw = now
        let counters = ProgressFormat.counters(
            completed: completed, total: total, elapsed: now - start, finished: finished)
        let tail = [counters, status].filter { !$0.isEmpty }.joined(separator: " ")
        switch style {
        case .bar(let columns):
            let head = label.isEmpty ? "" : label + " "
            let width = min(30, max(10, columns - 1 - head.count - tail.count - 3))
            let fraction = ProgressFormat.fraction(completed: completed, total: total)
            let line = head + "|" + ProgressFormat.bar(fraction: fraction, width: width) + "| " + tail
            output.write("\r" + line.prefix(max(columns - 1, 1)) + "\u{1B}[K" + (finished ? "\n" : ""))
        case .lines:
            output.write([label, tail].filter { !$0.isEmpty }.joined(separator: " ") + "\n")
        case .silent:
            break
        }
    }
}
