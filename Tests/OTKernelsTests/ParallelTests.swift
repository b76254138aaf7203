#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import OTKernels
import Testing

/// Counts, per index, how often a loop visited it; blocks are disjoint, so the writes never race.
final class VisitCounts: @unchecked Sendable {
    var counts: [Int]
    init(_ count: Int) { counts = [Int](repeating: 0, count: count) }

    /// Runs one `Parallel.forEachBlock` over all indices, adding one visit to each index it is given.
    func visitAll(minimumBlock: Int = 1, blocksPerThread: Int = 1) {
        counts.withUnsafeMutableBufferPointer { buffer in
            let pointer = UncheckedPointer(buffer.baseAddress!)
            Parallel.forEachBlock(count: buffer.count, minimumBlock: minimumBlock, blocksPerThread: blocksPerThread) {
                block in
                for i in block { pointer.value[i] += 1 }
            }
        }
    }
}

/// A pointer handed to loop bodies that write disjoint indices.
struct UncheckedPointer: @unchecked Sendable {
    let value: UnsafeMutablePointer<Int>
    init(_ value: UnsafeMutablePointer<Int>) { self.value = value }
}

@Suite struct ParallelTests {
    /// Every index is visited exactly once, for any count and block settings.
    @Test(arguments: [1, 2, 3, 17, 1000], [(1, 1), (4, 1), (1, 4), (300, 2)])
    func visitsEveryIndexOnce(count: Int, blocks: (Int, Int)) {
        let visits = VisitCounts(count)
        visits.visitAll(minimumBlock: blocks.0, blocksPerThread: blocks.1)
        #expect(visits.counts.allSatisfy { $0 == 1 })
    }

    /// Back-to-back loops (helpers spinning) and loops after pauses longer than the helpers' spin
    /// (helpers parked, then woken) all complete with every index visited once per loop.
    @Test func consecutiveLoopsWithAndWithoutPauses() {
        let visits = VisitCounts(64)
        for round in 0..<300 {
            if round % 50 == 0 { usleep(2_000) }
            visits.visitAll()
        }
        #expect(visits.counts.allSatisfy { $0 == 300 })
    }

    /// A loop inside a loop body, and loops started on several threads at once (the helpers serve
    /// one loop at a time; the others run on Dispatch), still visit every index once.
    @Test func nestedAndSimultaneousLoops() {
        let outer = VisitCounts(8 * 32)
        outer.counts.withUnsafeMutableBufferPointer { buffer in
            let pointer = UncheckedPointer(buffer.baseAddress!)
            Parallel.forEachBlock(count: 8) { rows in
                for row in rows {
                    Parallel.forEachBlock(count: 32) { columns in
                        for column in columns { pointer.value[row * 32 + column] += 1 }
                    }
                }
            }
        }
        #expect(outer.counts.allSatisfy { $0 == 1 })
        let loops = (0..<4).map { _ in VisitCounts(100) }
        DispatchQueue.concurrentPerform(iterations: loops.count) { i in
            for _ in 0..<50 { loops[i].visitAll() }
        }
        #expect(loops.allSatisfy { $0.counts.allSatisfy { $0 == 50 } })
    }
}
