import Foundation
import OTData
import OTKernels
import Testing

@Suite struct MNISTTests {
    /// The real (gzip) MNIST files: `$SWIFTOT_MNIST` if set, otherwise `shared/data/mnist` in the
    /// nearest ancestor of the package root holding it (`../shared/data/mnist` in a clone
    /// beside `shared`, one level further up in a worktree under `wt/`).
    static let realFolder: String? = {
        func holdsMNIST(_ folder: String) -> Bool {
            FileManager.default.fileExists(atPath: folder + "/train-images-idx3-ubyte.gz")
        }
        if let folder = ProcessInfo.processInfo.environment["SWIFTOT_MNIST"] {
            return holdsMNIST(folder) ? folder : nil
        }
        var directory = URL(fileURLWithPath: #filePath)  // .../Tests/OTDataTests/MNISTTests.swift
        for _ in 0..<3 { directory.deleteLastPathComponent() }  // the package root
        while directory.path != "/" {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("shared/data/mnist").path
            if holdsMNIST(candidate) { return candidate }
        }
        return nil
    }()

    /// Writes a fake MNIST folder: `train` with 3 images (gzip), `t10k` with 2 (plain), 2 x 3 pixels.
    func writeFakeFolder(_ dir: String, trainLabels: [UInt8] = [7, 0, 9]) throws {
        let trainPixels: [UInt8] = (0..<18).map { UInt8($0 * 15) }
        let testPixels: [UInt8] = [255, 0, 51, 102, 153, 204, 1, 2, 3, 4, 5, 6]
        try writeFixture(Gzip.compress(idxBytes(type: 0x08, dimensions: [3, 2, 3], payload: trainPixels)),
                         to: dir + "/train-images-idx3-ubyte.gz")
        let labelFile = idxBytes(type: 0x08, dimensions: [UInt32(trainLabels.count)], payload: trainLabels)
        try writeFixture(Gzip.compress(labelFile),
                         to: dir + "/train-labels-idx1-ubyte.gz")
        try writeFixture(idxBytes(type: 0x08, dimensions: [2, 2, 3], payload: testPixels),
                         to: dir + "/t10k-images-idx3-ubyte")
        try writeFixture(idxBytes(type: 0x08, dimensions: [2], payload: [3, 1]), to: dir + "/t10k-labels-idx1-ubyte")
    }

    @Test func loadsFakeFolder() throws {
        try withTemporaryDirectory { dir in
            try writeFakeFolder(dir)
            let mnist = try MNIST.load(folder: dir)
            #expect(mnist.train.images.shape == (3, 6) && mnist.train.height == 2 && mnist.train.width == 3)
            #expect(mnist.train.labels == [7, 0, 9])
            let expectedRow: [Float] = (6..<12).map { Float($0 * 15) * (1 / 255) }
            #expect(mnist.train.images.row(1) == expectedRow)
            #expect(mnist.test.images.shape == (2, 6) && mnist.test.labels == [3, 1])
            // Pixels 255 and 0 map to exactly 1 and 0; 51 = 255 / 5 to 0.2 within one rounding.
            #expect(mnist.test.images[0, 0] == 1 && mnist.test.images[0, 1] == 0)
            #expect(abs(mnist.test.images[0, 2] - 0.2) <= Float.ulpOfOne)
        }
    }

    @Test func missingFileNamesFileAndFolder() throws {
        try withTemporaryDirectory { dir in
            try writeFakeFolder(dir)
            try FileManager.default.removeItem(atPath: dir + "/t10k-labels-idx1-ubyte")
            let error = dataFileError { _ = try MNIST.load(folder: dir) }
            #expect(error == .missingFile(name: "t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz)", folder: dir))
            expectClearError(error, path: dir, fragment: "missing file t10k-labels-idx1-ubyte")
            let nowhere = dir + "/nowhere"
            #expect(dataFileError { _ = try MNIST.load(folder: nowhere) }
                == .cannotRead(path: nowhere, reason: "No such file or directory"))
            // The training part alone does not need the test files.
            #expect(try MNIST.load(.train, folder: dir).labels.count == 3)
        }
    }

    @Test func labelCountMustMatchImageCount() throws {
        try withTemporaryDirectory { dir in
            try writeFakeFolder(dir, trainLabels: [1, 2])
            expectClearError(dataFileError { _ = try MNIST.load(.train, folder: dir) },
                             path: dir + "/train-labels-idx1-ubyte.gz",
                             fragment: "2 labels for the 3 images of \(dir)/train-images-idx3-ubyte.gz")
        }
    }

    @Test func imagesMustBeThreeDimensionalBytes() throws {
        try withTemporaryDirectory { dir in
            try writeFakeFolder(dir)
            let path = dir + "/t10k-images-idx3-ubyte"
            let flat = idxBytes(type: 0x08, dimensions: [2, 6], payload: Array(repeating: 0, count: 12))
            try writeFixture(flat, to: path)
            expectClearError(dataFileError { _ = try MNIST.load(.test, folder: dir) }, path: path,
                             fragment: "found 2-D uint8, expected 3-D uint8")
        }
    }

    @Test(.enabled(if: realFolder != nil,
                   """
                   the MNIST files are absent (no train-images-idx3-ubyte.gz in $SWIFTOT_MNIST, or if \
                   unset, in shared/data/mnist above the package root)
                   """))
    func readsRealMNIST() throws {
        let mnist = try MNIST.load(folder: try #require(Self.realFolder))
        #expect(mnist.train.images.shape == (60_000, 784) && mnist.test.images.shape == (10_000, 784))
        #expect(mnist.train.height == 28 && mnist.train.width == 28)
        // The published class counts of MNIST (LeCun et al.), train and test.
        func counts(_ labels: [UInt8]) -> [Int] { (0...9).map { c in labels.count { $0 == c } } }
        #expect(counts(mnist.train.labels) == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        #expect(counts(mnist.test.labels) == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        // Pixels 0...255 scale to [0, 1]; the first 1000 images already hold both ends (a
        // scan of all 47M pixels takes seconds in a debug build).
        let pixels = mnist.train.images.rows(0..<1000).elements
        #expect(pixels.min() == 0 && pixels.max() == 1)
    }
}
