import OTKernels

extension ConvolutionGeometry {
    /// im2col on a batch: the `patchSize x (n · outputArea)` window matrix of the `n` images stored one
    /// per row of `images` (see ``imageToColumns(samples:images:columns:)``).
    /// - Precondition: `images.columns == imageSize`.
    /// - Complexity: O(n · patchSize · outputArea), split over samples across cores.
    func windowColumns<S: OTScalar>(of images: Matrix<S>) -> Matrix<S> {
        precondition(images.columns == imageSize, "im2col: \(images.columns) values per image, expected \(imageSize)")
        var columns = Matrix<S>(rows: patchSize, columns: images.rows * outputArea)
        images.withUnsafeBufferPointer { px in
            columns.withUnsafeMutableBufferPointer { pc in
                imageToColumns(samples: images.rows, images: px.baseAddress!, columns: pc.baseAddress!)
            }
        }
        return columns
    }

    /// col2im on a batch: the `n x imageSize` images (one per row) that sum the window matrix
    /// `columns` of `n` samples (see ``columnsToImage(samples:columns:images:)``).
    /// - Precondition: `columns` is `patchSize x (n · outputArea)`.
    /// - Complexity: O(n · patchSize · outputArea), split over samples across cores.
    func images<S: OTScalar>(summingWindowColumns columns: Matrix<S>, samples n: Int) -> Matrix<S> {
        precondition(columns.rows == patchSize && columns.columns == n * outputArea,
                     "col2im: window matrix is \(columns.rows) x \(columns.columns), expected \(patchSize) x \(n * outputArea)")
        var images = Matrix<S>(rows: n, columns: imageSize)
        columns.withUnsafeBufferPointer { pc in
            images.withUnsafeMutableBufferPointer { px in
                columnsToImage(samples: n, columns: pc.baseAddress!, images: px.baseAddress!)
            }
        }
        return images
    }
}
