import OTKernels

extension SemiDiscreteKernel {
    /// `row[j] ← row[j] + offsets[j]` for `j < count`; returns the maximum of the new values,
    /// in `S.Vector` lanes.
    /// - Complexity: O(count).
    @inlinable @inline(__always)
    static func addOffsetsAndMaximum<S: OTScalar>(
        _ row: UnsafeMutablePointer<S>, offsets: UnsafePointer<S>, count: Int
    ) -> S {
        let width = S.Vector.scalarCount
        var best = S.Vector(repeating: -S.infinity)
        var j = 0
        while j &+ width <= count {
            let v = VectorAccess.load(UnsafePointer(row + j)) + VectorAccess.load(offsets + j)
            VectorAccess.store(v, to: row + j)
            best = VectorMaximum.maximum(best, v)
            j &+= width
        }
        var result = best.max()
        while j < count {
            let v = row[j] + offsets[j]
            row[j] = v
            if v > result { result = v }
            j &+= 1
        }
        return result
    }

    /// `Σ_{j < count} exp(row[j] − shift)` (``VectorExp``); with `store`, also `row[j] ← exp(row[j] − shift)`.
    /// - Complexity: O(count) vector exponentials.
    @inlinable @inline(__always)
    static func sumOfExponentials<S: OTScalar>(
        _ row: UnsafeMutablePointer<S>, count: Int, shift: S, store: Bool
    ) -> S {
        let width = S.Vector.scalarCount
        let s = S.Vector(repeating: shift)
        var sum = S.Vector(repeating: 0)
        var j = 0
        while j &+ width <= count {
            let e = VectorExp.exp(VectorAccess.load(UnsafePointer(row + j)) - s)
            if store { VectorAccess.store(e, to: row + j) }
            sum += e
            j &+= width
        }
        if j < count {
            let rest = count &- j
            // The tail is padded with −∞, whose exponential is 0.
            let e = VectorExp.exp(VectorAccess.load(UnsafePointer(row + j), count: rest, padding: -S.infinity) - s)
            if store { VectorAccess.store(e, to: row + j, count: rest) }
            sum += e
        }
        return sum.sum()
    }

    /// Soft assignments of one row on the columns `columns`: `p_j = exp(row[j] − shift)`, stored
    /// back into `row` when `keep`, and `mass[j] += weight · p_j` when `mass` is given.
    /// - Complexity: O(columns.count) vector exponentials.
    @inlinable @inline(__always)
    static func assign<S: OTScalar>(
        _ row: UnsafeMutablePointer<S>, columns: Range<Int>, shift: S, weight: S, keep: Bool,
        mass: UnsafeMutablePointer<S>?
    ) {
        let width = S.Vector.scalarCount
        let s = S.Vector(repeating: shift), w = S.Vector(repeating: weight)
        var j = columns.lowerBound
        let end = columns.upperBound
        while j &+ width <= end {
            let p = VectorExp.exp(VectorAccess.load(UnsafePointer(row + j)) - s)
            if keep { VectorAccess.store(p, to: row + j) }
            if let mass { VectorAccess.store(VectorAccess.load(UnsafePointer(mass + j)) + w * p, to: mass + j) }
            j &+= width
        }
        if j < end {
            let rest = end &- j
            let p = VectorExp.exp(VectorAccess.load(UnsafePointer(row + j), count: rest, padding: -S.infinity) - s)
            if keep { VectorAccess.store(p, to: row + j, count: rest) }
            if let mass {
                VectorAccess.store(VectorAccess.load(UnsafePointer(mass + j), count: rest, padding: 0) + w * p,
                                   to: mass + j, count: rest)
            }
        }
    }
}
