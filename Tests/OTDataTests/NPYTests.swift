import OTData
import OTKernels
import Testing

/// Reference files produced once with numpy 2.4.6 (system python3):
/// ```
/// import numpy as np, io
/// b = io.BytesIO(); np.save(b, np.array([[1.5, -2.0, 3.25], [0.0, 1e-3, -7.0]], dtype='<f4'))
/// b = io.BytesIO(); np.lib.format.write_array(b, np.array([1.0, -0.5, 2.0**-20], dtype='<f8'), version=(2, 0))
/// ```
/// and `b.getvalue()` printed as hex.
enum NumpyReference {
    /// `np.save` of the 2 x 3 float32 array `[[1.5, -2, 3.25], [0, 1e-3, -7]]` (format 1.0).
    static let float32Matrix: [UInt8] = [
        0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 0x01, 0x00, 0x76, 0x00, 0x7B, 0x27, 0x64, 0x65, 0x73, 0x63,
        0x72, 0x27, 0x3A, 0x20, 0x27, 0x3C, 0x66, 0x34, 0x27, 0x2C, 0x20, 0x27, 0x66, 0x6F, 0x72, 0x74,
        0x72, 0x61, 0x6E, 0x5F, 0x6F, 0x72, 0x64, 0x65, 0x72, 0x27, 0x3A, 0x20, 0x46, 0x61, 0x6C, 0x73,
        0x65, 0x2C, 0x20, 0x27, 0x73, 0x68, 0x61, 0x70, 0x65, 0x27, 0x3A, 0x20, 0x28, 0x32, 0x2C, 0x20,
        0x33, 0x29, 0x2C, 0x20, 0x7D, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x0A,
        0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x50, 0x40, 0x00, 0x00, 0x00, 0x00,
        0x6F, 0x12, 0x83, 0x3A, 0x00, 0x00, 0xE0, 0xC0,
    ]
    /// The float32 array above, as written in the Python source.
    static let float32Values: [[Float]] = [[1.5, -2, 3.25], [0, 1e-3, -7]]

    /// `write_array(..., version=(2, 0))` of the float64 vector `[1, -0.5, 2^-20]`.
    static let float64VectorVersion2: [UInt8] = [
        0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 0x02, 0x00, 0x74, 0x00, 0x00, 0x00, 0x7B, 0x27, 0x64, 0x65,
        0x73, 0x63, 0x72, 0x27, 0x3A, 0x20, 0x27, 0x3C, 0x66, 0x38, 0x27, 0x2C, 0x20, 0x27, 0x66, 0x6F,
        0x72, 0x74, 0x72, 0x61, 0x6E, 0x5F, 0x6F, 0x72, 0x64, 0x65, 0x72, 0x27, 0x3A, 0x20, 0x46, 0x61,
        0x6C, 0x73, 0x65, 0x2C, 0x20, 0x27, 0x73, 0x68, 0x61, 0x70, 0x65, 0x27, 0x3A, 0x20, 0x28, 0x33,
        0x2C, 0x29, 0x2C, 0x20, 0x7D, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x0A,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0xBF,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xB0, 0x3E,
    ]
}

/// The ``DataFileError`` `body` throws, or nil if it throws nothing (or another error).
func dataFileError(_ body: () throws -> Void) -> DataFileError? {
    do { try body() } catch { return error as? DataFileError }
    return nil
}

/// Checks the contract every ``DataFileError`` keeps: one line, starting with the file's path,
/// holding `fragment`.
func expectClearError(_ error: DataFileError?, path: String, fragment: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error else {
        Issue.record("expected an error about \(path) holding '\(fragment)'", sourceLocation: sourceLocation)
        return
    }
    #expect(error.path == path, sourceLocation: sourceLocation)
    #expect(error.description.hasPrefix(path), sourceLocation: sourceLocation)
    #expect(error.description.contains(fragment), "\(error.description)", sourceLocation: sourceLocation)
    #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
}

@Suite struct NPYTests {
    @Test func readsNumpyFloat32File() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/ref.npy"
            try writeFixture(NumpyReference.float32Matrix, to: path)
            #expect(try Matrix<Float>(npyAt: path) == Matrix(NumpyReference.float32Values))
            // float32 -> Double is exact, so the Double read is the widened Float values.
            let widened = Matrix(NumpyReference.float32Values.map { $0.map(Double.init) })
            #expect(try Matrix<Double>(npyAt: path) == widened)
            #expect(try NPY.read(from: path, as: Float.self).shape == [2, 3])
        }
    }

    @Test func writesTheBytesNumpyWrites() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/out.npy"
            try Matrix(NumpyReference.float32Values).writeNPY(to: path)
            #expect(try readFixture(path) == NumpyReference.float32Matrix)
            // Version 1.0 of the float64 reference: a 2-byte length field (2 bytes shorter than
            // version 2.0's), so numpy pads the text 2 bytes more and the data still starts at 128.
            try [1.0, -0.5, 0x1p-20].writeNPY(to: path)
            let written = try readFixture(path)
            #expect(written.count == 128 + 24)
            #expect(Array(written.prefix(8)) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
            #expect(written.suffix(24) == NumpyReference.float64VectorVersion2.suffix(24))
        }
    }

    @Test func readsVersion2Float64Vector() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/v2.npy"
            try writeFixture(NumpyReference.float64VectorVersion2, to: path)
            #expect(try [Double](npyAt: path) == [1, -0.5, 0x1p-20])
            #expect(try [Float](npyAt: path) == [1, -0.5, 0x1p-20])
            #expect(try Matrix<Double>(npyAt: path) == Matrix([[1], [-0.5], [0x1p-20]]))
        }
    }

    @Test(arguments: [(0, 3), (1, 1), (7, 5), (64, 33)])
    func roundTripIsBitExact(rows: Int, columns: Int) throws {
        var rng = Xoshiro256(seed: UInt64(rows * 100 + columns))
        let double = Matrix<Double>.normal(rows: rows, columns: columns, using: &rng)
        let float = Matrix<Float>.normal(rows: rows, columns: columns, using: &rng)
        try withTemporaryDirectory { dir in
            try double.writeNPY(to: dir + "/d.npy")
            try float.writeNPY(to: dir + "/f.npy")
            #expect(try Matrix<Double>(npyAt: dir + "/d.npy") == double)
            #expect(try Matrix<Float>(npyAt: dir + "/f.npy") == float)
            // Writing Double as float32 rounds each element to nearest, as Float(_:) does.
            try double.writeNPY(to: dir + "/d32.npy", as: .float32)
            #expect(try Matrix<Float>(npyAt: dir + "/d32.npy") == double.converted(to: Float.self))
            #expect(try NPY.read(from: dir + "/f.npy", as: Float.self).shape == [rows, columns])
        }
    }

    @Test func largeHeaderUsesVersion2() throws {
        // 25_000 dimensions of "1, " make a header longer than version 1.0's 65535-byte limit.
        let shape = Array(repeating: 1, count: 25_000) + [3]
        let array = NPYArray<Float>(shape: shape, elements: [1, 2, 3])
        try withTemporaryDirectory { dir in
            try NPY.write(array, to: dir + "/big.npy")
            let bytes = try readFixture(dir + "/big.npy")
            #expect(bytes[6] == 2)
            #expect(try NPY.read(from: dir + "/big.npy", as: Float.self) == array)
        }
    }

    /// Each malformed file and a fragment its error message must hold.
    static let badFiles: [(name: String, bytes: [UInt8], fragment: String)] = {
        let good = NumpyReference.float32Matrix
        return [
            ("magic", [0x50, 0x4B, 0x03, 0x04] + good.dropFirst(4),
             "not a valid NPY file (its first bytes are 50 4B 03 04"),
            ("int32", replacing("'<f4'", with: "'<i4'", in: good), "unsupported element type '<i4'"),
            ("bigendian", replacing("'<f4'", with: "'>f4'", in: good), "'>f4' (big-endian)"),
            ("fortran", replacing("False", with: "True ", in: good), "fortran_order is True, expected C order"),
            ("truncated", Array(good.dropLast(3)), "expected 24 bytes of data for shape (2, 3) of '<f4', found 21"),
            ("trailing", good + [0, 0, 0, 0], "4 bytes remain after the data"),
            ("cutheader", Array(good.prefix(40)), "expected 128 bytes of NPY header, found 40"),
            ("unknownkey", replacing("'shape'", with: "'shapx'", in: good), "unexpected key 'shapx'"),
            ("notuple", replacing("(2, 3)", with: "[2, 3]", in: good), "expected a string, a tuple, True or False"),
            ("version", replacing("NUMPY\u{01}", with: "NUMPY\u{07}", in: good), "format version 7.0"),
            ("empty", [], "expected 6 bytes of NPY magic, found 0"),
        ]
    }()

    @Test(arguments: badFiles)
    func badFileGivesClearError(name: String, bytes: [UInt8], fragment: String) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/\(name).npy"
            try writeFixture(bytes, to: path)
            expectClearError(dataFileError { _ = try Matrix<Float>(npyAt: path) }, path: path, fragment: fragment)
        }
    }

    @Test func errorCasesCarryTheirFields() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/x.npy"
            try writeFixture(replacing("'<f4'", with: "'<i4'", in: NumpyReference.float32Matrix), to: path)
            #expect(dataFileError { _ = try Matrix<Float>(npyAt: path) }
                == .unsupportedElementType(path: path, found: "'<i4'",
                                           expected: "'<f4' or '<f8', little-endian float32 or float64"))
            let missing = dir + "/absent.npy"
            #expect(dataFileError { _ = try Matrix<Float>(npyAt: missing) }
                == .cannotRead(path: missing, reason: "No such file or directory"))
            // A 3-D array is a valid NPY file but neither a matrix nor a vector.
            try NPY.write(NPYArray<Double>(shape: [2, 1, 2], elements: [1, 2, 3, 4]), to: path)
            expectClearError(dataFileError { _ = try Matrix<Double>(npyAt: path) }, path: path,
                             fragment: "shape (2, 1, 2), expected 1-D or 2-D")
            try Matrix<Double>(rows: 2, columns: 2).writeNPY(to: path)
            expectClearError(dataFileError { _ = try [Double](npyAt: path) }, path: path,
                             fragment: "shape (2, 2), expected 1-D (or 2-D with one row or column)")
        }
    }
}
