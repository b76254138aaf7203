import OTKernels

/// A semi-discrete optimal transport problem: a source measure `μ` known through samples, a
/// discrete target `ν = Σ_j ν_j δ_{y_j}`, the scaled quadratic cost and an entropic regularization.
///
/// ```
/// c(x, y) = ‖x − y‖² / κ
/// W^λ(μ, ν) = min_π ∫ c dπ + λ KL(π | μ ⊗ ν)
///           = max_ψ F(ψ),   F(ψ) = E_{x~μ}[ψ^{c,λ}(x)] + Σ_j ν_j ψ_j
/// ψ^{c,λ}(x) = −λ log Σ_j ν_j exp((ψ_j − c(x, y_j)) / λ)      (λ > 0)
/// ψ^c(x)     = min_j (c(x, y_j) − ψ_j)                         (λ = 0, Laguerre cells)
/// ```
/// `λ` is absolute, in the units of `c`; dividing the cost by `κ` makes it relative. The MNIST
/// setting of Genevay-style generator training uses `κ = mean_j ‖y_j‖²`
/// (``meanSquaredNorm(of:)``) so that `λ ∈ [0, 0.1]` transfers between data sets. The source is
/// not part of the problem: it enters through a batch of points (``cTransform(_:potential:sourceWeights:computing:chunkSize:)``,
/// ``semiDual(potential:at:sourceWeights:computing:chunkSize:)``), a ``SourceSampler``
/// (``SemiDiscreteSGD``) or a weighted point cloud (``SemiDiscreteSolver``).
///
/// The problem precomputes `Yᵀ` in the panels of ``GEMM`` (``GEMM/PackedOperand``), `‖y_j‖²` and
/// `log ν_j`, so evaluating a batch costs one pass over the targets and no copy of them (see
/// ``SemiDiscreteKernel``); the packed `Yᵀ` doubles the memory held for the targets.
public struct SemiDiscreteProblem<S: OTScalar>: Sendable {
    /// The target points `y_j`, one per row (`N x d`).
    public private(set) var target: Matrix<S>
    /// The target weights `ν_j`, positive and normalized to sum to 1.
    public private(set) var targetWeights: [S]
    /// The cost scale `κ > 0` in `c(x, y) = ‖x − y‖² / κ`.
    public let kappa: S
    /// The entropic regularization `λ ≥ 0` (absolute); 0 selects the hard c-transform.
    public private(set) var lambda: S
    /// `Yᵀ` (`d x N`) packed for ``GEMM``: the kernel's products `X Yᵀ` read it without copying `Y`
    /// on every call.
    @usableFromInline var packedTarget: GEMM.PackedOperand<S>
    /// `‖y_j‖²` for every target.
    @usableFromInline var targetSquaredNorms: [S]
    /// `log ν_j` for every target.
    @usableFromInline var logTargetWeights: [S]

    /// A problem on the target cloud `target` with weights `targetWeights` (uniform when `nil`).
    ///
    /// - Parameters:
    ///   - target: `N x d`, at least one point, finite entries.
    ///   - targetWeights: `N` finite positive weights; they are divided by their sum. A target of
    ///     weight 0 cannot receive mass: drop the point instead.
    ///   - kappa: the cost scale, finite and positive (default 1: the plain squared distance).
    ///   - lambda: the regularization, finite and `≥ 0`.
    /// - Throws: ``OTInputError`` naming the argument that is empty, non-finite, of the wrong
    ///   length or out of range.
    /// - Complexity: O(N d), vectorized, on all cores.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public init(target: Matrix<S>, targetWeights: [S]? = nil, kappa: S = 1, lambda: S) throws {
        try Validate.points(target, name: "target")
        let weights = targetWeights ?? [S](repeating: 1, count: target.rows)
        try Validate.weights(weights, count: target.rows, name: "targetWeights")
        if let zero = weights.firstIndex(of: 0) {
            throw OTInputError("targetWeights[\(zero)] = 0; expected positive weights (drop the point instead)")
        }
        try Validate.positive(kappa, name: "kappa")
        guard lambda.isFinite, lambda >= 0 else {
            throw OTInputError("lambda = \(lambda); expected a finite value >= 0")
        }
        let total = weights.reduce(0, +)
        self.target = target
        self.targetWeights = weights.map { $0 / total }
        self.kappa = kappa
        self.lambda = lambda
        self.packedTarget = Self.packed(target)
        self.targetSquaredNorms = Self.rowSquaredNorms(of: target)
        self.logTargetWeights = self.targetWeights.map { S.log($0) }
    }

    /// `Yᵀ` packed as the right operand of ``GEMM`` products.
    /// - Complexity: O(N d).
    static func packed(_ target: Matrix<S>) -> GEMM.PackedOperand<S> {
        target.withUnsafeBufferPointer {
            GEMM.packRight(columns: target.rows, depth: target.columns, transposedB: $0.baseAddress!, ldb: target.columns)
        }
    }

    /// The number of target points `N`.
    @inlinable public var targetCount: Int { target.rows }

    /// The dimension `d` of the points.
    @inlinable public var dimension: Int { target.columns }

    /// The same problem with another regularization `λ` (the precomputed target data is shared).
    /// - Throws: ``OTInputError`` when `lambda` is negative or not finite.
    /// - Complexity: O(1).
    public func with(lambda: S) throws -> SemiDiscreteProblem {
        guard lambda.isFinite, lambda >= 0 else {
            throw OTInputError("lambda = \(lambda); expected a finite value >= 0")
        }
        var copy = self
        copy.lambda = lambda
        return copy
    }

    /// `mean_j ‖y_j‖²`: the cost scale `κ` of the MNIST experiments.
    /// - Throws: ``OTInputError`` when `target` is empty, non-finite or all zero.
    /// - Complexity: O(N d), vectorized, on all cores; the row norms are summed in `Double`.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public static func meanSquaredNorm(of target: Matrix<S>) throws -> S {
        try Validate.points(target, name: "target")
        let total = rowSquaredNorms(of: target).reduce(0.0) { $0 + Double($1) }
        let mean = S(total / Double(target.rows))
        guard mean > 0 else { throw OTInputError("target is all zero; mean squared norm 0 cannot scale the cost") }
        return mean
    }

    /// `‖y_j‖²` for every row `y_j` of `points`, summed in `S.Vector` lanes, rows split over the cores.
    /// - Complexity: O(N d).
    @inlinable
    static func rowSquaredNorms(of points: Matrix<S>) -> [S] {
        let (n, d) = (points.rows, points.columns)
        let lanes = S.Vector.scalarCount
        var norms = [S](repeating: 0, count: n)
        points.withUnsafeBufferPointer { buffer in
            norms.withUnsafeMutableBufferPointer { out in
                let base = buffer.baseAddress!, result = out.baseAddress!
                Parallel.forEachBlock(count: n, minimumBlock: max(1, 65_536 / max(1, d))) { rows in
                    for j in rows {
                        let row = base + j &* d
                        var sum = S.Vector(repeating: 0)
                        var k = 0
                        while k &+ lanes <= d {
                            let v = VectorAccess.load(row + k)
                            sum += v * v
                            k &+= lanes
                        }
                        var total = sum.sum()
                        while k < d {
                            total += row[k] * row[k]
                            k &+= 1
                        }
                        result[j] = total
                    }
                }
            }
        }
        return norms
    }
}

extension SemiDiscreteProblem {
    /// The problem on the targets `indices` only, their weights renormalized to sum to 1.
    /// - Precondition: `indices` are distinct valid target indices, at least one.
    /// - Complexity: O(M d) for `M` indices.
    @usableFromInline
    func restricted(to indices: [Int]) -> SemiDiscreteProblem {
        precondition(!indices.isEmpty, "SemiDiscreteProblem: empty target subset")
        var copy = self
        copy.target = target.rows(at: indices)
        copy.packedTarget = Self.packed(copy.target)
        let weights = indices.map { targetWeights[$0] }
        let total = weights.reduce(0, +)
        copy.targetWeights = weights.map { $0 / total }
        copy.targetSquaredNorms = indices.map { targetSquaredNorms[$0] }
        copy.logTargetWeights = copy.targetWeights.map { S.log($0) }
        return copy
    }
}
