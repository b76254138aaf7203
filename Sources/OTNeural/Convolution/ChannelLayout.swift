import OTKernels

/// Conversions between the batch-major image layout layers exchange (`n x C·L`: one NCHW sample per
/// row, `L` values per channel) and the channel-major layout the convolution GEMMs produce and
/// consume (`C x n·L`: one channel per row, samples side by side), plus per-channel bias helpers.
enum ChannelLayout {
    /// `(n, C·L) → (C, n·L)`: `out[c, s·L + l] = x[s, c·L + l]`.
    /// - Complexity: O(x.count), contiguous runs of `L`.
    static func channelMajor<S: OTScalar>(_ x: Matrix<S>, channels: Int) -> Matrix<S> {
        let n = x.rows, l = x.columns / channels
        var out = Matrix<S>(rows: channels, columns: n * l)
        x.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for s in 0..<n {
                    for c in 0..<channels {
                        let from: Int = (s &* channels &+ c) &* l, to: Int = (c &* n &+ s) &* l
                        (dst.baseAddress! + to).update(from: src.baseAddress! + from, count: l)
                    }
                }
            }
        }
        return out
    }

    /// `(C, n·L) → (n, C·L)`, the inverse of ``channelMajor(_:channels:)``.
    /// - Complexity: O(y.count), contiguous runs of `L`.
    static func batchMajor<S: OTScalar>(_ y: Matrix<S>, samples n: Int) -> Matrix<S> {
        let channels = y.rows, l = y.columns / n
        var out = Matrix<S>(rows: n, columns: channels * l)
        y.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for s in 0..<n {
                    for c in 0..<channels {
                        let from: Int = (c &* n &+ s) &* l, to: Int = (s &* channels &+ c) &* l
                        (dst.baseAddress! + to).update(from: src.baseAddress! + from, count: l)
                    }
                }
            }
        }
        return out
    }

    /// Adds `bias[c]` to every value of channel `c` of the batch-major `y`.
    /// - Complexity: O(y.count).
    static func addBias<S: OTScalar>(_ bias: Matrix<S>, to y: inout Matrix<S>) {
        let channels = bias.count, n = y.rows, l = y.columns / channels
        bias.withUnsafeBufferPointer { b in
            y.withUnsafeMutableBufferPointer { p in
                for s in 0..<n {
                    for c in 0..<channels {
                        let run = p.baseAddress! + (s &* channels &+ c) &* l, v = b[c]
                        for i in 0..<l { run[i] += v }
                    }
                }
            }
        }
    }

    /// Adds the sum of every channel's values of the batch-major `g` into `gradient[c]`.
    /// - Complexity: O(g.count).
    static func accumulateChannelSums<S: OTScalar>(of g: Matrix<S>, into gradient: inout Matrix<S>) {
        let channels = gradient.count, n = g.rows, l = g.columns / channels
        g.withUnsafeBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer { d in
                for s in 0..<n {
                    for c in 0..<channels {
                        let run = p.baseAddress! + (s &* channels &+ c) &* l
                        var t: S = 0
                        for i in 0..<l { t += run[i] }
                        d[c] += t
                    }
                }
            }
        }
    }
}
