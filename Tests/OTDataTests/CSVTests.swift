import OTData
import OTKernels
import Testing

@Suite struct CSVTests {
    /// Writes `text` to a file in a fresh directory and calls `body` with its path.
    func withCSV(_ text: String, _ body: (String) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/table.csv"
            try writeFixture(Array(text.utf8), to: path)
            try body(path)
        }
    }

    @Test func readsHandWrittenFileWithHeaderCRLFAndBlankLines() throws {
        try withCSV("\"x\", y\r\n1, 2.5\r\n\r\n  -3,4e-2\n\n") { path in
            let table = try CSV.read(from: path, as: Double.self)
            #expect(table.columnNames == ["x", "y"])
            #expect(table.matrix == Matrix([[1, 2.5], [-3, 0.04]]))
        }
    }

    @Test func headerOptionsOverrideDetection() throws {
        try withCSV("1,2\n3,4\n") { path in
            #expect(try CSV.read(from: path, as: Float.self).columnNames == nil)
            let forced = try CSV.read(from: path, as: Float.self, options: CSVOptions(header: .present))
            #expect(forced.columnNames == ["1", "2"])
            #expect(forced.matrix == Matrix([[3, 4]]))
        }
        try withCSV("a;b\n1;2\n") { path in
            let matrix = try Matrix<Float>(csvAt: path, options: CSVOptions(separator: UInt8(ascii: ";")))
            #expect(matrix == Matrix([[1, 2]]))
        }
    }

    @Test func floatIsParsedWithoutDoubleRounding() throws {
        // 1 + 3 * 2^-24 is halfway between the floats 1 + 2^-23 and 1 + 2^-22. The text is just
        // below it, so the correctly rounded Float is 1 + 2^-23; parsing as Double first lands
        // exactly on the halfway point, which then rounds to even: 1 + 2^-22.
        try withCSV("1.00000017881393432617187499\n") { path in
            let matrix = try Matrix<Float>(csvAt: path)
            #expect(matrix[0, 0] == 1 + 0x1p-23)
        }
    }

    @Test(arguments: [(0, 2), (1, 1), (9, 4)])
    func roundTripIsBitExact(rows: Int, columns: Int) throws {
        var rng = Xoshiro256(seed: UInt64(7 * rows + columns))
        let double = Matrix<Double>.normal(rows: rows, columns: columns, standardDeviation: 1e5, using: &rng)
        let float = Matrix<Float>.normal(rows: rows, columns: columns, standardDeviation: 1e-5, using: &rng)
        let names = (0..<columns).map { "c\($0)" }
        try withTemporaryDirectory { dir in
            try double.writeCSV(to: dir + "/d.csv", columnNames: names)
            try float.writeCSV(to: dir + "/f.csv")
            let table = try CSV.read(from: dir + "/d.csv", as: Double.self)
            #expect(table.columnNames == names)
            #expect(table.matrix == double)
            #expect(try Matrix<Float>(csvAt: dir + "/f.csv") == (rows == 0 ? Matrix(rows: 0, columns: 0) : float))
        }
    }

    @Test func raggedRowNamesLineAndCounts() throws {
        try withCSV("1,2,3\n\n4,5\n") { path in
            let error = dataFileError { _ = try Matrix<Double>(csvAt: path) }
            #expect(error == .raggedRow(path: path, line: 3, expected: 3, found: 2))
            expectClearError(error, path: path, fragment: ":3: row has 2 fields, expected 3")
        }
    }

    @Test func unparsableNumberNamesLineAndColumn() throws {
        try withCSV("a,b\n1,2\n3,x7\n") { path in
            let error = dataFileError { _ = try Matrix<Float>(csvAt: path) }
            #expect(error == .unparsableNumber(path: path, line: 3, column: 2, text: "x7"))
            expectClearError(error, path: path, fragment: ":3:2: expected a number, found 'x7'")
        }
        // A first line mixing names and numbers is data with a bad field, not a header.
        try withCSV("1,abc\n") { path in
            #expect(dataFileError { _ = try Matrix<Float>(csvAt: path) }
                == .unparsableNumber(path: path, line: 1, column: 2, text: "abc"))
        }
        try withCSV("1,,2\n") { path in
            #expect(dataFileError { _ = try Matrix<Float>(csvAt: path) }
                == .unparsableNumber(path: path, line: 1, column: 2, text: ""))
        }
    }

    @Test func nonFiniteValuesAreRejectedUnlessAllowed() throws {
        try withCSV("1,2\n3,nan\n") { path in
            let error = dataFileError { _ = try Matrix<Double>(csvAt: path) }
            #expect(error == .nonFiniteValue(path: path, line: 2, column: 2, text: "nan"))
            expectClearError(error, path: path, fragment: ":2:2: expected a finite number, found 'nan'")
            let allowed = try Matrix<Double>(csvAt: path, options: CSVOptions(allowsNonFinite: true))
            #expect(allowed[1, 1].isNaN && allowed[1, 0] == 3)
        }
        // 1e39 overflows Float to infinity, which is non-finite too.
        try withCSV("1e39\n") { path in
            #expect(dataFileError { _ = try Matrix<Float>(csvAt: path) }
                == .nonFiniteValue(path: path, line: 1, column: 1, text: "1e39"))
            let matrix = try Matrix<Double>(csvAt: path)
            #expect(matrix[0, 0] == 1e39)
        }
    }
}
