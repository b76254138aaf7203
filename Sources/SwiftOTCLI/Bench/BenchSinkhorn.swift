import ArgumentParser
import Foundation
import OTKernels
import OptimalTransport

/// `swiftot bench sinkhorn`: fixed-iteration log-domain Sinkhorn on seeded uniform clouds, timed
/// the way `shared/bench/peers.py` times POT and OTT-JAX (one untimed warm-up, median of the
/// timed runs, geometry construction included).
struct BenchSinkhorn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sinkhorn",
        abstract: "Time fixed-iteration Sinkhorn (seconds per iteration, ns per cost entry per iteration).",
        discussion: """
            Source and target are uniform in [0,1]^d times sqrt(6/d) (mean squared-Euclidean cost ~1), \
            seeds 0 and 1 of SwiftOT's generator (the same distribution as peers.py, not the same \
            numbers), uniform weights, absolute epsilon. Build with `SWIFTOT_NATIVE=1 swift build -c \
            release` for the fastest kernels; SWIFTOT_THREADS sets the thread count.
            """)

    @Option(name: .long, help: "Number of source points.")
    var n = 4000
    @Option(name: .long, help: "Number of target points (default: n).")
    var m: Int?
    @Option(name: .long, help: "Dimension of the points.")
    var d = 2
    @Option(name: .long, help: "Absolute epsilon.")
    var epsilon = 0.05
    @Option(name: .long, help: "Sinkhorn iterations (fixed, no convergence checks).")
    var iterations = 100
    @Option(name: .long, help: "float or double.")
    var precision = "float"
    @Flag(name: .long, help: "Compute cost rows on the fly in O(n + m) memory instead of materializing C.")
    var online = false
    @Option(name: .long, help: "Timed runs after one warm-up run (the median is reported).")
    var repeats = 3
    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    init() {}

    func validate() throws {
        guard n >= 1, (m ?? n) >= 1, d >= 1 else { throw ValidationError("--n, --m and --d must be at least 1") }
        guard epsilon > 0, epsilon.isFinite else { throw ValidationError("--epsilon must be finite and > 0, got \(epsilon)") }
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1, got \(iterations)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        guard ["float", "double"].contains(precision) else {
            throw ValidationError("--precision must be float or double, got \(precision)")
        }
    }

    func run() throws {
        let report = precision == "float" ? try measure(Float.self) : try measure(Double.self)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.summary)
        }
    }

    /// Runs the benchmark in precision `S`.
    func measure<S: OTScalar>(_: S.Type) throws -> BenchSinkhornReport {
        let targets = m ?? n
        let scale = S((6 / Double(d)).squareRoot())
        var sourceRNG = Xoshiro256(seed: 0), targetRNG = Xoshiro256(seed: 1)
        let x = Matrix<S>.uniform(rows: n, columns: d, in: 0..<scale, using: &sourceRNG)
        let y = Matrix<S>.uniform(rows: targets, columns: d, in: 0..<scale, using: &targetRNG)
        let solver = Sinkhorn<S>(epsilon: .absolute(S(epsilon)), maxIterations: iterations, fixedIterations: true)
        let mode: PointCloud<S>.Mode = online ? .online : .materialized
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        var runs = [(setup: Double, solve: Double, output: SinkhornOutput<S>)]()
        var stored = false
        for _ in 0...repeats {
            var geometry: PointCloud<S>?
            let setup = try clock.measure { geometry = try PointCloud(x, y, mode: mode) }
            stored = geometry!.storesMatrix
            var output: SinkhornOutput<S>?
            let solve = try clock.measure { output = try solver.solve(LinearProblem(geometry!)) }
            runs.append((seconds(setup), seconds(solve), output!))
        }
        runs.removeFirst()
        runs.sort { $0.setup + $0.solve < $1.setup + $1.solve }
        let median = runs[runs.count / 2]
        let total = median.setup + median.solve
        let entries = Double(n) * Double(targets) * Double(iterations)
        return BenchSinkhornReport(
            n: n, m: targets, d: d, iterations: iterations, epsilon: epsilon, precision: precision,
            mode: mode.rawValue, costMatrixStored: stored, threads: Parallel.threadCount, setupSeconds: median.setup, solveSeconds: median.solve,
            seconds: total, secondsPerIteration: median.solve / Double(iterations),
            nanosecondsPerEntryIteration: total / entries * 1e9,
            solveNanosecondsPerEntryIteration: median.solve / entries * 1e9,
            regularizedCost: Double(median.output.regularizedCost), primalCost: Double(median.output.primalCost),
            marginalError: Double(median.output.marginalError))
    }
}

/// What `swiftot bench sinkhorn` measured. `seconds` (geometry + solve) is what peers.py's
/// numbers compare to; `nanosecondsPerEntryIteration` is `seconds / (n m iterations)`.
struct BenchSinkhornReport: Codable, Sendable {
    let n: Int, m: Int, d: Int, iterations: Int
    let epsilon: Double
    let precision: String, mode: String
    /// Whether the geometry held `C` in memory (`.materialized` recomputes squared-Euclidean costs in
    /// `d ≤ 3` instead, see `PointCloud.storesMatrix`).
    let costMatrixStored: Bool
    let threads: Int
    let setupSeconds: Double, solveSeconds: Double, seconds: Double, secondsPerIteration: Double
    let nanosecondsPerEntryIteration: Double, solveNanosecondsPerEntryIteration: Double
    let regularizedCost: Double, primalCost: Double, marginalError: Double

    /// A few human-readable lines.
    var summary: String {
        """
        sinkhorn n=\(n) m=\(m) d=\(d) eps=\(epsilon) \(iterations) iterations, \(precision), \(mode)\(costMatrixStored ? "" : " (costs recomputed, not stored)"), \(threads) threads
          total \(String(format: "%.4f", seconds)) s (geometry \(String(format: "%.4f", setupSeconds)) s, solve \(String(format: "%.4f", solveSeconds)) s)
          \(String(format: "%.3g", secondsPerIteration)) s per iteration, \(String(format: "%.3f", nanosecondsPerEntryIteration)) ns per entry per iteration (solve only \(String(format: "%.3f", solveNanosecondsPerEntryIteration)))
          regularized cost \(regularizedCost), primal cost \(primalCost), marginal error \(String(format: "%.2e", marginalError))
        """
    }
}
