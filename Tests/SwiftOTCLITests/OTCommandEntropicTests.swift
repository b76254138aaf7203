import Foundation
import OTData
import OTKernels
import Testing
@testable import SwiftOTCLI

/// Dense entropic OT by plain matrix scaling (`u ← a / K v`, `v ← b / Kᵀ u`, `K = exp(−C/ε)`), an
/// oracle independent of the library's log-domain solver; fine for the small costs and moderate ε
/// of these tests. Returns `⟨C, P⟩` and `⟨C, P⟩ + ε KL(P | a bᵀ)`.
func referenceSinkhorn(cost: [[Double]], a: [Double], b: [Double], epsilon: Double) -> (primal: Double, regularized: Double) {
    let n = a.count, m = b.count
    let k = cost.map { $0.map { Double.exp(-$0 / epsilon) } }
    var u = [Double](repeating: 1, count: n), v = [Double](repeating: 1, count: m)
    for _ in 0..<20_000 {
        for i in 0..<n { u[i] = a[i] / (0..<m).reduce(0) { $0 + k[i][$1] * v[$1] } }
        for j in 0..<m { v[j] = b[j] / (0..<n).reduce(0) { $0 + k[$1][j] * u[$1] } }
    }
    var primal = 0.0, kl = 0.0
    for i in 0..<n {
        for j in 0..<m {
            let p = u[i] * k[i][j] * v[j]
            primal += p * cost[i][j]
            kl += (p > 0 ? p * Double.log(p / (a[i] * b[j])) : 0) - p + a[i] * b[j]
        }
    }
    return (primal, primal + epsilon * kl)
}

/// Squared Euclidean costs between the rows of `x` and `y`.
func squaredDistances(_ x: [[Double]], _ y: [[Double]]) -> [[Double]] {
    x.map { xi in y.map { yj in zip(xi, yj).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } } }
}

@Suite struct OTCommandEntropicTests {
    static let x: [[Double]] = [[0, 0], [1, 0.5], [0.2, 1], [0.8, 0.9]]
    static let y: [[Double]] = [[0.5, 0.5], [1.2, 0.1], [0.1, 0.6]]
    static let a: [Double] = [0.1, 0.2, 0.3, 0.4]
    static let b: [Double] = [0.5, 0.25, 0.25]

    /// Writes the test problem into `folder` and returns the matching options.
    func problem(in folder: OTCommandFolder) throws -> [String] {
        [
            "--source", try folder.write("x.npy", rows: Self.x), "--target", try folder.write("y.csv", text: Self.y
                .map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n")),
            "--source-weights", try folder.write("a.csv", text: Self.a.map { "\($0)" }.joined(separator: "\n")),
            "--target-weights", try folder.write("b.npy", vector: Self.b),
        ]
    }

    @Test(arguments: ["double", "float"])
    func sinkhornMatchesTheScalingReference(precision: String) throws {
        let folder = try OTCommandFolder()
        let json = try runOTJSON(try problem(in: folder) + [
            "--method", "sinkhorn", "--epsilon", "0.1", "--tolerance", "1e-6", "--precision", precision,
            "--plan", folder.path("plan.npy"), "--potentials", folder.path("pot"),
        ])
        let reference = referenceSinkhorn(cost: squaredDistances(Self.x, Self.y), a: Self.a, b: Self.b, epsilon: 0.1)
        // Double: converged to a marginal error of 1e-6 (a cost error of the same order); Float: plus
        // rounding of exponentials and sums at 24 bits.
        let tolerance = precision == "double" ? 1e-5 : 1e-4
        #expect(abs(try #require(json["cost"] as? Double) - reference.primal) <= tolerance)
        #expect(abs(try #require(json["regularizedCost"] as? Double) - reference.regularized) <= tolerance)
        // Float holds 0.1 to a relative 1.5e-8 (and JSON prints the Double of that Float).
        #expect(abs(try #require(json["epsilon"] as? Double) - 0.1) <= (precision == "double" ? 0 : 1e-8))
        #expect(json["converged"] as? Bool == true)
        #expect(try #require(json["marginalError"] as? Double) <= 1e-6)

        let plan = try Matrix<Double>(npyAt: folder.path("plan.npy"))
        #expect(plan.rows == 4 && plan.columns == 3)
        // Rows within the marginal tolerance, columns exact after the last g update (rounding).
        for i in 0..<4 { #expect(abs((0..<3).map { plan[i, $0] }.reduce(0, +) - Self.a[i]) <= 2e-6) }
        for j in 0..<3 { #expect(abs((0..<4).map { plan[$0, j] }.reduce(0, +) - Self.b[j]) <= 2e-6) }
        #expect(try [Double](npyAt: folder.path("pot-f.npy")).count == 4)
        #expect(try [Double](npyAt: folder.path("pot-g.npy")).count == 3)
    }

    /// With ε → 0 the entropic cost tends to the exact one: the entropic plan is feasible, so its
    /// cost is at least the optimum, and it exceeds it by at most ε KL(P* | a bᵀ) ≤ ε log(n m).
    @Test func smallEpsilonApproachesExact() throws {
        let folder = try OTCommandFolder()
        let exact = try #require(try runOTJSON(try problem(in: folder) + ["--method", "exact"])["cost"] as? Double)
        var gaps: [Double] = []
        for epsilon in [0.1, 0.01] {
            let json = try runOTJSON(try problem(in: folder) + [
                "--method", "sinkhorn", "--epsilon", "\(epsilon)", "--tolerance", "1e-8", "--max-iterations", "5000",
            ])
            #expect(json["converged"] as? Bool == true)
            let gap = try #require(json["cost"] as? Double) - exact
            // Marginals hold to 1e-8, so the plan is feasible up to a cost of that order.
            #expect(gap >= -1e-7 && gap <= epsilon * Double.log(12), "epsilon \(epsilon): gap \(gap)")
            gaps.append(gap)
        }
        #expect(gaps[1] < gaps[0])
    }

    @Test func relativeEpsilonIsScaledByTheMeanCost() throws {
        let folder = try OTCommandFolder()
        let json = try runOTJSON(try problem(in: folder) + ["--method", "sinkhorn", "--epsilon", "0.5", "--relative-epsilon"])
        let costs = squaredDistances(Self.x, Self.y).flatMap { $0 }
        let mean = costs.reduce(0, +) / Double(costs.count)
        // A mean of 12 costs below 2, in a different order.
        #expect(abs(try #require(json["epsilon"] as? Double) - 0.5 * mean) <= 1e-14)
    }

    @Test func fixedIterationsRunsExactlyTheBudget() throws {
        let folder = try OTCommandFolder()
        let json = try runOTJSON(try problem(in: folder) + [
            "--method", "sinkhorn", "--fixed-iterations", "--max-iterations", "7",
        ])
        #expect(json["iterations"] as? Int == 7)
    }

    /// A large τ makes the unbalanced problem the balanced one.
    @Test func largeUnbalancedTauApproachesBalanced() throws {
        let folder = try OTCommandFolder()
        let common = try problem(in: folder) + ["--method", "sinkhorn", "--epsilon", "0.1"]
        let balanced = try #require(try runOTJSON(common)["regularizedCost"] as? Double)
        let relaxed = try #require(try runOTJSON(common + ["--unbalanced", "1e5"])["regularizedCost"] as? Double)
        let loose = try #require(try runOTJSON(common + ["--unbalanced", "0.01"])["regularizedCost"] as? Double)
        // The gap shrinks like 1/τ; at τ = 1e5 it is far below the tolerance of the solves.
        #expect(abs(relaxed - balanced) <= 1e-3)
        #expect(loose < balanced - 1e-3, "a cheap marginal penalty must lower the cost")
    }

    /// S_ε = OT_ε(a, b) − OT_ε(a, a)/2 − OT_ε(b, b)/2, each term from the scaling reference; 0 on
    /// identical inputs.
    @Test func divergenceMatchesTheReferenceAndVanishesOnIdenticalInputs() throws {
        let folder = try OTCommandFolder()
        let json = try runOTJSON(try problem(in: folder) + [
            "--method", "divergence", "--epsilon", "0.1", "--tolerance", "1e-7",
        ])
        func ot(_ x: [[Double]], _ a: [Double], _ y: [[Double]], _ b: [Double]) -> Double {
            referenceSinkhorn(cost: squaredDistances(x, y), a: a, b: b, epsilon: 0.1).regularized
        }
        let expected = ot(Self.x, Self.a, Self.y, Self.b) - ot(Self.x, Self.a, Self.x, Self.a) / 2
            - ot(Self.y, Self.b, Self.y, Self.b) / 2
        // Three solves converged to 1e-7 in Double.
        #expect(abs(try #require(json["cost"] as? Double) - expected) <= 1e-5)
        #expect(json["regularizedCost"] as? Double == json["cost"] as? Double)
        #expect(json["converged"] as? Bool == true && json["epsilon"] as? Double == 0.1)

        let same = try runOTJSON([
            "--source", folder.path("x.npy"), "--target", folder.path("x.npy"), "--method", "divergence",
        ])
        // Identical inputs: the cross and self solves are the same problem up to the update order.
        #expect(abs(try #require(same["cost"] as? Double)) <= 1e-6)
    }

    @Test func summariesNameTheEntropicQuantities() throws {
        let folder = try OTCommandFolder()
        let sinkhorn = try runOT(try problem(in: folder) + ["--method", "sinkhorn", "--epsilon", "0.1"])
        #expect(sinkhorn.hasPrefix("sinkhorn (double): 4 -> 3 points in dimension 2\ncost "))
        #expect(sinkhorn.contains("regularized cost") && sinkhorn.contains("at epsilon 0.1\n"))
        let divergence = try runOT(try problem(in: folder) + ["--method", "divergence", "--epsilon", "0.1"])
        #expect(divergence.contains("\ndivergence ") && divergence.contains("at epsilon 0.1\n"))
    }
}
