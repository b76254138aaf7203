import ArgumentParser
import OTData
import OTKernels
import OptimalTransport

/// `swiftot bures`: the Bures-Wasserstein distance between two covariance matrices read from files.
struct Bures: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bures-Wasserstein distance between two covariance matrices (NPY or CSV files).",
        discussion: """
            BW²(A, B) = tr A + tr B − 2 tr (A^{1/2} B A^{1/2})^{1/2}, the squared 2-Wasserstein distance \
            between N(0, A) and N(0, B); exact for rank-deficient matrices.
            """)

    @OptionGroup var global: GlobalOptions

    /// The first covariance matrix.
    @Option(help: "The first covariance matrix A (.npy or .csv, square, symmetric, PSD).")
    var a: String

    /// The second covariance matrix.
    @Option(help: "The second covariance matrix B (.npy or .csv, same dimension as A).")
    var b: String

    init() {}

    /// The printed result.
    struct Output: Encodable {
        let squaredDistance: Double
        let distance: Double
        let dimension: Int
    }

    func run() throws {
        let ma = try Matrix<Double>(dataFileAt: a), mb = try Matrix<Double>(dataFileAt: b)
        let squared = try BuresWasserstein.squaredDistance(ma, mb)
        let output = Output(squaredDistance: squared, distance: squared.squareRoot(), dimension: ma.rows)
        try global.printResult(output) {
            "BW²(A, B) = \(squared)\nBW(A, B)  = \(output.distance)"
        }
    }
}
