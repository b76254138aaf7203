import ArgumentParser
import Foundation
import OTKernels

/// `swiftot bench kernels`: GEMM, pairwise squared distances and log-sum-exp throughput.
///
/// Every number is the median of `--repeats` timed runs after one untimed warm-up run; the inputs
/// are seeded, so two runs do the same work.
struct BenchKernels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "Time GEMM (GFLOP/s), pairwise distances and log-sum-exp (ns per element).",
        discussion: """
            GEMM multiplies two size x size matrices on all threads and on one thread, in Float and \
            Double. Pairwise squared distances run on all threads between 2000 points in 2 and in 784 \
            dimensions. Log-sum-exp reduces the rows of a 2000 x 2000 Float matrix with one plain call. \
            Build with `SWIFTOT_NATIVE=1 swift build -c release` for the fastest kernels.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Matrix size n of the n x n x n GEMM.")
    var size = 512

    @Option(name: .long, help: "Timed runs per measurement (the median is reported).")
    var repeats = 20

    init() {}

    func validate() throws {
        guard size >= 1 else { throw ValidationError("--size must be at least 1, got \(size)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
    }

    func run() throws {
        let all = Parallel.threadCount
        var rng = global.makeGenerator()
        let flops = 2 * Double(size) * Double(size) * Double(size)
        let lse = Matrix<Float>.normal(rows: 2000, columns: 2000, using: &rng)
        let lseSeconds = median { _ = lse.logSumExpRows() }
        let report = BenchKernelsReport(
            size: size,
            threads: all,
            repeats: repeats,
            gemmFloatGFLOPS: flops / gemmSeconds(Float.self, threads: all, using: &rng) / 1e9,
            gemmFloatOneThreadGFLOPS: flops / gemmSeconds(Float.self, threads: 1, using: &rng) / 1e9,
            gemmDoubleGFLOPS: flops / gemmSeconds(Double.self, threads: all, using: &rng) / 1e9,
            gemmDoubleOneThreadGFLOPS: flops / gemmSeconds(Double.self, threads: 1, using: &rng) / 1e9,
            pairwiseDimension2NanosecondsPerPair: pairwiseSeconds(dimension: 2, using: &rng) / 4e6 * 1e9,
            pairwiseDimension784NanosecondsPerPair: pairwiseSeconds(dimension: 784, using: &rng) / 4e6 * 1e9,
            logSumExpNanosecondsPerElement: lseSeconds / Double(lse.count) * 1e9)
        try global.printResult(report) { report.table }
    }

    /// The median wall time of `repeats` calls of `body`, in seconds, after one warm-up call.
    func median(_ body: () -> Void) -> Double {
        body()
        let clock = ContinuousClock()
        var seconds = [Double]()
        for _ in 0..<repeats {
            let elapsed = clock.measure { body() }
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        seconds.sort()
        return seconds.count % 2 == 1
            ? seconds[seconds.count / 2] : (seconds[seconds.count / 2 - 1] + seconds[seconds.count / 2]) / 2
    }

    /// Seconds per `size x size x size` product `C ← A B` on `threads` threads.
    func gemmSeconds<S: OTScalar>(_: S.Type, threads: Int, using rng: inout Xoshiro256) -> Double {
        let a = Matrix<S>.uniform(rows: size, columns: size, using: &rng)
        let b = Matrix<S>.uniform(rows: size, columns: size, using: &rng)
        var c = Matrix<S>(rows: size, columns: size)
        let n = size
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    median {
                        GEMM.multiply(
                            transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1, a: pa.baseAddress!,
                            lda: n, b: pb.baseAddress!, ldb: n, beta: 0, c: pc.baseAddress!, ldc: n,
                            threadLimit: threads)
                    }
                }
            }
        }
    }

    /// Seconds per 2000 x 2000 matrix of squared distances between Float points in `dimension` dimensions.
    func pairwiseSeconds(dimension: Int, using rng: inout Xoshiro256) -> Double {
        let x = Matrix<Float>.normal(rows: 2000, columns: dimension, using: &rng)
        let y = Matrix<Float>.normal(rows: 2000, columns: dimension, using: &rng)
        return median { _ = pairwiseSquaredDistances(x, y) }
    }
}

/// The numbers `swiftot bench kernels` prints; the JSON keys are these property names.
struct BenchKernelsReport: Codable {
    var size: Int
    var threads: Int
    var repeats: Int
    var gemmFloatGFLOPS: Double
    var gemmFloatOneThreadGFLOPS: Double
    var gemmDoubleGFLOPS: Double
    var gemmDoubleOneThreadGFLOPS: Double
    var pairwiseDimension2NanosecondsPerPair: Double
    var pairwiseDimension784NanosecondsPerPair: Double
    var logSumExpNanosecondsPerElement: Double

    /// A human-readable table, one measurement per line.
    var table: String {
        func format(_ x: Double) -> String { String(format: "%8.2f", x) }
        let n = "\(size)x\(size)x\(size)"
        return """
            GEMM \(n) Float,  \(threads) threads  \(format(gemmFloatGFLOPS)) GFLOP/s
            GEMM \(n) Float,  1 thread   \(format(gemmFloatOneThreadGFLOPS)) GFLOP/s
            GEMM \(n) Double, \(threads) threads  \(format(gemmDoubleGFLOPS)) GFLOP/s
            GEMM \(n) Double, 1 thread   \(format(gemmDoubleOneThreadGFLOPS)) GFLOP/s
            pairwise distances 2000x2000, d = 2     \(format(pairwiseDimension2NanosecondsPerPair)) ns per pair
            pairwise distances 2000x2000, d = 784   \(format(pairwiseDimension784NanosecondsPerPair)) ns per pair
            log-sum-exp rows 2000x2000 Float, 1 thread  \(format(logSumExpNanosecondsPerElement)) ns per element
            (median of \(repeats) runs after a warm-up)
            """
    }
}
