extension GEMMKernel {
    /// Copies `alpha · op(A)[i0 ..< i0 + rows, p0 ..< p0 + depth]` into row panels of `mr` rows.
    ///
    /// Panel `r` starts at `panels + r · depth` (`r` a multiple of `mr`) and holds, for each depth
    /// index `p`, the `mr` scalars of column `p` contiguously. Rows past `rows` are zero.
    /// - Complexity: O(rows · depth).
    @inline(__always)
    func packA(
        rows i0: Int, count rows: Int, depth p0: Int, count depth: Int, into panels: UnsafeMutablePointer<S>
    ) {
        let mr = Self.mr
        var r = 0
        while r < rows {
            let height = min(mr, rows &- r)
            let panel = panels + r &* depth
            if transposeA {
                // op(A)[i, p] = a[p · lda + i]: each depth index reads `height` contiguous scalars.
                for p in 0..<depth {
                    let source = a + ((p0 &+ p) &* lda &+ i0 &+ r)
                    let target = panel + p &* mr
                    for i in 0..<height { target[i] = alpha * source[i] }
                    for i in height..<mr { target[i] = 0 }
                }
            } else if height == mr {
                // op(A)[i, p] = a[i · lda + p]: six row streams, one contiguous column of the panel
                // per depth index (a row-by-row copy would vectorize into slow scatters).
                let s0 = a + ((i0 &+ r) &* lda &+ p0), s1 = s0 + lda, s2 = s1 + lda
                let s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda
                var target = panel
                for p in 0..<depth {
                    target[0] = alpha * s0[p]
                    target[1] = alpha * s1[p]
                    target[2] = alpha * s2[p]
                    target[3] = alpha * s3[p]
                    target[4] = alpha * s4[p]
                    target[5] = alpha * s5[p]
                    target += mr
                }
            } else {
                let source = a + ((i0 &+ r) &* lda &+ p0)
                for p in 0..<depth {
                    let target = panel + p &* mr
                    for i in 0..<height { target[i] = alpha * source[i &* lda &+ p] }
                    for i in height..<mr { target[i] = 0 }
                }
            }
            r &+= mr
        }
    }

    /// Copies `op(B)[p0 ..< p0 + depth, j0 ..< j0 + columns]` into column panels of `nr` columns.
    ///
    /// Panel `q` starts at `panels + q · depth` (`q` a multiple of `nr`) and holds, for each depth
    /// index `p`, the `nr` scalars of row `p` contiguously. Columns past `columns` are zero.
    /// - Complexity: O(depth · columns).
    @inline(__always)
    func packB(
        depth p0: Int, count depth: Int, columns j0: Int, count columns: Int, into panels: UnsafeMutablePointer<S>
    ) {
        let nr = Self.nr
        if transposeB {
            var q = 0
            while q < columns {
                PackedPanels<S>.packRows(
                    b + ((j0 &+ q) &* ldb &+ p0), stride: ldb, count: min(nr, columns &- q), depth: depth,
                    panelWidth: nr, into: panels + q &* depth)
                q &+= nr
            }
        } else {
            // op(B)[p, j] = b[p · ldb + j]: each row of the block is read once, front to back (the
            // prefetcher follows it), and dealt out to the panels two vectors at a time.
            let fullPanels = columns / nr, tail = columns &- fullPanels &* nr
            let half = V.scalarCount &* MemoryLayout<S>.stride, panelStride = depth &* nr
            for p in 0..<depth {
                let source = b + ((p0 &+ p) &* ldb &+ j0)
                let target = panels + p &* nr
                for q in 0..<fullPanels {
                    let from = UnsafeRawPointer(source + q &* nr)
                    let to = UnsafeMutableRawPointer(target + q &* panelStride)
                    to.storeBytes(of: from.loadUnaligned(as: V.self), as: V.self)
                    to.storeBytes(
                        of: from.loadUnaligned(fromByteOffset: half, as: V.self), toByteOffset: half, as: V.self)
                }
                if tail > 0 {
                    let from = source + fullPanels &* nr, to = target + fullPanels &* panelStride
                    for j in 0..<tail { to[j] = from[j] }
                    for j in tail..<nr { to[j] = 0 }
                }
            }
        }
    }
}
