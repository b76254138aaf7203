import OTData
import OTKernels
import Testing

@Suite struct DataFileTests {
    @Test(arguments: ["points.npy", "points.csv", "POINTS.NPY"])
    func formatFollowsTheName(name: String) throws {
        let points = Matrix<Double>([[1, -2.5], [0.125, 3]])
        try withTemporaryDirectory { dir in
            try points.write(toDataFile: dir + "/" + name)
            #expect(try Matrix<Double>(dataFileAt: dir + "/" + name) == points)
            // The bytes are really in the named format: an NPY file starts with its magic.
            let bytes = try readFixture(dir + "/" + name)
            #expect((bytes.first == 0x93) == name.lowercased().hasSuffix(".npy"))
        }
    }

    @Test func idxFilesReadAsMatrices() throws {
        try withTemporaryDirectory { dir in
            try writeFixture(Gzip.compress(idxBytes(type: 0x08, dimensions: [2, 1, 2], payload: [1, 2, 3, 4])),
                             to: dir + "/images.gz")
            #expect(try Matrix<Float>(dataFileAt: dir + "/images.gz") == Matrix([[1, 2], [3, 4]]))
        }
    }

    @Test func unknownEndingIsAnError() throws {
        let path = "/tmp/points.txt"
        expectClearError(dataFileError { _ = try Matrix<Float>(dataFileAt: path) }, path: path,
                         fragment: "unknown file format (expected a name ending in .npy, .csv")
        expectClearError(dataFileError { try Matrix<Float>(rows: 1, columns: 1).write(toDataFile: path) },
                         path: path, fragment: "expected a name ending in .npy or .csv")
    }
}
