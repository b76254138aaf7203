import OTKernels
import OptimalTransport

/// A deep linear network `x = W_N ⋯ W_1 z`, `W_i` of size `d_i x d_{i−1}`: the generator of
/// `N(0, W Wᵀ)` from `z ~ N(0, I_{d0})`. The bottleneck `k = min_i d_i` bounds the rank of `W`.
public struct DeepLinearNetwork: Sendable, Equatable {
    /// `W_1, …, W_N`; `layers[i]` is `widths[i + 1] x widths[i]`.
    public var layers: [Matrix<Double>]

    /// A network over the given layers.
    /// - Throws: ``OTInputError`` if there is no layer, a layer is empty or non-finite, or two
    ///   consecutive layers do not chain (`layers[i + 1].columns != layers[i].rows`).
    public init(layers: [Matrix<Double>]) throws {
        guard !layers.isEmpty else { throw OTInputError("layers is empty; expected at least one layer") }
        for (i, layer) in layers.enumerated() {
            try Validate.points(layer, name: "layer \(i + 1)")
            if i > 0, layer.columns != layers[i - 1].rows {
                throw OTInputError(
                    "layer \(i + 1) is \(layer.rows) x \(layer.columns) but layer \(i) has \(layers[i - 1].rows) rows")
            }
        }
        self.layers = layers
    }

    /// The depth `N`.
    public var depth: Int { layers.count }

    /// `d_0, d_1, …, d_N`.
    public var widths: [Int] { [layers[0].columns] + layers.map(\.rows) }

    /// The bottleneck `k = min_i d_i`.
    public var bottleneck: Int { widths.min()! }

    /// The product `W = W_N ⋯ W_1` (`d_N x d_0`).
    /// - Complexity: O(Σ_i d_i d_{i−1} d_0).
    public var product: Matrix<Double> {
        layers.dropFirst().reduce(layers[0]) { matmul($1, $0) }
    }

    /// The balance `max_j ‖W_{j+1}ᵀ W_{j+1} − W_j W_jᵀ‖_F` (0 for one layer): conserved by gradient
    /// flow, drifting under finite steps.
    /// - Complexity: O(Σ_j d_j² (d_{j−1} + d_{j+1})).
    public var balance: Double {
        var worst = 0.0
        for j in 0..<(layers.count - 1) {
            var difference = matmul(layers[j + 1], layers[j + 1], transposeA: true)
            gemm(alpha: -1, layers[j], layers[j], transposeB: true, beta: 1, into: &difference)
            worst = max(worst, difference.frobeniusNorm)
        }
        return worst
    }
}
