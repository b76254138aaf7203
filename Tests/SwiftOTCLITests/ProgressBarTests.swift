import Testing
@testable import SwiftOTCLI

@Suite struct ProgressBarTests {
    @Test func linesModePrintsPlainLinesEveryIntervalAndAFinalFullLine() {
        let clock = FakeClock()
        let out = CapturedText()
        let progress = ProgressBar(
            total: 100, label: "train", style: .lines(interval: 5), output: out.stream, clock: clock.read)
        for step in 1 ... 100 {
            clock.advance(1)
            progress.update(completed: step, status: "loss \(step)")
        }
        progress.finish()
        let lines = out.lines
        // One line at t = 5, 10, ..., 100 s (20 lines) and the final one from finish().
        #expect(lines.count == 21)
        #expect(!out.text.contains("\r") && !out.text.contains("\u{1B}"))
        // At t = 5 s: 5 items, 1 item/s, 95 left take 95 s = 1:35.
        #expect(lines.first == "train 5/100 5% 1.00 it/s ETA 1:35 loss 5")
        #expect(lines.last == "train 100/100 100% 1.00 it/s in 1:40 loss 100")
    }

    @Test func linesModeWritesOnlyTheFinalLineForAShortJob() {
        let clock = FakeClock()
        let out = CapturedText()
        let progress = ProgressBar(total: 4, style: .lines(interval: 5), output: out.stream, clock: clock.read)
        for _ in 0 ..< 4 {
            clock.advance(0.5)
            progress.advance()
        }
        progress.finish(status: "done")
        #expect(out.lines == ["4/4 100% 2.00 it/s in 0:02 done"])
    }

    @Test func barModeRedrawsInPlaceAtMostTenTimesASecond() {
        let clock = FakeClock()
        let out = CapturedText()
        let progress = ProgressBar(total: 1000, style: .bar(columns: 80), output: out.stream, clock: clock.read)
        // 1000 updates 1 ms apart span 1 s: the first draws, then one draw per 0.1 s at most.
        for step in 1 ... 1000 {
            clock.advance(0.001)
            progress.update(completed: step)
        }
        let draws = out.text.filter { $0 == "\r" }.count
        #expect((10 ... 11).contains(draws))
        #expect(!out.text.contains("\n"))
        progress.finish()
        #expect(out.text.hasSuffix("\u{1B}[K\n"))
        let last = out.text.split(separator: "\r").last.map(String.init) ?? ""
        #expect(last.contains("|██████████"))
        #expect(last.contains("1000/1000 100%"))
    }

    @Test(arguments: [20, 40, 80, 200])
    func barLineFitsTheTerminalWidth(columns: Int) {
        let clock = FakeClock()
        let out = CapturedText()
        let progress = ProgressBar(
            total: 12345, label: "sinkhorn", style: .bar(columns: columns), output: out.stream, clock: clock.read)
        clock.advance(3)
        progress.update(completed: 6000, status: "marginal error 1.2e-05")
        let visible = out.text.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\u{1B}[K", with: "")
        // One column is left free so the cursor never wraps to a new line.
        #expect(visible.count <= columns - 1)
        #expect(visible.hasPrefix(String("sinkhorn |".prefix(columns - 1))))
    }

    @Test func silentStyleWritesNothing() {
        let out = CapturedText()
        let progress = ProgressBar(total: 3, style: .silent, output: out.stream)
        progress.advance(by: 3)
        progress.finish()
        #expect(out.text.isEmpty)
    }

    @Test func updatesAfterFinishAndSecondFinishAreIgnored() {
        let clock = FakeClock()
        let out = CapturedText()
        let progress = ProgressBar(total: 2, style: .lines(interval: 1), output: out.stream, clock: clock.read)
        progress.advance(by: 2)
        progress.finish()
        clock.advance(10)
        progress.advance()
        progress.finish()
        #expect(out.lines.count == 1)
    }
}
