import OTKernels

/// The sliding-window geometry of a 2-D convolution over NCHW images: a `kernelSize x kernelSize`
/// window moved by `stride` over an image of `channels x height x width` zero-padded by `padding`
/// on every side. The window positions form an `outputHeight x outputWidth` grid with
/// `outputHeight = ⌊(height + 2·padding − kernelSize) / stride⌋ + 1` (likewise the width).
public struct ConvolutionGeometry: Sendable, Equatable, CustomStringConvertible {
    /// Image channels.
    public let channels: Int
    /// Image height.
    public let height: Int
    /// Image width.
    public let width: Int
    /// Side of the square window.
    public let kernelSize: Int
    /// Step between window positions.
    public let stride: Int
    /// Zeros added on each side.
    public let padding: Int

    /// A geometry.
    /// - Precondition: positive sizes and stride, `padding ≥ 0`, and the window fits the padded image.
    public init(channels: Int, height: Int, width: Int, kernelSize: Int, stride: Int, padding: Int) {
        precondition(channels > 0 && height > 0 && width > 0 && kernelSize > 0 && stride > 0 && padding >= 0,
                     "ConvolutionGeometry: sizes and stride must be positive, padding non-negative")
        precondition(height + 2 * padding >= kernelSize && width + 2 * padding >= kernelSize,
                     "ConvolutionGeometry: kernel \(kernelSize) exceeds the padded \(height) x \(width) image")
        self.channels = channels
        self.height = height
        self.width = width
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
    }

    /// Rows of the window grid.
    @inlinable public var outputHeight: Int { (height + 2 * padding - kernelSize) / stride + 1 }
    /// Columns of the window grid.
    @inlinable public var outputWidth: Int { (width + 2 * padding - kernelSize) / stride + 1 }
    /// Window positions per image, `outputHeight · outputWidth`.
    @inlinable public var outputArea: Int { outputHeight * outputWidth }
    /// Values in one window, `channels · kernelSize²` (the rows of the im2col matrix).
    @inlinable public var patchSize: Int { channels * kernelSize * kernelSize }
    /// Values per image, `channels · height · width`.
    @inlinable public var imageSize: Int { channels * height * width }

    /// `"CxHxW,k,s,p"`.
    public var description: String {
        "\(channels)x\(height)x\(width),k\(kernelSize),s\(stride),p\(padding)"
    }

    /// The window columns `lo..<hi` whose kernel column `j` falls inside the image
    /// (`0 ≤ ox·stride − padding + j < width`); the others read padding.
    /// - Complexity: O(1).
    @inlinable
    func validOutputColumns(kernelColumn j: Int) -> (lo: Int, hi: Int) {
        let first = padding - j, last = width - 1 + padding - j
        let lo = first <= 0 ? 0 : min(outputWidth, (first + stride - 1) / stride)
        let hi = last < 0 ? 0 : min(outputWidth, last / stride + 1)
        return (lo, max(lo, hi))
    }

    /// Samples per parallel block so that a block holds at least ~32k values of work.
    @inlinable var minimumSamplesPerBlock: Int { max(1, (1 << 15) / max(1, patchSize * outputArea)) }

    /// im2col: writes the windows of `samples` images into a `patchSize x (samples · outputArea)`
    /// row-major matrix. Row `(c·k + i)·k + j`, column `s·outputArea + oy·outputWidth + ox` holds
    /// `image_s[c, oy·stride − padding + i, ox·stride − padding + j]`, or 0 in the padding.
    /// - Complexity: O(samples · patchSize · outputArea), split over samples across cores.
    @inlinable
    public func imageToColumns<S: OTScalar>(samples: Int, images: UnsafePointer<S>, columns: UnsafeMutablePointer<S>) {
        let k = kernelSize, oh = outputHeight, ow = outputWidth, area = outputArea
        let ld = samples &* area, h = height, w = width, size = imageSize
        Parallel.forEachBlock(count: samples, minimumBlock: minimumSamplesPerBlock) { block in
            for s in block {
                let image = images + s &* size
                for c in 0..<channels {
                    for i in 0..<k {
                        for j in 0..<k {
                            let r: Int = (c &* k &+ i) &* k &+ j
                            let row = columns + (r &* ld &+ s &* area)
                            let (lo, hi) = validOutputColumns(kernelColumn: j)
                            for oy in 0..<oh {
                                let y = oy &* stride &- padding &+ i
                                let out = row + oy &* ow
                                guard y >= 0 && y < h else {
                                    out.update(repeating: 0, count: ow)
                                    continue
                                }
                                let src = image + ((c &* h &+ y) &* w &+ lo &* stride &- padding &+ j)
                                out.update(repeating: 0, count: lo)
                                for ox in lo..<hi { out[ox] = src[(ox &- lo) &* stride] }
                                (out + hi).update(repeating: 0, count: ow &- hi)
                            }
                        }
                    }
                }
            }
        }
    }

    /// col2im, the adjoint of ``imageToColumns(samples:images:columns:)``: overwrites `images` with
    /// the sum, at every image position, of the column entries that window copies of it produced.
    /// - Complexity: O(samples · patchSize · outputArea), split over samples across cores.
    @inlinable
    public func columnsToImage<S: OTScalar>(samples: Int, columns: UnsafePointer<S>, images: UnsafeMutablePointer<S>) {
        let k = kernelSize, oh = outputHeight, ow = outputWidth, area = outputArea
        let ld = samples &* area, h = height, w = width, size = imageSize
        Parallel.forEachBlock(count: samples, minimumBlock: minimumSamplesPerBlock) { block in
            for s in block {
                let image = images + s &* size
                image.update(repeating: 0, count: size)
                for c in 0..<channels {
                    for i in 0..<k {
                        for j in 0..<k {
                            let r: Int = (c &* k &+ i) &* k &+ j
                            let row = columns + (r &* ld &+ s &* area)
                            let (lo, hi) = validOutputColumns(kernelColumn: j)
                            for oy in 0..<oh {
                                let y = oy &* stride &- padding &+ i
                                guard y >= 0 && y < h else { continue }
                                let dst = image + ((c &* h &+ y) &* w &+ lo &* stride &- padding &+ j)
                                let src = row + oy &* ow
                                for ox in lo..<hi { dst[(ox &- lo) &* stride] += src[ox] }
                            }
                        }
                    }
                }
            }
        }
    }
}
