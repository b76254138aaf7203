import OTKernels
import Foundation
import OTRender
import Testing

@Suite struct MarkdownReportTests {
    @Test func tableLinesUpAndAligns() {
        var report = MarkdownReport()
        report.table(
            header: ["solver", "cost", "ok"], rows: [["sinkhorn", "0.125", "yes"], ["emd", "0.12"]],
            alignments: [.left, .right, .center])
        // Hand-written: widths 8, 5, 3; the short row is padded with an empty cell.
        #expect(
            report.text == """
                | solver   |  cost | ok  |
                | :------- | ----: | :-: |
                | sinkhorn | 0.125 | yes |
                | emd      |  0.12 |     |

                """)
    }

    @Test func cellsCannotBreakTheTable() {
        var report = MarkdownReport()
        report.table(header: ["a|b"], rows: [["line 1\nline 2"]])
        #expect(
            report.text == """
                | a\\|b             |
                | ---------------- |
                | line 1<br>line 2 |

                """)
    }

    @Test func documentOfEveryBlock() {
        var report = MarkdownReport(title: "Run\n7")
        report.paragraph("  Trained **well**.  ")
        report.metrics([(name: "W2", value: 0.0123456789), (name: "steps", value: 5000)], significantDigits: 3)
        report.image("run dir/samples.png", alt: "samples [10x10]")
        report.codeBlock("swiftot train --seed 1\n", language: "sh")
        report.bulletList(["first", "second\nmore"])
        report.heading("Notes", level: 3)
        // Hand-written: the value column is 6 wide ("0.0123"), right-aligned.
        #expect(
            report.text == """
                # Run 7

                Trained **well**.

                | Metric |  Value |
                | :----- | -----: |
                | W2     | 0.0123 |
                | steps  |   5000 |

                ![samples \\[10x10\\]](<run dir/samples.png>)

                ```sh
                swiftot train --seed 1
                ```

                - first
                - second
                  more

                ### Notes

                """)
    }

    @Test func codeFenceOutgrowsBackticksInside() {
        var report = MarkdownReport()
        report.codeBlock("a ``` b")
        #expect(report.text == "````\na ``` b\n````\n")
    }

    @Test func literalEscapesSyntax() {
        #expect(MarkdownReport.literal("run_1 *x* [a](b) #3") == "run\\_1 \\*x\\* \\[a\\]\\(b\\) \\#3")
        #expect(MarkdownReport.number(.nan) == "nan")
        #expect(MarkdownReport.number(5000, significantDigits: 2) == "5000")
        #expect(MarkdownReport.number(1.5e-7, significantDigits: 2) == "1.5e-07")
    }

    @Test func writesAtomically() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("otrender-md-\(getpid()).md").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var report = MarkdownReport(title: "t")
        try report.write(to: path)
        report.paragraph("second version")
        try report.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# t\n\nsecond version\n")
        #expect(throws: FileWriteError.self) { try report.write(to: "/nonexistent-dir-otrender/r.md") }
    }
}
