/// A dense row-major matrix of `Float` or `Double`, stored contiguously.
///
/// `Matrix` is a value type (copy-on-write through its `Array` storage). Point clouds are
/// matrices with one point per row. Element `(i, j)` lives at `elements[i * columns + j]`.
/// Shapes are checked with `precondition`: a wrong shape inside the library is a programmer
/// error; code that reads user input validates shapes first and throws.
public struct Matrix<Scalar: OTScalar>: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Row-major storage; kept internal so the count always matches the shape.
    @usableFromInline var storage: [Scalar]

    /// The elements in row-major order; `elements.count == rows * columns`.
    @inlinable
    public var elements: [Scalar] { storage }

    /// A `rows x columns` matrix filled with `value`.
    /// - Complexity: O(rows * columns).
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A `rows x columns` matrix over row-major `elements`.
    /// - Precondition: `elements.count == rows * columns`.
    @inlinable
    public init(rows: Int, columns: Int, elements: [Scalar]) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows) x \(columns)")
        precondition(elements.count == rows * columns,
                     "Matrix: \(elements.count) elements for shape \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = elements
    }

    /// A matrix from nested rows, `[[1, 2], [3, 4]]`.
    /// - Precondition: every row has the same length.
    @inlinable
    public init(_ nestedRows: [[Scalar]]) {
        let columns = nestedRows.first?.count ?? 0
        precondition(nestedRows.allSatisfy { $0.count == columns }, "Matrix: ragged rows")
        self.init(rows: nestedRows.count, columns: columns, elements: nestedRows.flatMap { $0 })
    }

    /// A `rows x columns` matrix whose element `(i, j)` is `entry(i, j)`.
    /// - Complexity: O(rows * columns) calls of `entry`.
    @inlinable
    public init(rows: Int, columns: Int, entry: (Int, Int) -> Scalar) {
        var elements = [Scalar]()
        elements.reserveCapacity(rows * columns)
        for i in 0..<rows {
            for j in 0..<columns { elements.append(entry(i, j)) }
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    /// The `n x n` identity matrix.
    @inlinable
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// A diagonal matrix with `diagonal` on its diagonal.
    @inlinable
    public static func diagonal(_ diagonal: [Scalar]) -> Matrix {
        var m = Matrix(rows: diagonal.count, columns: diagonal.count)
        for i in diagonal.indices { m[i, i] = diagonal[i] }
        return m
    }

    /// The shape `(rows, columns)`.
    @inlinable
    public var shape: (rows: Int, columns: Int) { (rows, columns) }

    /// Number of elements, `rows * columns`.
    @inlinable
    public var count: Int { elements.count }

    /// Element `(row, column)`, bounds-checked.
    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Matrix: index (\(row), \(column)) out of \(rows) x \(columns)")
            return storage[row &* columns &+ column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Matrix: index (\(row), \(column)) out of \(rows) x \(columns)")
            storage[row &* columns &+ column] = newValue
        }
    }

    /// Row `i` as a new array.
    /// - Complexity: O(columns).
    @inlinable
    public func row(_ i: Int) -> [Scalar] {
        precondition(i >= 0 && i < rows, "Matrix: row \(i) out of \(rows)")
        return Array(elements[(i &* columns)..<((i &+ 1) &* columns)])
    }

    /// Column `j` as a new array.
    /// - Complexity: O(rows).
    @inlinable
    public func column(_ j: Int) -> [Scalar] {
        precondition(j >= 0 && j < columns, "Matrix: column \(j) out of \(columns)")
        return (0..<rows).map { elements[$0 &* columns &+ j] }
    }

    /// The rows `range` as a new matrix (e.g. a minibatch).
    /// - Complexity: O(range.count * columns).
    @inlinable
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "Matrix: rows \(range) out of \(rows)")
        return Matrix(rows: range.count, columns: columns,
                      elements: Array(elements[(range.lowerBound &* columns)..<(range.upperBound &* columns)]))
    }

    /// The rows at `indices`, in that order, as a new matrix.
    /// - Complexity: O(indices.count * columns).
    @inlinable
    public func rows(at indices: [Int]) -> Matrix {
        var out = [Scalar]()
        out.reserveCapacity(indices.count * columns)
        for i in indices {
            precondition(i >= 0 && i < rows, "Matrix: row \(i) out of \(rows)")
            out.append(contentsOf: elements[(i &* columns)..<((i &+ 1) &* columns)])
        }
        return Matrix(rows: indices.count, columns: columns, elements: out)
    }

    /// The same elements viewed as a `rows x columns` matrix.
    /// - Precondition: `rows * columns == count`.
    @inlinable
    public func reshaped(rows: Int, columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, elements: elements)
    }

    /// The transpose, `Aᵀ`.
    /// - Complexity: O(rows * columns), cache-blocked in 32 x 32 tiles; large matrices are split
    ///   by output rows over all cores.
    @inlinable
    public func transposed() -> Matrix {
        let r = rows, c = columns
        let block = 32
        // Every element is written exactly once below, so the storage starts uninitialized: no
        // serial zero-fill pass, and the first-touch page faults are spread over the threads.
        let transposed = [Scalar](unsafeUninitializedCapacity: r &* c) { destination, initialized in
            elements.withUnsafeBufferPointer { source in
                let src = source.baseAddress!, dst = destination.baseAddress!
                // Each block of output rows (source columns) is written by one thread.
                Parallel.forEachBlock(count: c, minimumBlock: Swift.max(block, (1 << 18) / Swift.max(1, r))) { columns in
                    var i0 = 0
                    while i0 < r {
                        let i1 = Swift.min(i0 &+ block, r)
                        var j0 = columns.lowerBound
                        while j0 < columns.upperBound {
                            let j1 = Swift.min(j0 &+ block, columns.upperBound)
                            for i in i0..<i1 {
                                for j in j0..<j1 { dst[j &* r &+ i] = src[i &* c &+ j] }
                            }
                            j0 = j1
                        }
                        i0 = i1
                    }
                }
            }
            initialized = r &* c
        }
        return Matrix(rows: c, columns: r, elements: transposed)
    }

    /// The same matrix converted element by element to another precision.
    @inlinable
    public func converted<Other: OTScalar>(to _: Other.Type = Other.self) -> Matrix<Other> {
        Matrix<Other>(rows: rows, columns: columns, elements: elements.map { Other($0) })
    }

    /// Calls `body` with the contiguous row-major elements.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try elements.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the contiguous row-major elements, mutable. The shape cannot change.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// Whether every element is finite (no NaN, no infinity).
    /// - Complexity: O(count).
    @inlinable
    public var isFinite: Bool { elements.allSatisfy { $0.isFinite } }
}

extension Matrix: CustomStringConvertible {
    /// The matrix printed row by row (at most 8 rows and 8 columns).
    public var description: String {
        var lines = ["Matrix<\(Scalar.self)> \(rows) x \(columns)"]
        for i in 0..<Swift.min(rows, 8) {
            let shown = (0..<Swift.min(columns, 8)).map { "\(self[i, $0])" }.joined(separator: ", ")
            lines.append("  [" + shown + (columns > 8 ? ", ..." : "") + "]")
        }
        if rows > 8 { lines.append("  ...") }
        return lines.joined(separator: "\n")
    }
}
