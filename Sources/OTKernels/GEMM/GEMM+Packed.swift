extension GEMM {
    /// One operand of many products, copied once into the panels the micro-kernel reads, so that
    /// products reusing it skip packing it (see ``GEMM``).
    ///
    /// A left operand `op(A) = alpha · A` (`m x k`) is stored as row panels of 6 rows, a right
    /// operand `op(B) = Bᵀ` (`k x n`, column `j` is row `j` of the stored `B`) as column panels of
    /// ``GEMM/panelWidth(for:)`` columns, both per depth block of 256 indices and padded with zeros
    /// to whole panels: `O(k · extent)` scalars, about the operand's own size. Products with a
    /// packed operand give exactly the same bits as ``GEMM/multiply(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``
    /// on the unpacked one.
    ///
    /// Used where one operand meets many others: the targets of semi-discrete OT, multiplied by a
    /// new batch of points every step, would otherwise be packed again at every step (a sixth of
    /// the step's time at `B = 200`, `N = 60,000`, `d = 784`).
    public struct PackedOperand<S: OTScalar>: Sendable {
        /// Which side of a product the operand was packed for.
        public enum Side: Sendable, Equatable {
            /// `op(A)`, the `m x k` factor; ``PackedOperand/extent`` is `m`.
            case left
            /// `op(B)`, the `k x n` factor; ``PackedOperand/extent`` is `n`.
            case right
        }

        /// The side the operand can be used on.
        public let side: Side
        /// Rows of `op(A)` or columns of `op(B)`.
        public let extent: Int
        /// The inner dimension `k`.
        public let depth: Int
        /// Rows (left) or columns (right) per panel.
        @usableFromInline let panelSize: Int
        @usableFromInline let storage: Storage

        /// The packed scalars, immutable once written (hence safe to share between threads).
        @usableFromInline
        final class Storage: @unchecked Sendable {
            @usableFromInline let pointer: UnsafeMutablePointer<S>

            init(count: Int) {
                let raw = UnsafeMutableRawPointer.allocate(
                    byteCount: max(1, count) &* MemoryLayout<S>.stride, alignment: 64)
                pointer = raw.bindMemory(to: S.self, capacity: max(1, count))
            }

            deinit { pointer.deallocate() }
        }

        /// `extent` rounded up to whole panels.
        @usableFromInline var padded: Int { (extent &+ panelSize &- 1) / panelSize &* panelSize }

        init(side: Side, extent: Int, depth: Int, panelSize: Int) {
            precondition(extent >= 0 && depth >= 0, "GEMM.PackedOperand: negative size \(extent) x \(depth)")
            self.side = side
            self.extent = extent
            self.depth = depth
            self.panelSize = panelSize
            storage = Storage(count: (extent &+ panelSize &- 1) / panelSize &* panelSize &* depth)
        }

        /// The panels from row (column) `offset` on, for a product that starts there.
        @usableFromInline
        func panels(from offset: Int) -> PackedPanels<S> {
            PackedPanels(base: UnsafePointer(storage.pointer), padded: padded, offset: offset)
        }
    }

    /// Columns per panel of a right operand: two of the micro-kernel's vectors (32 `Float` or 16
    /// `Double` with AVX-512, 8 and 4 without a CPU target). A product on a packed right operand
    /// starts at a multiple of it.
    /// - Complexity: O(1).
    public static func panelWidth<S: OTScalar>(for _: S.Type) -> Int {
        if S.self == Float.self { return GEMMKernel<KernelVectors.FloatVector>.nr }
        if S.self == Double.self { return GEMMKernel<KernelVectors.DoubleVector>.nr }
        return GEMMKernel<S.Vector>.nr
    }

    /// Packs `op(A) = alpha · A` for `A` stored row-major (`m x k`, row stride `lda`).
    /// - Precondition: `m, k >= 0`, `lda >= k`.
    /// - Complexity: O(m k) time and memory.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public static func packLeft<S: OTScalar>(
        rows m: Int, depth k: Int, alpha: S = 1, a: UnsafePointer<S>, lda: Int
    ) -> PackedOperand<S> {
        let kernel = GEMMKernel<S.Vector>(
            transposeA: false, transposeB: false, m: m, n: 0, k: k, alpha: alpha, a: a, lda: lda, b: a, ldb: 0,
            beta: 0, c: UnsafeMutablePointer(mutating: a), ldc: 0)
        let operand = PackedOperand<S>(side: .left, extent: m, depth: k, panelSize: GEMMKernel<S.Vector>.mr)
        var p0 = 0
        while p0 < k {
            let depth = min(GEMMKernel<S.Vector>.kc, k &- p0)
            kernel.packA(rows: 0, count: m, depth: p0, count: depth, into: operand.storage.pointer + p0 &* operand.padded)
            p0 &+= depth
        }
        return operand
    }

    /// Packs `op(B) = Bᵀ` for `B` stored row-major (`n x k`, row stride `ldb`): column `j` of the
    /// product's right factor is row `j` of `b`.
    /// - Precondition: `n, k >= 0`, `ldb >= k`.
    /// - Complexity: O(n k) time and memory, panels split over the cores.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public static func packRight<S: OTScalar>(
        columns n: Int, depth k: Int, transposedB b: UnsafePointer<S>, ldb: Int
    ) -> PackedOperand<S> {
        precondition(n == 0 || k == 0 || ldb >= k, "GEMM.packRight: ldb \(ldb) is less than k \(k)")
        let width = panelWidth(for: S.self)
        let operand = PackedOperand<S>(side: .right, extent: n, depth: k, panelSize: width)
        let storage = operand.storage.pointer, padded = operand.padded
        // Panels are independent: split them over the cores (64 KB of copies is worth a thread).
        let panels = padded / width
        Parallel.forEachBlock(count: panels, minimumBlock: max(1, 16_384 / max(1, width &* k))) { range in
            var p0 = 0
            while p0 < k {
                let depth = min(GEMMKernel<S.Vector>.kc, k &- p0)
                for panel in range {
                    let q = panel &* width
                    PackedPanels<S>.packRows(
                        b + (q &* ldb &+ p0), stride: ldb, count: min(width, n &- q), depth: depth,
                        panelWidth: width, into: storage + (p0 &* padded &+ q &* depth))
                }
                p0 &+= depth
            }
        }
        return operand
    }

    /// `C ← op(A) · op(B)[:, columns] + beta · C` for packed operands, on all cores when large.
    ///
    /// `C` is `m x columns.count` (`m = a.extent`) with row stride `ldc`. The same arithmetic as
    /// the unpacked product, without packing either operand.
    /// - Precondition: `a` is a left and `b` a right operand of the same depth; `columns` lies in
    ///   `0 ..< b.extent` and starts at a multiple of ``panelWidth(for:)``; `ldc >= columns.count`.
    /// - Complexity: O(m · columns.count · k) flops, no scratch beyond a tile per thread.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public static func multiply<S: OTScalar>(
        _ a: PackedOperand<S>, _ b: PackedOperand<S>, columns: Range<Int>, beta: S,
        c: UnsafeMutablePointer<S>, ldc: Int, threadLimit: Int = Parallel.threadCount
    ) {
        precondition(a.side == .left && b.side == .right, "GEMM.multiply: expected a left and a right packed operand")
        precondition(a.depth == b.depth, "GEMM.multiply: depths \(a.depth) and \(b.depth) differ")
        precondition(columns.lowerBound >= 0 && columns.upperBound <= b.extent
                     && columns.lowerBound % b.panelSize == 0,
                     "GEMM.multiply: columns \(columns) of \(b.extent) do not start at a panel")
        let base = UnsafePointer(a.storage.pointer)
        multiply(
            transposeA: false, transposeB: false, m: a.extent, n: columns.count, k: a.depth,
            alpha: 1, a: base, lda: a.depth, b: UnsafePointer(b.storage.pointer), ldb: columns.count,
            beta: beta, c: c, ldc: ldc, threadLimit: threadLimit, algorithm: .packed,
            prepackedA: a.panels(from: 0), prepackedB: b.panels(from: columns.lowerBound))
    }
}
