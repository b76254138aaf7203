extension GEMMKernel {
    /// Products with fewer multiply-adds than this stay on one thread: below it, handing work to a
    /// second core costs more than it saves.
    static var parallelThreshold: Int { 1 << 20 }

    /// Computes the whole product on at most `threadLimit` threads.
    ///
    /// Large products are split into disjoint blocks of `C`, whole register tiles each, along the
    /// rows when `m >= n` (every thread then packs all of `op(B)`, the smaller operand) and along
    /// the columns otherwise. Each element of `C` sees the same operations whatever the split.
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
        let tiles = splitRows ? rowTiles : columnTiles
        let multiplyAdds = m.multipliedReportingOverflow(by: n).partialValue.multipliedReportingOverflow(by: k)
        let large = multiplyAdds.overflow || multiplyAdds.partialValue >= Self.parallelThreshold
        let threads = large ? min(threadLimit, Parallel.threadCount, tiles) : 1
        guard threads > 1 else {
            compute(rows: 0..<m, columns: 0..<n)
            return
        }
        Parallel.forEachBlock(count: threads) { blocks in
            for block in blocks {
                let range = Parallel.blockRange(block, of: threads, count: tiles)
                if splitRows {
                    compute(rows: (range.lowerBound &* mr)..<min(range.upperBound &* mr, m), columns: 0..<n)
                } else {
                    compute(rows: 0..<m, columns: (range.lowerBound &* nr)..<min(range.upperBound &* nr, n))
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

    /// The product restricted to `C[rows, columns]`, on the calling thread.
    ///
    /// Loops, outermost first: `NC` columns of `op(B)`; `KC` depth indices (`op(B)` block packed,
    /// about half the L2 cache); `MC` rows of `op(A)` (block packed); one `A` panel (in L1); every
    /// `B` panel of the block (streamed from L2) through the micro-kernel. `beta` applies in the
    /// first depth block only. The pack buffers are allocated once, here.
    /// - Precondition: `rows.lowerBound` is a multiple of `mr`, `columns.lowerBound` of `nr`.
    /// - Complexity: O(rows.count · columns.count · k) flops.
    func compute(rows: Range<Int>, columns: Range<Int>) {
        let (mr, nr) = (Self.mr, Self.nr)
        let depthBlock = min(Self.kc, k)
        let heightBlock = min(Self.mc, (rows.count &+ mr &- 1) / mr &* mr)
        let widthBlock = min(Self.nc, (columns.count &+ nr &- 1) / nr &* nr)
        let sizeA = heightBlock &* depthBlock, sizeB = depthBlock &* widthBlock, sizeScratch = mr &* nr
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: (sizeA &+ sizeB &+ sizeScratch) &* MemoryLayout<S>.stride, alignment: 64)
        defer { raw.deallocate() }
        let packedA = raw.bindMemory(to: S.self, capacity: sizeA &+ sizeB &+ sizeScratch)
        let packedB = packedA + sizeA, scratch = packedB + sizeB
        scratch.initialize(repeating: 0, count: sizeScratch)

        var jc = columns.lowerBound
        while jc < columns.upperBound {
            let width = min(Self.nc, columns.upperBound &- jc)
            var pc = 0
            while pc < k {
                let depth = min(Self.kc, k &- pc)
                packB(depth: pc, count: depth, columns: jc, count: width, into: packedB)
                let blockBeta: S = pc == 0 ? beta : 1
                var ic = rows.lowerBound
                while ic < rows.upperBound {
                    let height = min(Self.mc, rows.upperBound &- ic)
                    packA(rows: ic, count: height, depth: pc, count: depth, into: packedA)
                    var ir = 0
                    while ir < height {
                        let panelA = packedA + ir &* depth
                        let tileRow = c + ((ic &+ ir) &* ldc &+ jc)
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
                pc &+= depth
            }
            jc &+= width
        }
    }
}
