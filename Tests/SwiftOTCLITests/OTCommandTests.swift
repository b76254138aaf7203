import Foundation
import OTData
import OTKernels
import Testing
@testable import SwiftOTCLI

/// A fresh temporary folder for the files of one test, removed when the value is released.
final class OTCommandFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftot-ot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns its path.
    func write(_ name: String, text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    /// Writes `rows` as a 2-D float64 NPY file `name` and returns its path.
    func write(_ name: String, rows: [[Double]]) throws -> String {
        try Matrix(rows).writeNPY(to: path(name))
        return path(name)
    }

    /// Writes `vector` as a 1-D float64 NPY file `name` and returns its path.
    func write(_ name: String, vector: [Double]) throws -> String {
        try vector.writeNPY(to: path(name))
        return path(name)
    }

    /// The names of the files in the folder, sorted.
    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
}

/// Parses `swiftot ot <arguments>` as the command line does and runs it, returning what it printed.
func runOT(_ arguments: [String]) throws -> String {
    let command = try #require(try SwiftOT.parseAsRoot(["ot"] + arguments) as? OTCommand)
    let output = CapturedText()
    try command.run(output: output.stream)
    return output.text
}

/// Runs `swiftot ot <arguments> --json` and returns the printed object.
func runOTJSON(_ arguments: [String]) throws -> [String: Any] {
    let text = try runOT(arguments + ["--json"])
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite struct OTCommandTests {
    /// Two sources (0,0), (2,0) with weights (1/2, 1/2) and two targets (2,1), (0,1) with weights
    /// (1/4, 3/4), squared Euclidean cost C = [[5, 1], [1, 5]]. The only plan cheaper than
    /// moving mass on the cost-5 arcs is P = [[0, 1/2], [1/4, 1/4]]: cost 1/2 + 1/4 + 5/4 = 2.
    @Test func exactTwoPointProblemMatchesTheHandSolution() throws {
        let folder = try OTCommandFolder()
        let source = try folder.write("x.csv", text: "u,v\n0,0\n2,0\n")
        let target = try folder.write("y.npy", rows: [[2, 1], [0, 1]])
        let a = try folder.write("a.csv", text: "0.5\n0.5\n")
        let b = try folder.write("b.npy", vector: [0.25, 0.75])
        let json = try runOTJSON([
            "--source", source, "--target", target, "--source-weights", a, "--target-weights", b, "--method", "exact",
            "--plan", folder.path("plan.npy"), "--potentials", folder.path("duals"),
        ])
        // The optimal plan has entries 1/4 and 1/2 and costs 1 and 5: sums of a few exactly
        // representable numbers, so the cost is exact up to one rounding of the simplex's flows.
        #expect(abs(try #require(json["cost"] as? Double) - 2) <= 1e-15)
        #expect(json["regularizedCost"] as? Double == json["cost"] as? Double)
        #expect(json["epsilon"] as? Double == 0)
        #expect(json["converged"] as? Bool == true)
        #expect(try #require(json["marginalError"] as? Double) <= 1e-15)
        #expect(json["iterations"] is Int)
        #expect(try #require(json["solveSeconds"] as? Double) >= 0)
        #expect(json["method"] as? String == "exact" && json["sourceCount"] as? Int == 2)

        let plan = try Matrix<Double>(npyAt: folder.path("plan.npy"))
        #expect(plan.rows == 2 && plan.columns == 2)
        #expect(plan.elements == [0, 0.5, 0.25, 0.25])
        let f = try [Double](npyAt: folder.path("duals-f.npy")), g = try [Double](npyAt: folder.path("duals-g.npy"))
        #expect(f.count == 2 && g.count == 2)
        // Complementary slackness on the support and strong duality; rounding of a few additions.
        let cost = [[5.0, 1], [1, 5]]
        for (i, j) in [(0, 1), (1, 0), (1, 1)] { #expect(abs(f[i] + g[j] - cost[i][j]) <= 1e-12) }
        #expect(abs(0.5 * f[0] + 0.5 * f[1] + 0.25 * g[0] + 0.75 * g[1] - 2) <= 1e-12)
    }

    /// On the line, W_p^p between uniform clouds of equal size is (1/n) Σ |x_(i) − y_(i)|^p over
    /// the sorted points. Sliced Wasserstein in one dimension projects on ±1 only, so it equals
    /// the same closed form whatever the number of directions.
    @Test(arguments: ["exact double", "sliced double", "sliced float"], [1.0, 2, 3])
    func oneDimensionalCostIsTheSortedClosedForm(solver: String, p: Double) throws {
        let (method, precision) = (String(solver.split(separator: " ")[0]), String(solver.split(separator: " ")[1]))
        let x: [Double] = [0.3, -1.2, 2.5, 0.9, -0.4, 1.7], y: [Double] = [1.1, 0.2, -2.0, 3.3, 0.5, -0.7]
        let expected = zip(x.sorted(), y.sorted()).map { Double.pow(abs($0 - $1), p) }.reduce(0, +) / Double(x.count)
        let folder = try OTCommandFolder()
        let source = try folder.write("x.npy", vector: x)
        let target = try folder.write("y.csv", text: y.map { "\($0)" }.joined(separator: "\n"))
        var arguments = ["--source", source, "--target", target, "--method", method, "--precision", precision]
        arguments += ["--p", "\(p)"] + (method == "sliced" ? ["--projections", "3"] : [])
        let cost = try #require(try runOTJSON(arguments)["cost"] as? Double)
        // Double: a sum of six terms of size <= 40; Float: the projections and the sum are rounded
        // to 24 bits (relative 6e-8 per operation, a few dozen operations).
        let tolerance = precision == "float" ? 1e-5 * expected : 1e-12 * expected
        #expect(abs(cost - expected) <= tolerance, "\(method) \(precision) p = \(p): \(cost) vs \(expected)")
    }

    /// A random weighted 6 x 4 problem: the written plan has the given marginals, and the
    /// reported cost is ⟨C, P⟩ recomputed here from the files.
    @Test func exactPlanHasTheMarginalsAndTheReportedCost() throws {
        var rng = Xoshiro256(seed: 11)
        let x = Matrix<Double>.uniform(rows: 6, columns: 3, using: &rng)
        let y = Matrix<Double>.uniform(rows: 4, columns: 3, using: &rng)
        let rawA = (0..<6).map { _ in 0.1 + rng.uniform(Double.self) }, rawB = (0..<4).map { _ in 0.1 + rng.uniform(Double.self) }
        let a = rawA.map { $0 / rawA.reduce(0, +) }, b = rawB.map { $0 / rawB.reduce(0, +) }
        let folder = try OTCommandFolder()
        try x.writeNPY(to: folder.path("x.npy"))
        try y.writeNPY(to: folder.path("y.npy"))
        let json = try runOTJSON([
            "--source", folder.path("x.npy"), "--target", folder.path("y.npy"),
            "--source-weights", try folder.write("a.npy", vector: a), "--target-weights", try folder.write("b.npy", vector: b),
            "--method", "exact", "--p", "1", "--plan", folder.path("p.npy"), "--potentials", folder.path("pot"),
        ])
        let plan = try Matrix<Double>(npyAt: folder.path("p.npy"))
        #expect(plan.rows == 6 && plan.columns == 4)
        #expect(try [Double](npyAt: folder.path("pot-f.npy")).count == 6)
        #expect(try [Double](npyAt: folder.path("pot-g.npy")).count == 4)
        // Sums of at most 9 (n + m − 1) entries of size <= 1, each exact to a few ulps.
        let tolerance = 1e-14
        for i in 0..<6 { #expect(abs((0..<4).map { plan[i, $0] }.reduce(0, +) - a[i]) <= tolerance) }
        for j in 0..<4 { #expect(abs((0..<6).map { plan[$0, j] }.reduce(0, +) - b[j]) <= tolerance) }
        #expect(plan.elements.allSatisfy { $0 >= 0 })
        var cost = 0.0
        for i in 0..<6 {
            for j in 0..<4 {
                cost += plan[i, j] * (0..<3).map { (x[i, $0] - y[j, $0]) * (x[i, $0] - y[j, $0]) }.reduce(0, +).squareRoot()
            }
        }
        #expect(abs(try #require(json["cost"] as? Double) - cost) <= tolerance)
    }

    /// Keys that do not apply are present and null; sliced is reproducible from the seed.
    @Test func slicedReportsNullsAndRepeatsForOneSeed() throws {
        let folder = try OTCommandFolder()
        let source = try folder.write("x.csv", text: "0,0\n1,2\n3,1\n")
        let target = try folder.write("y.csv", text: "1,1\n2,0\n0,3\n")
        let arguments = ["--source", source, "--target", target, "--method", "sliced", "--seed", "5"]
        let text = try runOT(arguments + ["--json"])
        for key in ["iterations", "marginalError", "converged"] { #expect(text.contains("\"\(key)\" : null")) }
        let json = try runOTJSON(arguments)
        #expect(json["projections"] as? Int == OTCommand.defaultProjections)
        #expect(json["epsilon"] as? Double == 0 && json["regularizedCost"] as? Double == json["cost"] as? Double)
        #expect(try runOT(arguments + ["--json"]).replacing(/"solveSeconds" : [^\n]*/, with: "")
            == text.replacing(/"solveSeconds" : [^\n]*/, with: ""))
        let other = try runOTJSON(["--source", source, "--target", target, "--method", "sliced", "--seed", "6"])
        #expect(other["cost"] as? Double != json["cost"] as? Double)
    }

    @Test func withoutJSONPrintsAShortSummary() throws {
        let folder = try OTCommandFolder()
        let source = try folder.write("x.csv", text: "0\n1\n")
        let target = try folder.write("y.csv", text: "2\n4\n")
        // Sorted pairs (0, 2) and (1, 4): (4 + 9) / 2 = 6.5.
        let text = try runOT(["--source", source, "--target", target, "--method", "exact"])
        #expect(text.hasPrefix("exact (double): 2 -> 2 points in dimension 1\ncost 6.5 (order p = 2)\n"))
        #expect(text.contains("converged") && text.hasSuffix(" s\n"))
    }

    /// The README's example files: the exact costs SciPy's `linear_sum_assignment` gives on them
    /// (uniform weights of equal count: the optimal plan is a permutation), computed once with
    /// `scipy.spatial.distance.cdist(x, y) ** p` in float64.
    @Test(arguments: [(2.0, 0.3533337550533906), (1.0, 0.5319894773963102)])
    func exampleFilesMatchSciPy(p: Double, expected: Double) throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples").standardized
        let json = try runOTJSON([
            "--source", examples.appendingPathComponent("two-moons-source.csv").path,
            "--target", examples.appendingPathComponent("two-moons-target.csv").path, "--method", "exact", "--p", "\(p)",
        ])
        // Two sums of 64 terms in different orders: a few ulps of a value below 1.
        #expect(abs(try #require(json["cost"] as? Double) - expected) <= 1e-15)
    }
}
