/// Input checks and conversions shared by the factorizations in this folder: they validate a
/// user's matrix once at the API edge and hand the algorithms a `Double` copy.
enum DenseInput {
    /// The elements of `a` as `Double`, after checking that they are finite.
    /// - Throws: ``LinearAlgebraError/nonFinite(operation:row:column:)`` at the first NaN or infinity.
    /// - Complexity: O(rows * columns).
    static func finiteElements<S: OTScalar>(_ a: Matrix<S>, operation: String) throws -> [Double] {
        let out = doubles(a.elements)
        if let bad = out.firstIndex(where: { !$0.isFinite }) {
            throw LinearAlgebraError.nonFinite(operation: operation, row: bad / a.columns, column: bad % a.columns)
        }
        return out
    }

    /// `x` converted to `Double`: free for `Double`, one concrete loop for `Float` (the generic
    /// conversion goes through `BinaryFloatingPoint` witnesses element by element).
    /// - Complexity: O(x.count).
    static func doubles<S: OTScalar>(_ x: [S]) -> [Double] {
        if S.self == Double.self { return unsafeBitCast(x, to: [Double].self) }
        if S.self == Float.self { return unsafeBitCast(x, to: [Float].self).map { Double($0) } }
        return x.map { Double($0) }
    }

    /// `x` rounded to `S`: free for `Double`, one concrete loop for `Float`.
    /// - Complexity: O(x.count).
    static func scalars<S: OTScalar>(_ x: [Double], as _: S.Type = S.self) -> [S] {
        if S.self == Double.self { return unsafeBitCast(x, to: [S].self) }
        if S.self == Float.self { return unsafeBitCast(x.map { Float($0) }, to: [S].self) }
        return x.map { S($0) }
    }

    /// The `Double` matrix `m` rounded to `S`.
    /// - Complexity: O(rows * columns).
    static func matrix<S: OTScalar>(_ m: Matrix<Double>, as _: S.Type = S.self) -> Matrix<S> {
        Matrix(rows: m.rows, columns: m.columns, elements: scalars(m.elements))
    }

    /// The elements of a finite square matrix that is symmetric within `relativeTolerance * max|A_ij|`,
    /// converted to `Double` and symmetrized as `(A + Aᵀ) / 2`.
    /// - Throws: ``LinearAlgebraError`` when `a` is not square, not finite, or not symmetric.
    /// - Complexity: O(n²).
    static func symmetricElements<S: OTScalar>(
        _ a: Matrix<S>, relativeTolerance: S, operation: String
    ) throws -> [Double] {
        guard a.rows == a.columns else {
            throw LinearAlgebraError.notSquare(operation: operation, rows: a.rows, columns: a.columns)
        }
        guard relativeTolerance >= 0, relativeTolerance.isFinite else {
            throw LinearAlgebraError.invalidArgument(
                operation: operation, name: "tolerance", detail: "= \(relativeTolerance); expected a finite value >= 0")
        }
        var out = try finiteElements(a, operation: operation)
        let n = a.rows
        let largest = out.reduce(0) { max($0, abs($1)) }
        let tolerance = Double(relativeTolerance) * largest
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let upper = out[i * n + j], lower = out[j * n + i]
                let gap = abs(upper - lower)
                if gap > tolerance {
                    throw LinearAlgebraError.notSymmetric(
                        operation: operation, row: i, column: j, asymmetry: gap, tolerance: tolerance)
                }
                let mean = 0.5 * upper + 0.5 * lower  // no overflow near the largest finite value
                out[i * n + j] = mean
                out[j * n + i] = mean
            }
        }
        return out
    }

    /// The power of two `2^-e` that brings the largest magnitude of `x` into `[0.5, 1)`, or 1 when
    /// `x` is all zero. Multiplying by it is exact, and it keeps sums of squares far from overflow.
    /// - Complexity: O(x.count).
    static func powerOfTwoScale(_ x: [Double]) -> Double {
        let largest = x.reduce(0) { max($0, abs($1)) }
        guard largest > 0 else { return 1 }
        return Double(sign: .plus, exponent: -(largest.exponent + 1), significand: 1)
    }

    /// The `rows x columns` row-major `x` transposed.
    /// - Complexity: O(rows * columns).
    static func transpose(_ x: [Double], rows: Int, columns: Int) -> [Double] {
        Matrix<Double>(rows: rows, columns: columns, elements: x).transposed().elements
    }
}
