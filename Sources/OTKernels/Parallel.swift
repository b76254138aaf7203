#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Data-parallel loops over disjoint index blocks on all cores.
///
/// The split of `0..<count` into blocks depends only on `count`, `minimumBlock` and
/// ``threadCount``, never on timing, so a kernel that writes disjoint outputs per block gives
/// bit-identical results from run to run.
public enum Parallel {
    /// Number of worker threads: the `SWIFTOT_THREADS` environment variable if set to a positive
    /// integer, otherwise the number of online processors.
    public static let threadCount: Int = {
        if let text = getenv("SWIFTOT_THREADS").map({ String(cString: $0) }), let n = Int(text), n > 0 {
            return n
        }
        #if canImport(Glibc) || canImport(Darwin)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }()

    /// Calls `body` once per block of a partition of `0..<count` into at most
    /// `threadCount * blocksPerThread` contiguous blocks of at least `minimumBlock` indices,
    /// concurrently when there is more than one block: on the calling thread and persistent
    /// helper threads (see `WorkerPool`), or on Dispatch's threads when the helpers are busy
    /// (nested or simultaneous loops).
    ///
    /// - Parameters:
    ///   - count: the number of indices (rows, usually).
    ///   - minimumBlock: the smallest block worth a thread; small problems stay single-threaded.
    ///   - blocksPerThread: more than 1 balances uneven work at the cost of more synchronization.
    ///   - body: receives a block; blocks are disjoint and cover `0..<count`. It may run on
    ///     several threads at once, so it must write only what belongs to its own block.
    /// - Complexity: the cost of `body` over all indices, divided among the threads.
    @inlinable
    public static func forEachBlock(
        count: Int, minimumBlock: Int = 1, blocksPerThread: Int = 1,
        _ body: (Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let maxBlocks = max(1, threadCount * blocksPerThread)
        let blocks = max(1, min(maxBlocks, count / max(1, minimumBlock)))
        if blocks == 1 {
            body(0..<count)
            return
        }
        // On the persistent helper threads when they are free (they start at once after a recent
        // loop), otherwise on Dispatch's.
        if runOnWorkers(blocks: blocks, { body(blockRange($0, of: blocks, count: count)) }) { return }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: blocks) { b in
                shared.value(blockRange(b, of: blocks, count: count))
            }
        }
    }

    /// Block `b` of `blocks` near-equal contiguous blocks of `0..<count`.
    @inlinable
    public static func blockRange(_ b: Int, of blocks: Int, count: Int) -> Range<Int> {
        let base = count / blocks, extra = count % blocks
        let start = b &* base &+ min(b, extra)
        return start..<(start &+ base &+ (b < extra ? 1 : 0))
    }
}

/// The one audited `@unchecked Sendable` of SwiftOT: it carries a ``Parallel`` loop body to the
/// worker threads. Sound because the blocks a body receives are disjoint and the loop returns only
/// after every block has finished, so whatever the body captures outlives the loop.
@usableFromInline
struct UncheckedSendable<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @inlinable init(_ value: Value) { self.value = value }
}
