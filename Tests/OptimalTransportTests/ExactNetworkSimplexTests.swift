import OTKernels
import OptimalTransport
import Testing
import _OTTestSupport

/// Checks the optimality certificate of an exact solve: a feasible plan (marginals), feasible
/// duals (`f_i + g_j ≤ C_ij`), complementary slackness on the support, equal primal and dual
/// values, and a vertex (at most n + m − 1 entries). Together these prove the plan optimal.
func expectOptimalCertificate(
    _ r: ExactTransport, a: [Double], b: [Double], cost: Matrix<Double>, tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let n = a.count, m = b.count
    #expect(r.converged, sourceLocation: sourceLocation)
    #expect(r.plan.count <= n + m - 1, sourceLocation: sourceLocation)
    #expect(r.plan.allSatisfy { $0.mass > 0 }, sourceLocation: sourceLocation)
    var rows = [Double](repeating: 0, count: n), columns = [Double](repeating: 0, count: m)
    var primal = 0.0
    for e in r.plan {
        rows[e.source] += e.mass
        columns[e.target] += e.mass
        primal += e.mass * cost[e.source, e.target]
        // Complementary slackness: the plan lives where the dual constraint is tight.
        #expect(abs(r.f[e.source] + r.g[e.target] - cost[e.source, e.target]) <= tolerance,
                sourceLocation: sourceLocation)
    }
    for i in 0..<n { #expect(abs(rows[i] - a[i]) <= tolerance, sourceLocation: sourceLocation) }
    for j in 0..<m { #expect(abs(columns[j] - b[j]) <= tolerance, sourceLocation: sourceLocation) }
    #expect(r.marginalError <= tolerance, sourceLocation: sourceLocation)
    var worstViolation = 0.0
    for i in 0..<n { for j in 0..<m { worstViolation = max(worstViolation, r.f[i] + r.g[j] - cost[i, j]) } }
    #expect(worstViolation <= tolerance, sourceLocation: sourceLocation)
    let dual = zip(r.f, a).reduce(0) { $0 + $1.0 * $1.1 } + zip(r.g, b).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(abs(primal - r.cost) <= tolerance, sourceLocation: sourceLocation)
    #expect(abs(dual - r.cost) <= tolerance, sourceLocation: sourceLocation)
}

/// The cheapest assignment `min_σ Σ_i C[i, σ(i)]` over all n! permutations (Heap's algorithm).
func bruteForceAssignment(_ cost: Matrix<Double>) -> Double {
    let n = cost.rows
    var p = Array(0..<n), c = [Int](repeating: 0, count: n)
    func value() -> Double { (0..<n).reduce(0) { $0 + cost[$1, p[$1]] } }
    var best = value()
    var i = 0
    while i < n {
        if c[i] < i {
            p.swapAt(i % 2 == 0 ? 0 : c[i], i)
            best = min(best, value())
            c[i] += 1
            i = 0
        } else {
            c[i] = 0
            i += 1
        }
    }
    return best
}

struct ReferenceInstance: Sendable {
    let source: Matrix<Double>, target: Matrix<Double>
    let sourceWeights: [Double], targetWeights: [Double]
    let exactCost: Double
}

@Suite struct ExactNetworkSimplexTests {
    /// By Birkhoff's theorem, exact OT between uniform measures of equal size n is the best
    /// assignment divided by n. Random clouds and random (non-metric) matrices, several seeds.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7])
    func equalsBruteForceOverPermutations(n: Int) throws {
        for seed in UInt64(1)...4 {
            var rng = Xoshiro256(seed: seed &* 1000 &+ UInt64(n))
            let x = Matrix<Double>.normal(rows: n, columns: 2, using: &rng)
            let y = Matrix<Double>.normal(rows: n, columns: 2, using: &rng)
            let clouds = pairwiseSquaredDistances(x, y)
            let random = Matrix<Double>.uniform(rows: n, columns: n, using: &rng)
            for cost in [clouds, random] {
                let uniform = [Double](repeating: 1 / Double(n), count: n)
                let r = try NetworkSimplex().solve(a: uniform, b: uniform, cost: cost)
                // Both sides sum n terms of size O(1) in a different order: a few ulps of n.
                #expect(isClose(r.cost, bruteForceAssignment(cost) / Double(n), absolute: 1e-13, relative: 1e-12))
                expectOptimalCertificate(r, a: uniform, b: uniform, cost: cost, tolerance: 1e-12)
            }
        }
    }

    /// Scaling the cost by 1e-200 or 1e200 (far outside Float range, which the pricing screen
    /// uses internally) scales the optimal cost and keeps the plan.
    @Test(arguments: [1e-200, 1e200])
    func extremeCostScalesGiveTheScaledSolution(scale: Double) throws {
        var rng = Xoshiro256(seed: 8)
        let n = 6
        let cost = Matrix<Double>.uniform(rows: n, columns: n, using: &rng)
        let scaled = Matrix(rows: n, columns: n, elements: cost.elements.map { $0 * scale })
        let uniform = [Double](repeating: 1 / Double(n), count: n)
        let r = try NetworkSimplex().solve(a: uniform, b: uniform, cost: scaled)
        // Scaling by a constant is exact up to one rounding per entry.
        #expect(isClose(r.cost, bruteForceAssignment(cost) / Double(n) * scale, relative: 1e-12))
        #expect(r.plan == (try NetworkSimplex().solve(a: uniform, b: uniform, cost: cost)).plan)
    }

    /// Exact costs of reference-values.json ("ot" entries, key exactCost), computed by the
    /// project's reference script with a network simplex in float64 (POT's emd); copied here.
    static let references: [ReferenceInstance] = [
        ReferenceInstance(
            source: Matrix<Double>([
                [-2.645487450979539, -1.8692509416647929],
                [0.6080829130314829, 1.4067418536557301],
                [0.81913899529762, 0.8817397837044753],
                [0.02424519493729997, -0.6639941433448656],
                [-0.1447436490984641, 0.903088589276971],
            ]),
            target: Matrix<Double>([
                [-0.2947862241469354, 0.004095847868780977],
                [1.9694017406048476, -0.5993160120540746],
                [-0.8510250565985786, -0.9488862283730488],
                [0.39607491088596114, -0.12940567702453254],
                [-0.5984068289858169, -0.6420296905171656],
                [0.04293696297884553, -0.0660401534256061],
                [-0.1603855500133169, 0.4214008442937984],
            ]),
            sourceWeights: [
                0.2518243702664, 0.1906790372555324, 0.12470708080271554, 0.16819349298584574, 0.2645960186895065
            ],
            targetWeights: [
                0.16504381059618115, 0.08402144605874327, 0.1393844569741498, 0.17340006332622832,
                0.17518987061522734, 0.08344860106290874, 0.1795117513665615
            ],
            exactCost: 2.163736861181025),
        ReferenceInstance(
            source: Matrix<Double>([
                [-0.7923247295396239, -0.22591421922793717, 0.029360449729786624],
                [1.5602499041573266, 0.3400398609774203, -1.1425736491689635],
                [1.1131495799370554, -1.678526204348447, 0.012170099746258396],
                [-0.47481695941411395, 0.6318812321061397, 0.535132260580321],
                [-0.22424991409214326, 2.299420268056252, 0.3318207214539593],
                [0.5642369749431826, 0.6932823303391255, -0.7933216811470063],
                [0.448442078195956, 1.6480635159453838, -2.2442466686396716],
                [1.9031719777517058, -0.7486010156307656, -1.3244608630786043],
            ]),
            target: Matrix<Double>([
                [0.023658935473311993, -0.5166192111071064, -0.0035290638432499133],
                [0.8584060283874617, 0.20602974835644602, 0.32375853464187687],
                [0.11223660334609703, 1.5010762305855323, 0.18552813006029312],
                [0.5007277279382301, 0.39814862786271893, -0.06769578608010657],
                [-0.28114383583696406, -0.29459562379756515, -0.03240766618727908],
                [0.24039315453743515, 0.2908522547031405, 1.0512944800698556],
                [1.2157836819623422, 0.7955312268571267, 0.619972599876757],
                [0.09498861522805571, 1.967243304835677, -0.15947834775216163],
            ]),
            sourceWeights: [
                0.1581253677747626, 0.11974400558685731, 0.1857852295078554, 0.1233269020034646,
                0.09094539814993809, 0.07511237282802738, 0.1604365807208863, 0.08652414342820836
            ],
            targetWeights: [
                0.1482893313776649, 0.08258109863380816, 0.12874310298112557, 0.16249733259458482,
                0.078832642104316, 0.19368798752188982, 0.09733697563819103, 0.10803152914841968
            ],
            exactCost: 2.563257123581746),
        ReferenceInstance(
            source: Matrix<Double>([
                [-0.26028546745349024],
                [0.37581844604422104],
                [0.12143060201210376],
                [0.3281188120273583],
                [-1.23980777855903],
                [-1.6743552258706877],
                [-0.9469192648345794],
                [-0.24685725541099895],
                [1.2600347991056362],
                [-0.060566683131066695],
                [0.7123330801991441],
                [-0.302129490477611],
            ]),
            target: Matrix<Double>([
                [1.1658296121197564],
                [0.698834180520133],
                [0.9176860411932408],
                [1.109231074477007],
                [1.5353226152651254],
                [1.2435379456608031],
                [0.6874617776600584],
                [0.1864896598482223],
                [-1.0257242916887626],
            ]),
            sourceWeights: [
                0.09819553126223154, 0.07908455869739335, 0.10791408670759582, 0.08107567166661458,
                0.06952931659582387, 0.07413303371196409, 0.08328045474553125, 0.08720615128077999,
                0.05860697563371316, 0.08525767253486709, 0.0960137110600434, 0.07970283610344198
            ],
            targetWeights: [
                0.11686879913722885, 0.10917105774724141, 0.09588254882027715, 0.09164749308898243,
                0.08903725848025963, 0.07552399804937844, 0.17752847356266244, 0.09747161532491472,
                0.146868755789055
            ],
            exactCost: 0.6713976805437909),
        ReferenceInstance(
            source: Matrix<Double>([
                [0.08751629168530743, -0.6688373168742769, 0.7158399582211387, -0.6247260145810767],
                [-0.5921858935032052, 1.3429403945476277, -0.8954879381199292, 0.3996637173465271],
                [0.9579843149900624, -0.4652631451190561, 0.4636942737022334, -1.1590591010677533],
                [1.2811566637599487, 0.7929768982910426, -0.11030475945160605, -0.5864722018546453],
                [-0.3839421028130216, 0.6205422122686086, 0.10053763381660341, -0.1562979633423002],
                [0.030860395516335938, 0.46912865509927915, -0.5311076245923891, -0.9453391650989881],
                [1.6000312267204353, 0.8507996104548647, 0.04722893659110418, 0.1253494926685081],
                [1.1782048912413834, -0.23183884823374828, -1.3205460017509407, 0.9573379734689327],
                [0.39043916976537774, -1.4020467761148505, 0.08697518611674669, 0.6117911149127631],
                [0.0446189824923268, 0.200934348907973, -0.9268610196480254, 0.08429549457869043],
            ]),
            target: Matrix<Double>([
                [1.9887229964187496, -0.8273026713802301, -0.4709077397929626, -0.6299012479115609],
                [0.8111252429243319, 0.12171850825844929, 0.18838856226964168, -0.32051763925559024],
                [0.6247471229492743, -0.057290143098359725, 1.3361248042658374, 1.2087672770786058],
                [0.0010584383480638504, -0.3533909871972913, -0.5594739172045009, 0.9072827353615789],
                [-1.607153599081166, 0.6907232880194736, 0.131752733879276, 0.6649257290301092],
                [0.01064537812830152, 0.17373665819196285, 1.4877237971570112, 0.47448711787192976],
                [-0.4245584064319698, 0.8939219490563521, 0.6413859854034474, 0.7680006298753861],
                [0.2913082652955766, -1.026072221765905, -0.15097284346521822, 1.3544638044121027],
                [0.925123107899102, -0.15750188653804242, 0.8144239871881584, 0.28654465733894463],
                [0.7844092747683664, 1.891291783902021, 2.151676603862483, 0.9579394564318557],
            ]),
            sourceWeights: [
                0.1249255755440079, 0.07739816018749943, 0.07780133691355239, 0.10535894686907776,
                0.12466023541697854, 0.054810480567918415, 0.09771313598565148, 0.1336781427639921,
                0.13098921145021541, 0.07266477430110659
            ],
            targetWeights: [
                0.14034813269570875, 0.06588656076963191, 0.08713947313685715, 0.11574724346199945,
                0.0895032637256968, 0.06776382229250213, 0.06770994970982973, 0.1017908658847262,
                0.14417710875358544, 0.11993357956946245
            ],
            exactCost: 2.870518043466803),
        ReferenceInstance(
            source: Matrix<Double>([
                [0.04227009884995513, 0.5100571656395934],
                [-1.1166579429463077, -0.12804567880070475],
                [0.4442758451561773, 3.173218301580145],
                [0.9501551559101753, -0.4940531133719729],
                [-1.0763505934384927, 0.9789458224829628],
                [-1.0483987607089977, -0.2608963309068203],
            ]),
            target: Matrix<Double>([
                [-1.377063995417231, -0.9178354895868066],
                [-0.05751725508910943, 0.5727718717447832],
                [0.7575128680002822, -0.9782410194136673],
                [-1.4478185447274534, 0.438272495364577],
                [1.2998730594012693, 1.020015114381129],
                [0.5286327997898316, 2.525711301946977],
            ]),
            sourceWeights: [
                0.2525687812220069, 0.1304585173045685, 0.17423725851591534, 0.16312855704714047,
                0.1805599594745765, 0.09904692643579223
            ],
            targetWeights: [
                0.19824645152242773, 0.13761261435224312, 0.11265484383682887, 0.2261676972484859,
                0.21785697009688987, 0.10746142294312462
            ],
            exactCost: 0.9890908065745516),
    ]

    @Test(arguments: 0..<5)
    func matchesReferenceExactCosts(index: Int) throws {
        let ref = Self.references[index]
        let r = try NetworkSimplex().solve(
            source: ref.source, target: ref.target, sourceWeights: ref.sourceWeights, targetWeights: ref.targetWeights)
        // Two exact solvers on the same float64 data: they differ only by the summation order
        // of at most n + m − 1 products, a few ulps of a cost of order 1.
        #expect(isClose(r.cost, ref.exactCost, relative: 1e-13))
        let scaledB = ref.targetWeights.map { $0 * ref.sourceWeights.reduce(0, +) / ref.targetWeights.reduce(0, +) }
        expectOptimalCertificate(
            r, a: ref.sourceWeights, b: scaledB, cost: pairwiseSquaredDistances(ref.source, ref.target),
            tolerance: 1e-12)
    }

    /// On the line the monotone coupling is optimal, so the simplex must find the sorted
    /// solver's cost, with non-uniform weights and n != m, for p = 1, 1.5 and 2.
    @Test(arguments: [1.0, 1.5, 2.0])
    func agreesWithOneDimensionalSolver(p: Double) throws {
        var rng = Xoshiro256(seed: 77)
        let x = (0..<9).map { _ in rng.normal(Double.self) }, y = (0..<6).map { _ in 2 * rng.uniform(Double.self) }
        var a = (0..<9).map { _ in 0.1 + rng.uniform(Double.self) }
        var b = (0..<6).map { _ in 0.1 + rng.uniform(Double.self) }
        let sa = a.reduce(0, +), sb = b.reduce(0, +)
        a = a.map { $0 / sa }
        b = b.map { $0 / sb }
        let exact = try NetworkSimplex().solve(
            source: Matrix(rows: 9, columns: 1, elements: x), target: Matrix(rows: 6, columns: 1, elements: y),
            sourceWeights: a, targetWeights: b, cost: .euclideanPower(p))
        let line = try OneDimensionalTransport.solve(source: x, target: y, sourceWeights: a, targetWeights: b, p: p)
        // Same optimum, reached by different bases: agreement to rounding of O(1) sums.
        #expect(isClose(exact.cost, line.cost, relative: 1e-12))
    }

    /// A larger random problem with unequal sizes and weights: the optimality certificate holds.
    @Test func certificateOnLargerRandomProblem() throws {
        var rng = Xoshiro256(seed: 9)
        let n = 120, m = 90
        let x = Matrix<Double>.normal(rows: n, columns: 3, using: &rng)
        let y = Matrix<Double>.uniform(rows: m, columns: 3, in: -1..<2, using: &rng)
        let a = (0..<n).map { _ in rng.uniform(Double.self) + 0.01 }, b0 = (0..<m).map { _ in rng.uniform(Double.self) }
        let b = b0.map { $0 * a.reduce(0, +) / b0.reduce(0, +) }
        let r = try NetworkSimplex().solve(source: x, target: y, sourceWeights: a, targetWeights: b)
        // Costs up to ~30 and masses ~60: the stopping tolerance 1e-12 · max C plus rounding.
        expectOptimalCertificate(r, a: a, b: b, cost: pairwiseSquaredDistances(x, y), tolerance: 1e-9)
        #expect(r.iterations > 0)
    }

    /// Random shapes from 1 x 1 to 25 x 25, integer costs in {0, ..., 3} (many ties, so many
    /// optimal bases) and integer weights with zeros (degenerate pivots): the certificate holds.
    @Test func certificateOnRandomDegenerateProblems() throws {
        var rng = Xoshiro256(seed: 1234)
        for _ in 0..<60 {
            let n = 1 + Int(rng.next() % 25), m = 1 + Int(rng.next() % 25)
            let cost = Matrix<Double>(rows: n, columns: m) { _, _ in Double(rng.next() % 4) }
            var a = (0..<n).map { _ in Double(rng.next() % 5) }, b = (0..<m).map { _ in Double(rng.next() % 5) }
            a[0] += 1
            b[m - 1] += 1
            let total = a.reduce(0, +), columns = b.reduce(0, +)
            b = b.map { $0 * total / columns }
            let r = try NetworkSimplex().solve(a: a, b: b, cost: cost)
            // Masses up to ~100 and costs up to 3: rounding of sums of ~50 terms stays below 1e-12.
            expectOptimalCertificate(r, a: a, b: b, cost: cost, tolerance: 1e-11)
        }
    }

    /// Zero weights are removed and their potentials completed: the certificate still holds for
    /// every row and column, and the zero rows and columns carry no mass.
    @Test func zeroWeightsKeepDualFeasibility() throws {
        var rng = Xoshiro256(seed: 5)
        let cost = Matrix<Double>.uniform(rows: 6, columns: 5, using: &rng)
        let a = [0.2, 0, 0.3, 0.1, 0, 0.4], b = [0, 0.25, 0.25, 0, 0.5]
        let r = try NetworkSimplex().solve(a: a, b: b, cost: cost)
        expectOptimalCertificate(r, a: a, b: b, cost: cost, tolerance: 1e-12)
        #expect(r.plan.allSatisfy { a[$0.source] > 0 && b[$0.target] > 0 })
    }

    /// Masses equal up to 1e-9 (relative) are rounding: `b` is rescaled and the marginal error
    /// reports the mismatch. The dense plan has the plan's entries.
    @Test func nearlyEqualMassesAreRescaled() throws {
        let cost = Matrix<Double>([[0, 1], [1, 0]])
        let r = try NetworkSimplex().solve(a: [0.5, 0.5], b: [0.5, 0.5 + 1e-9], cost: cost)
        // b becomes [0.5, 0.5 + 1e-9] / (1 + 1e-9): the excess 0.5 − b_0 of source 0 must cross at
        // cost 1. The relative tolerance covers the rounding of a difference of O(1) numbers.
        let crossing = 0.5 - 0.5 / (1 + 1e-9)
        #expect(isClose(r.cost, crossing, relative: 1e-6))
        // Rescaling moves each column sum by about half the mismatch.
        #expect(r.marginalError > 1e-10 && r.marginalError < 1e-9)
        let dense = r.densePlan()
        #expect(dense[0, 0] == r.plan.first { $0.source == 0 && $0.target == 0 }?.mass)
        #expect(isClose(dense[0, 1], crossing, relative: 1e-6) && dense[1, 0] == 0)
    }

    /// A pivot limit too small to finish reports `converged == false` with a feasible plan.
    @Test func iterationLimitReportsNotConverged() throws {
        var rng = Xoshiro256(seed: 3)
        let cost = Matrix<Double>.uniform(rows: 30, columns: 30, using: &rng)
        let w = [Double](repeating: 1.0 / 30, count: 30)
        let r = try NetworkSimplex(maxIterations: 2).solve(a: w, b: w, cost: cost)
        #expect(!r.converged && r.iterations == 2)
        // Feasible: the marginals hold to rounding of sums of 30 terms.
        #expect(r.marginalError < 1e-15)
    }

    @Test func badInputsThrow() {
        let cost = Matrix<Double>([[0, 1], [1, 0]])
        let w = [0.5, 0.5]
        let solver = NetworkSimplex()
        #expect(throws: OTInputError.self) { try solver.solve(a: [0.5, .nan], b: w, cost: cost) }
        #expect(throws: OTInputError.self) { try solver.solve(a: [0.5, -0.5], b: w, cost: cost) }
        #expect(throws: OTInputError.self) { try solver.solve(a: [0, 0], b: w, cost: cost) }
        #expect(throws: OTInputError.self) { try solver.solve(a: [1], b: w, cost: cost) }
        #expect(throws: OTInputError.self) { try solver.solve(a: w, b: [0.5, 0.6], cost: cost) }
        #expect(throws: OTInputError.self) { try solver.solve(a: w, b: w, cost: Matrix([[0, .infinity], [1, 0]])) }
        #expect(throws: OTInputError.self) { try solver.solve(a: [], b: [], cost: Matrix(rows: 0, columns: 0)) }
        #expect(throws: OTInputError.self) {
            try solver.solve(source: Matrix([[0.0, 1]]), target: Matrix([[0.0]]))
        }
        #expect(throws: OTInputError.self) {
            try solver.solve(source: Matrix([[0.0]]), target: Matrix(rows: 0, columns: 1))
        }
        #expect(throws: OTInputError.self) {
            try solver.solve(source: Matrix([[0.0]]), target: Matrix([[1.0]]), cost: .euclideanPower(0.5))
        }
        #expect(throws: OTInputError.self) {
            try solver.solve(source: Matrix([[0.0], [1]]), target: Matrix([[1.0]]), sourceWeights: [1])
        }
    }
}
