import Testing
@testable import SwiftOTCLI

/// Expected strings are worked out by hand from the format rules in the doc comments.
@Suite struct ProgressFormatTests {
    @Test(arguments: [
        (0.0, "0:00"), (0.4, "0:00"), (0.6, "0:01"), (59.4, "0:59"), (65.4, "1:05"), (599, "9:59"),
        (3599.4, "59:59"), (3600, "1:00:00"), (3725, "1:02:05"), (90_000, "25:00:00"),
    ])
    func durationRoundsToSeconds(seconds: Double, expected: String) {
        #expect(ProgressFormat.duration(seconds) == expected)
    }

    @Test(arguments: [-1.0, .infinity, .nan])
    func unknownDurationIsDashes(seconds: Double) {
        #expect(ProgressFormat.duration(seconds) == "--:--")
    }

    @Test(arguments: [
        (0.0, "0.00"), (0.1234, "0.12"), (1.0, "1.00"), (9.994, "9.99"), (9.996, "10.0"), (12.34, "12.3"),
        (99.96, "100"), (999.4, "999"), (999.6, "1.00k"), (1234, "1.23k"), (123_456, "123k"),
        (1.5e6, "1.50M"), (2.5e9, "2.50G"),
    ])
    func compactKeepsThreeSignificantDigits(value: Double, expected: String) {
        #expect(ProgressFormat.compact(value) == expected)
    }

    @Test func rateSwitchesToSecondsPerItemBelowOne() {
        #expect(ProgressFormat.rate(items: 50, seconds: 4) == "12.5 it/s")
        #expect(ProgressFormat.rate(items: 2, seconds: 5) == "2.50 s/it")
        #expect(ProgressFormat.rate(items: 3_000_000, seconds: 2) == "1.50M it/s")
        #expect(ProgressFormat.rate(items: 0, seconds: 5) == "-- it/s")
        #expect(ProgressFormat.rate(items: 5, seconds: 0) == "-- it/s")
    }

    @Test func etaAssumesTheAverageSpeedSoFar() {
        // 25 items in 10 s is 2.5 items/s; 75 left take 30 s.
        #expect(ProgressFormat.eta(completed: 25, total: 100, elapsed: 10) == "0:30")
        #expect(ProgressFormat.eta(completed: 100, total: 100, elapsed: 10) == "0:00")
        #expect(ProgressFormat.eta(completed: 0, total: 100, elapsed: 10) == "--:--")
    }

    @Test func barFillsInEighths() {
        #expect(ProgressFormat.bar(fraction: 0, width: 4) == "    ")
        #expect(ProgressFormat.bar(fraction: 0.5, width: 4) == "██  ")
        // 0.3 * 4 cells = 1.2 cells = 9.6 eighths, rounded down to 9: one full cell and one eighth.
        #expect(ProgressFormat.bar(fraction: 0.3, width: 4) == "█▏  ")
        #expect(ProgressFormat.bar(fraction: 1, width: 4) == "████")
        #expect(ProgressFormat.bar(fraction: 1.7, width: 3) == "███")
        #expect(ProgressFormat.bar(fraction: -1, width: 3) == "   ")
    }

    @Test func fractionIsClampedAndEmptyJobsAreDone() {
        #expect(ProgressFormat.fraction(completed: 1, total: 4) == 0.25)
        #expect(ProgressFormat.fraction(completed: 9, total: 4) == 1)
        #expect(ProgressFormat.fraction(completed: 0, total: 0) == 1)
    }

    @Test func countersShowEtaWhileRunningAndTotalTimeWhenFinished() {
        #expect(ProgressFormat.counters(completed: 55, total: 100, elapsed: 5.5, finished: false)
            == "55/100 55% 10.0 it/s ETA 0:05")
        #expect(ProgressFormat.counters(completed: 100, total: 100, elapsed: 8, finished: true)
            == "100/100 100% 12.5 it/s in 0:08")
        // 2/3 is 66.7 %, shown rounded down so 100 % means done.
        #expect(ProgressFormat.counters(completed: 2, total: 3, elapsed: 1, finished: false)
            == "2/3 66% 2.00 it/s ETA 0:01")
    }
}
