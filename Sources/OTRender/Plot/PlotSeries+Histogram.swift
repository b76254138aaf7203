extension PlotSeries {
    /// A filled histogram of `values`: `bins` equal-width bins over `range` (the finite data's
    /// minimum ... maximum by default), drawn as a ``Style/band`` from 0 up to each bin's count.
    ///
    /// Bin `k` holds the values in `[lo + k·w, lo + (k+1)·w)`, `w = (hi - lo) / bins`; the last bin
    /// also holds `hi`. Values outside `range` and non-finite values are not counted. With
    /// `normalized`, counts are divided by `count · w` so the bars integrate to the counted share
    /// (a density when every value falls in range).
    /// - Precondition: `bins >= 1`.
    /// - Complexity: O(values.count + bins).
    public static func histogram<S: BinaryFloatingPoint>(
        _ name: String, values: [S], bins: Int = 20, range: ClosedRange<Double>? = nil, normalized: Bool = false
    ) -> PlotSeries {
        precondition(bins >= 1, "PlotSeries.histogram '\(name)': bins = \(bins); expected >= 1")
        let finite = values.map { Double($0) }.filter(\.isFinite)
        var (lo, hi) = range.map { ($0.lowerBound, $0.upperBound) } ?? (finite.min() ?? 0, finite.max() ?? 1)
        if !(hi > lo) { (lo, hi) = (lo - 0.5, lo + 0.5) }
        let width = (hi - lo) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for v in finite where v >= lo && v <= hi {
            counts[Swift.min(Int((v - lo) / width), bins - 1)] += 1
        }
        if normalized && !finite.isEmpty { counts = counts.map { $0 / (Double(finite.count) * width) } }
        // Each bin is a flat top from its left to its right edge.
        var x: [Double] = []
        var top: [Double] = []
        for k in 0..<bins {
            let left = lo + Double(k) * width
            let right = k == bins - 1 ? hi : lo + Double(k + 1) * width
            x += [left, right]
            top += [counts[k], counts[k]]
        }
        return .band(name, x: x, lower: [Double](repeating: 0, count: x.count), upper: top)
    }
}
