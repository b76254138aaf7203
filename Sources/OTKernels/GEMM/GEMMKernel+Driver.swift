extension GEMMKernel {
    /// Products with fewer multiply-adds than this stay on one thread: below it, handing work to a
    /// second core costs more than it saves.
    static var parallelThreshold: Int { 1 << 20 }

    /// Computes the whole product on at most `threadLimit` threads with `algorithm`.
    ///
    /// Small products take the direct loops of ``computeDirect()`` (unless `algorithm` says
    /// otherwise). Packed products are split into disjoint blocks of `C`, whole register tiles
    /// each, one per thread: row blocks when `m >= n`, column blocks otherwise. Each thread packs the blocks of `op(A)` and `op(B)` it needs into its own buffers
    /// and never waits for another, so a product costs one fork and one join; packing the shared
    /// operand once per thread adds `O(k · min(m, n))` copies per thread, a fraction
    /// `1 / max(m, n)` of the flops. Each element of `C` sees the same operations whatever the
    /// split, the thread count and the algorithm.
    /// - Complexity: O(m n k) flops.
    @usableFromInline
    func run(threadLimit: Int, algorithm: GEMM.Algorithm) {
        precondition(threadLimit >= 1, "GEMM: threadLimit \(threadLimit) must be at least 1")
        guard m > 0 && n > 0 else { return }
        guard k > 0 && alpha != 0 else {
            scaleC()
            return
        }
        let multiplyAdds = Double(m) * Double(n) * Double(k)
        let prepacked = prepackedA != nil || prepackedB != nil
        if !prepacked
            && (algorithm == .direct || (algorithm == .automatic && multiplyAdds < Double(Self.directThreshold))) {
            computeDirect()
            return
        }
        let (mr, nr) = (Self.mr, Self.nr)
        let splitRows = m >= n
        let tiles = splitRows ? (m &+ mr &- 1) / mr : (n &+ nr &- 1) / nr
        let large = multiplyAdds >= Double(Self.parallelThreshold)
        let threads = large ? min(threadLimit, Parallel.threadCount, tiles) : 1
        let tilesPerThread = (tiles &+ threads &- 1) / threads
        let rows = splitRows ? tilesPerThread &* mr : m, columns = splitRows ? n : tilesPerThread &* nr
        // A packed operand needs no pack buffer.
        withPackBuffers(
            workers: threads, rows: prepackedA == nil ? rows : 0, columns: prepackedB == nil ? columns : 0
        ) { buffers in
            Parallel.forEachBlock(count: threads) { workers in
                for worker in workers {
                    let share = Parallel.blockRange(worker, of: threads, count: tiles)
                    if splitRows {
                        let rows = (share.lowerBound &* mr)..<min(share.upperBound &* mr, m)
                        compute(rows: rows, columns: 0..<n, buffers: buffers, worker: worker)
                    } else {
                        let columns = (share.lowerBound &* nr)..<min(share.upperBound &* nr, n)
                        compute(rows: 0..<m, columns: columns, buffers: buffers, worker: worker)
                    }
                }
            }
        }
    }

    /// `C ← beta · C` (zeros when `beta == 0`), for an empty inner dimension or `alpha == 0`.
    /// - Complexity: O(m n).
    func scaleC() {
        for i in 0..<m {
            let row = c + i &* ldc
            if beta == 0 {
                row.update(repeating: 0, count: n)
            } else if beta != 1 {
                for j in 0..<n { row[j] *= beta }
            }
        }
    }

    /// The pack buffers of one product, allocated once by
    /// ``withPackBuffers(workers:rows:columns:_:)``: per worker an `op(A)` block of at most
    /// `MC x KC` scalars, a zeroed `mr x nr` scratch tile and an `op(B)` block of at most
    /// `KC x NC` scalars.
    struct PackBuffers {
        let base: UnsafeMutablePointer<S>
        let sizeA: Int, sizeB: Int

        /// Scalars per worker: its `op(A)` block, its scratch tile, then its `op(B)` block (whole
        /// cache lines each, as `mr · nr` scalars are 768 bytes in every configuration).
        var stride: Int { sizeA &+ GEMMKernel.mr &* GEMMKernel.nr &+ sizeB }
        func packedA(_ worker: Int) -> UnsafeMutablePointer<S> { base + worker &* stride }
        func scratch(_ worker: Int) -> UnsafeMutablePointer<S> { base + (worker &* stride &+ sizeA) }
        func packedB(_ worker: Int) -> UnsafeMutablePointer<S> {
            base + (worker &* stride &+ sizeA &+ GEMMKernel.mr &* GEMMKernel.nr)
        }
    }

    /// Calls `body` with the pack buffers for `workers` threads that each multiply at most `rows`
    /// rows of `op(A)` by at most `columns` columns of `op(B)`, 64-byte aligned.
    /// - Complexity: O(workers · (MC + NC) · KC) memory.
    func withPackBuffers(workers: Int, rows: Int, columns: Int, _ body: (PackBuffers) -> Void) {
        let (mr, nr) = (Self.mr, Self.nr)
        let depthBlock = min(Self.kc, k)
        // Rounded up to whole 64-byte lines, so that no two workers write to one cache line.
        let line = 64 / MemoryLayout<S>.stride
        let sizeA = (min(Self.mc, (rows &+ mr &- 1) / mr &* mr) &* depthBlock &+ line &- 1) / line &* line
        let sizeB = (depthBlock &* min(Self.nc, (columns &+ nr &- 1) / nr &* nr) &+ line &- 1) / line &* line
        let count = workers &* (sizeA &+ mr &* nr &+ sizeB)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count &* MemoryLayout<S>.stride, alignment: 64)
        defer { raw.deallocate() }
        let buffers = PackBuffers(base: raw.bindMemory(to: S.self, capacity: count), sizeA: sizeA, sizeB: sizeB)
        for worker in 0..<workers { buffers.scratch(worker).initialize(repeating: 0, count: mr &* nr) }
        body(buffers)
    }

    /// The product restricted to `C[rows, columns]`, on the calling thread, in the buffers of
    /// `worker`, packing its own blocks of `op(B)`.
    /// - Precondition: `rows.lowerBound` is a multiple of `mr`, `columns.lowerBound` of `nr`; the
    ///   buffers were sized for these ranges and `op(B)` is not shared.
    /// - Complexity: O(rows.count · columns.count · k) flops.
    func compute(rows: Range<Int>, columns: Range<Int>, buffers: PackBuffers, worker: Int) {
        var jc = columns.lowerBound
        while jc < columns.upperBound {
            let width = min(Self.nc, columns.upperBound &- jc)
            var pc = 0
            while pc < k {
                let depth = min(Self.kc, k &- pc)
                let panelsB = Self.panels(prepackedB, depth: pc, count: depth, from: jc, else: buffers.packedB(worker)) {
                    packB(depth: pc, count: depth, columns: jc, count: width, into: $0)
                }
                computeBlock(
                    rows: rows, columns: jc, count: width, depth: pc, count: depth, panelsB: panelsB,
                    buffers: buffers, worker: worker)
                pc &+= depth
            }
            jc &+= width
        }
    }

    /// `C[rows, j0 ..< j0 + width] (+)= op(A)[rows, p0 ..< p0 + depth] · B̃` for the packed block `B̃`
    /// at `panelsB`.
    ///
    /// Loops, outermost first: `MC` rows of `op(A)` (block packed into the worker's buffer unless
    /// `op(A)` came packed); one `A` panel (in L1); every `B` panel of the block (streamed from L2)
    /// through the micro-kernel.
    /// `beta` applies in the first depth block (`p0 == 0`) only.
    /// - Complexity: O(rows.count · width · depth) flops.
    func computeBlock(
        rows: Range<Int>, columns j0: Int, count width: Int, depth p0: Int, count depth: Int,
        panelsB: UnsafePointer<S>, buffers: PackBuffers, worker: Int
    ) {
        let (mr, nr) = (Self.mr, Self.nr)
        let blockBeta: S = p0 == 0 ? beta : 1
        let scratch = buffers.scratch(worker)
        var ic = rows.lowerBound
        while ic < rows.upperBound {
            let height = min(Self.mc, rows.upperBound &- ic)
            let panelsA = Self.panels(prepackedA, depth: p0, count: depth, from: ic, else: buffers.packedA(worker)) {
                packA(rows: ic, count: height, depth: p0, count: depth, into: $0)
            }
            var ir = 0
            while ir < height {
                let panelA = panelsA + ir &* depth
                let tileRow = c + ((ic &+ ir) &* ldc &+ j0)
                let tileRows = min(mr, height &- ir)
                var jr = 0
                while jr < width {
                    microKernel(
                        depth: depth, a: panelA, b: panelsB + jr &* depth, c: tileRow + jr,
                        rows: tileRows, columns: min(nr, width &- jr), beta: blockBeta, scratch: scratch)
                    jr &+= nr
                }
                ir &+= mr
            }
            ic &+= height
        }
    }

    /// The panels of one block of an operand: those of `prepacked` when it came packed, otherwise
    /// `buffer` after `pack` has filled it.
    @inline(__always)
    static func panels(
        _ prepacked: PackedPanels<S>?, depth p0: Int, count depth: Int, from i: Int,
        else buffer: UnsafeMutablePointer<S>, _ pack: (UnsafeMutablePointer<S>) -> Void
    ) -> UnsafePointer<S> {
        if let prepacked { return prepacked.panel(depth: p0, count: depth, from: i) }
        pack(buffer)
        return UnsafePointer(buffer)
    }
}
