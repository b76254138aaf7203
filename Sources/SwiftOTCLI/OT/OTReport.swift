import Foundation

/// What `swiftot ot` reports: one JSON object with `--json`, else ``summary``.
///
/// Fields that do not apply to a method are reported the same way for every method:
/// `epsilon` is 0 and `regularizedCost` equals `cost` for the unregularized methods (exact,
/// sliced); the divergence reports `S_ε` as both `cost` and `regularizedCost`, the sum of its three
/// solves' iterations, their largest marginal error, and whether all three converged; `iterations`, `marginalError` and `converged` are `null` for a method with no
/// iterative solver and no plan (sliced); `p` is `null` for methods whose cost has no order and
/// `projections` is `null` except for sliced.
struct OTReport: Encodable, Equatable {
    /// The method that ran.
    var method: OTMethod
    /// The precision the solver ran in.
    var precision: OTPrecision
    /// Number of source points.
    var sourceCount: Int
    /// Number of target points.
    var targetCount: Int
    /// Dimension of the points.
    var dimension: Int
    /// The order of the ground cost `‖x − y‖^p`.
    var p: Double?
    /// Number of random directions (sliced only).
    var projections: Int?
    /// The transport cost `⟨C, P⟩` (sinkhorn, exact), `S_ε` (divergence) or `SW_p^p` (sliced).
    var cost: Double
    /// The regularized cost `⟨C, P⟩ + ε KL(P | a bᵀ)` (+ marginal penalties when unbalanced);
    /// equals ``cost`` for the divergence and the unregularized methods.
    var regularizedCost: Double
    /// The absolute epsilon used; 0 for unregularized methods.
    var epsilon: Double
    /// Solver iterations (simplex pivots for exact).
    var iterations: Int?
    /// The largest deviation of the plan's marginals from the weights.
    var marginalError: Double?
    /// Whether the solver met its stopping criterion.
    var converged: Bool?
    /// Seconds spent in the solver (reading and writing files excluded).
    var solveSeconds: Double

    private enum CodingKeys: String, CodingKey {
        case method, precision, sourceCount, targetCount, dimension, p, projections, cost, regularizedCost, epsilon,
            iterations, marginalError, converged, solveSeconds
    }

    /// Encodes every field, absent values as `null` (the key is always there).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method.rawValue, forKey: .method)
        try container.encode(precision.rawValue, forKey: .precision)
        try container.encode(sourceCount, forKey: .sourceCount)
        try container.encode(targetCount, forKey: .targetCount)
        try container.encode(dimension, forKey: .dimension)
        try container.encode(p, forKey: .p)
        try container.encode(projections, forKey: .projections)
        try container.encode(cost, forKey: .cost)
        try container.encode(regularizedCost, forKey: .regularizedCost)
        try container.encode(epsilon, forKey: .epsilon)
        try container.encode(iterations, forKey: .iterations)
        try container.encode(marginalError, forKey: .marginalError)
        try container.encode(converged, forKey: .converged)
        try container.encode(solveSeconds, forKey: .solveSeconds)
    }

    /// A few lines for a person: the problem, the cost, the solver's report, the time.
    var summary: String {
        func number(_ x: Double) -> String { String(format: "%.6g", x) }
        var lines = ["\(method.rawValue) (\(precision.rawValue)): \(sourceCount) -> \(targetCount) points in dimension \(dimension)"]
        var costLine = method == .divergence ? "divergence \(number(cost))" : "cost \(number(cost))"
        if let p { costLine += " (order p = \(number(p)))" }
        if method == .divergence {
            costLine += " at epsilon \(number(epsilon))"
        } else if epsilon > 0 {
            costLine += ", regularized cost \(number(regularizedCost)) at epsilon \(number(epsilon))"
        }
        if let projections { costLine += ", \(projections) projections" }
        lines.append(costLine)
        if let iterations, let marginalError, let converged {
            lines.append(
                "\(iterations) iterations, \(converged ? "converged" : "NOT converged"), marginal error \(number(marginalError))")
        }
        lines.append("solved in \(String(format: "%.3f", solveSeconds)) s")
        return lines.joined(separator: "\n")
    }
}

/// Runs `body` and returns its result with the wall time it took, in seconds.
func timed<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    let elapsed = clock.now - start
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
}
