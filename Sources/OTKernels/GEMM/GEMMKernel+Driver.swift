extension GEMMKernel {
    /// Products with fewer multiply-adds than this stay on one thread: below it, handing work to a
    /// second core costs more than it saves.
    static var parallelThreshold: Int { 1 << 20 }

    /// Computes the whole product on at most `threadLimit` threads.
    ///
    /// Large products are split into disjoint blocks of `C`, whole register tiles each. When
    /// `m >= n` the threads take row blocks and share each packed `op(B)` block (packed by all of
    /// them, then read by all); otherwise they take column blocks and each packs its own part of
    /// `op(B)` and all of `op(A)`, the smaller operand. Each element of `C` sees the same operations
    /// whatever the split.
    /// - Complexity: O(m n k) flops.
    @usableFromInline
    func run(threadLimit: Int) {
        precondition(threadLimit >= 1, "GEMM: threadLimit \(threadLimit) must be at least 1")
        guard m > 0 && n > 0 else { return }
        guard k > 0 && alpha != 0 else {
            scaleC()
            return
        }
        let (mr, nr) = (Self.mr, Self.nr)
        let rowTiles = (m &+ mr &- 1) / mr, columnTiles = (n &+ nr &- 1) / nr
        let splitRows = m >= n
        let large = Double(m) * Double(n) * Double(k) >= Double(Self.parallelThreshold)
        let threads = large ? min(threadLimit, Parallel.threadCount, splitRows ? rowTiles : columnTiles) : 1
        if threads == 1 {
            withPackBuffers(workers: 1, rows: m, columns: n, sharingB: false) { buffers in
                compute(rows: 0..<m, columns: 0..<n, buffers: buffers, worker: 0)
            }
        } else if splitRows {
            computeSharingB(threads: threads, rowTiles: rowTiles)
        } else {
            let columnsPerThread = (columnTiles &+ threads &- 1) / threads &* nr
            withPackBuffers(workers: threads, rows: m, columns: columnsPerThread, sharingB: false) { buffers in
                Parallel.forEachBlock(count: threads) { workers in
                    for worker in workers {
                        let tiles = Parallel.blockRange(worker, of: threads, count: columnTiles)
                        let columns = (tiles.lowerBound &* nr)..<min(tiles.upperBound &* nr, n)
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
    /// ``withPackBuffers(workers:rows:columns:sharingB:_:)``: per worker an `op(A)` block of at most
    /// `MC x KC` scalars and a zeroed `mr x nr` scratch tile, and one `op(B)` block of at most
    /// `KC x NC` scalars, shared by all workers or one per worker.
    struct PackBuffers {
        let base: UnsafeMutablePointer<S>
        let sizeA: Int, sizeB: Int, workers: Int, sharingB: Bool

        /// Scalars per worker: its `op(A)` block, then its scratch tile.
        var strideA: Int { sizeA &+ GEMMKernel.mr &* GEMMKernel.nr }
        func packedA(_ worker: Int) -> UnsafeMutablePointer<S> { base + worker &* strideA }
        func scratch(_ worker: Int) -> UnsafeMutablePointer<S> { base + (worker &* strideA &+ sizeA) }
        func packedB(_ worker: Int) -> UnsafeMutablePointer<S> {
            base + (workers &* strideA &+ (sharingB ? 0 : worker &* sizeB))
        }
    }

    /// Calls `body` with the pack buffers for `workers` threads that each multiply at most `rows`
    /// rows of `op(A)` by at most `columns` columns of `op(B)`, 64-byte aligned.
    /// - Complexity: O(workers · (MC + NC) · KC) memory.
    func withPackBuffers(workers: Int, rows: Int, columns: Int, sharingB: Bool, _ body: (PackBuffers) -> Void) {
        let (mr, nr) = (Self.mr, Self.nr)
        let depthBlock = min(Self.kc, k)
        let sizeA = min(Self.mc, (rows &+ mr &- 1) / mr &* mr) &* depthBlock
        let sizeB = depthBlock &* min(Self.nc, (columns &+ nr &- 1) / nr &* nr)
        let count = workers &* (sizeA &+ mr &* nr &+ (sharingB ? 0 : sizeB)) &+ (sharingB ? sizeB : 0)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count &* MemoryLayout<S>.stride, alignment: 64)
        defer { raw.deallocate() }
        let buffers = PackBuffers(
            base: raw.bindMemory(to: S.self, capacity: count), sizeA: sizeA, sizeB: sizeB, workers: workers,
            sharingB: sharingB)
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
                packB(depth: pc, count: depth, columns: jc, count: width, into: buffers.packedB(worker))
                computeBlock(
                    rows: rows, columns: jc, count: width, depth: pc, count: depth, buffers: buffers, worker: worker)
                pc &+= depth
            }
            jc &+= width
        }
    }

    /// The product on `threads` threads taking disjoint row blocks of `C`; for each packed block of
    /// `op(B)`, the threads first pack a share of its panels each, then all multiply by it.
    /// - Complexity: O(m n k) flops; two parallel phases per `KC x NC` block of `op(B)`.
    func computeSharingB(threads: Int, rowTiles: Int) {
        let (mr, nr) = (Self.mr, Self.nr)
        let rowsPerThread = (rowTiles &+ threads &- 1) / threads &* mr
        withPackBuffers(workers: threads, rows: rowsPerThread, columns: n, sharingB: true) { buffers in
            let packedB = buffers.packedB(0)
            var jc = 0
            while jc < n {
                let width = min(Self.nc, n &- jc)
                let panels = (width &+ nr &- 1) / nr
                var pc = 0
                while pc < k {
                    let depth = min(Self.kc, k &- pc)
                    Parallel.forEachBlock(count: threads) { workers in
                        for worker in workers {
                            let share = Parallel.blockRange(worker, of: threads, count: panels)
                            let first = share.lowerBound &* nr
                            if share.isEmpty { continue }
                            packB(
                                depth: pc, count: depth, columns: jc &+ first,
                                count: min(share.upperBound &* nr, width) &- first, into: packedB + first &* depth)
                        }
                    }
                    Parallel.forEachBlock(count: threads) { workers in
                        for worker in workers {
                            let tiles = Parallel.blockRange(worker, of: threads, count: rowTiles)
                            computeBlock(
                                rows: (tiles.lowerBound &* mr)..<min(tiles.upperBound &* mr, m), columns: jc,
                                count: width, depth: pc, count: depth, buffers: buffers, worker: worker)
                        }
                    }
                    pc &+= depth
                }
                jc &+= width
            }
        }
    }

    /// `C[rows, j0 ..< j0 + width] (+)= op(A)[rows, p0 ..< p0 + depth] · B̃` for a packed block `B̃`.
    ///
    /// Loops, outermost first: `MC` rows of `op(A)` (block packed into the worker's buffer); one `A`
    /// panel (in L1); every `B` panel of the block (streamed from L2) through the micro-kernel.
    /// `beta` applies in the first depth block (`p0 == 0`) only.
    /// - Complexity: O(rows.count · width · depth) flops.
    func computeBlock(
        rows: Range<Int>, columns j0: Int, count width: Int, depth p0: Int, count depth: Int,
        buffers: PackBuffers, worker: Int
    ) {
        let (mr, nr) = (Self.mr, Self.nr)
        let blockBeta: S = p0 == 0 ? beta : 1
        let packedA = buffers.packedA(worker), packedB = buffers.packedB(worker), scratch = buffers.scratch(worker)
        var ic = rows.lowerBound
        while ic < rows.upperBound {
            let height = min(Self.mc, rows.upperBound &- ic)
            packA(rows: ic, count: height, depth: p0, count: depth, into: packedA)
            var ir = 0
            while ir < height {
                let panelA = packedA + ir &* depth
                let tileRow = c + ((ic &+ ir) &* ldc &+ j0)
                let tileRows = min(mr, height &- ir)
                var jr = 0
                while jr < width {
                    microKernel(
                        depth: depth, a: panelA, b: packedB + jr &* depth, c: tileRow + jr,
                        rows: tileRows, columns: min(nr, width &- jr), beta: blockBeta, scratch: scratch)
                    jr &+= nr
                }
                ir &+= mr
            }
            ic &+= height
        }
    }
}
