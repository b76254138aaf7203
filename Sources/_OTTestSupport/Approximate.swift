import OTKernels

/// Whether `a` and `b` agree within `absolute + relative * max(|a|, |b|)`.
public func isClose<S: OTScalar>(_ a: S, _ b: S, absolute: S = 0, relative: S = 0) -> Bool {
    if a == b { return true }
    return abs(a - b) <= absolute + relative * max(abs(a), abs(b))
}

/// The largest elementwise absolute difference between two matrices of the same shape.
public func maxAbsoluteDifference<S: OTScalar>(_ a: Matrix<S>, _ b: Matrix<S>) -> S {
    precondition(a.rows == b.rows && a.columns == b.columns, "maxAbsoluteDifference: shapes differ")
    return zip(a.elements, b.elements).reduce(S(0)) { max($0, abs($1.0 - $1.1)) }
}
