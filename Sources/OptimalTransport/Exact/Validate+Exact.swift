import OTKernels

extension Validate {
    /// The relative mass mismatch `|Σa − Σb| / max(Σa, Σb)` that the exact solvers accept by
    /// default: the same order as POT's `emd` check (6 decimals), loose enough for weights read
    /// from text files, tight enough to catch a wrong or missing weight.
    public static let defaultMassTolerance = 1e-6

    /// Checks two valid weight vectors for equal total mass and returns the factor `Σa / Σb`
    /// that rescales `b` to the mass of `a`.
    ///
    /// Exact (balanced) transport needs `Σa = Σb`. Masses that differ by at most `tolerance`
    /// relative to the larger one are taken as equal up to rounding: the solvers move the mass of
    /// `a` and rescale `b` by the returned factor. A larger difference is an input error.
    /// - Throws: ``OTInputError`` naming both arguments and their sums.
    /// - Complexity: O(a.count + b.count).
    public static func balancedMass<S: OTScalar>(
        _ a: [S], _ b: [S], tolerance: Double, names: (String, String)
    ) throws -> S {
        let massA = a.reduce(0.0) { $0 + Double($1) }, massB = b.reduce(0.0) { $0 + Double($1) }
        guard abs(massA - massB) <= tolerance * max(massA, massB) else {
            throw OTInputError(
                "\(names.0) sums to \(massA) but \(names.1) sums to \(massB); exact transport needs equal total"
                    + " mass (relative tolerance \(tolerance)); normalize both to sum 1 or use unbalanced Sinkhorn")
        }
        return S(massA / massB)
    }

    /// Throws unless `value` is a finite exponent `p >= 1` (the order of a Wasserstein distance).
    public static func wassersteinOrder<S: OTScalar>(_ value: S, name: String) throws {
        guard value.isFinite, value >= 1 else {
            throw OTInputError("\(name) = \(value); expected a finite order p >= 1")
        }
    }

    /// Throws unless `cost` is `rows x columns` with only finite entries.
    public static func costMatrix<S: OTScalar>(_ cost: Matrix<S>, rows: Int, columns: Int, name: String) throws {
        guard cost.rows == rows, cost.columns == columns else {
            throw OTInputError(
                "\(name) is \(cost.rows) x \(cost.columns); expected \(rows) x \(columns)"
                    + " (source count x target count)")
        }
        if let bad = cost.elements.firstIndex(where: { !$0.isFinite }) {
            throw OTInputError(
                "\(name) has a non-finite value \(cost.elements[bad]) at row \(bad / columns), column \(bad % columns)")
        }
    }

    /// Throws unless `values` is non-empty and finite (the coordinates of points on the line).
    public static func finiteValues<S: OTScalar>(_ values: [S], name: String) throws {
        guard !values.isEmpty else { throw OTInputError("\(name) is empty; expected at least one point") }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw OTInputError("\(name)[\(bad)] = \(values[bad]); expected a finite coordinate")
        }
    }
}
