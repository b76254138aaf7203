#if os(Linux) && canImport(Synchronization)
import Dispatch
import Glibc
import Synchronization

extension Parallel {
    /// Runs `body(0) ... body(blocks - 1)` on the calling thread and the persistent helper threads
    /// of ``WorkerPool``, returning after all have finished; `false` (nothing run) when the pool is
    /// unavailable: no helpers, too many blocks, or the pool busy with another loop (a nested
    /// loop, or one started on another thread), in which case the caller uses Dispatch.
    @usableFromInline
    static func runOnWorkers(blocks: Int, _ body: (Int) -> Void) -> Bool {
        WorkerPool.shared.run(blocks: blocks, body)
    }
}

/// Persistent helper threads, one per core beyond the first, that spin for a short while after
/// each loop (yielding the core to any other runnable thread) before parking, so that loops following one another closely start on all cores at
/// once. Waking a parked thread (as `DispatchQueue.concurrentPerform` does for every loop) took
/// about 55 µs on this 2-core VM, 4 % of a 512³ `Float` GEMM on two cores.
///
/// Protocol. One loop at a time holds the pool (`inUse`). The caller stores the body, then
/// publishes a ticket `generation << 32 | blocks << 16 | next` (sequentially consistent, which
/// also releases the body) and wakes parked helpers. Every thread, the caller included, claims
/// block `next` by a compare-exchange that also checks the generation, runs it and counts it in
/// `finished`; the caller returns once `finished == blocks`. A block is claimed only while its
/// loop is live, and the loop stays live until every claimed block has finished, so a late
/// helper never runs a stale body. The caller never waits for a block nobody has claimed, so a
/// slow or parked helper delays nothing but its own share. Parking is the Dekker pattern on
/// `sleeping` and the ticket (both sequentially consistent): either the helper sees the new
/// ticket, or the caller sees `sleeping` and signals; the one that clears `sleeping` decides
/// whether a signal is owed, so none is lost and none is left over. A caller whose helpers are
/// still busy spins briefly, then parks the same way (see ``join(blocks:)``).
final class WorkerPool: Sendable {
    /// The pool of ``Parallel/threadCount`` − 1 helpers, started on first use.
    static let shared = WorkerPool(helpers: Parallel.threadCount - 1)

    /// How long a helper spins for the next loop before parking.
    static let spinDuration = Duration.microseconds(100)

    /// One helper's parking place.
    final class Helper: Sendable {
        let sleeping = Atomic<Bool>(false)
        let wake = DispatchSemaphore(value: 0)
    }

    let helpers: [Helper]
    /// Held by the caller of the live loop.
    let inUse = Atomic<Bool>(false)
    /// `generation << 32 | blocks << 16 | next` of the latest loop.
    let ticket = Atomic<Int>(0)
    /// Blocks of the live loop that have finished.
    let finished = Atomic<Int>(0)
    /// The caller has parked in ``join(blocks:)`` and wants a signal on `callerAwake`.
    let callerWaiting = Atomic<Bool>(false)
    let callerAwake = DispatchSemaphore(value: 0)
    /// The body of the live loop: written only by the caller holding `inUse`, before the ticket
    /// that publishes it, and read only by a thread that has claimed a block of that ticket.
    nonisolated(unsafe) var body: ((Int) -> Void)?

    init(helpers count: Int) {
        helpers = (0..<max(0, count)).map { _ in Helper() }
        for helper in helpers {
            let context = Unmanaged.passRetained(HelperContext(pool: self, helper: helper)).toOpaque()
            var thread = pthread_t()
            let started = pthread_create(&thread, nil, { raw in
                let context = Unmanaged<HelperContext>.fromOpaque(raw!).takeRetainedValue()
                context.pool.serve(context.helper)
            }, context)
            precondition(started == 0, "Parallel: cannot start a helper thread (error \(started))")
            pthread_detach(thread)
        }
    }

    /// What a new helper thread needs.
    final class HelperContext: Sendable {
        let pool: WorkerPool, helper: Helper
        init(pool: WorkerPool, helper: Helper) {
            self.pool = pool
            self.helper = helper
        }
    }

    static func generation(_ ticket: Int) -> Int { ticket >> 32 }

    /// See ``Parallel/runOnWorkers(blocks:_:)``.
    func run(blocks: Int, _ body: (Int) -> Void) -> Bool {
        guard !helpers.isEmpty, blocks < 1 << 16,
            inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else { return false }
        withoutActuallyEscaping(body) { body in
            self.body = body
            finished.store(0, ordering: .relaxed)
            let generation = (Self.generation(ticket.load(ordering: .relaxed)) &+ 1) & 0x7fff_ffff
            ticket.store(generation << 32 | blocks << 16, ordering: .sequentiallyConsistent)
            for helper in helpers where helper.sleeping.exchange(false, ordering: .sequentiallyConsistent) {
                helper.wake.signal()
            }
            work(generation: generation)
            join(blocks: blocks)
            self.body = nil
        }
        inUse.store(false, ordering: .releasing)
        return true
    }

    /// Waits, after the caller has run out of blocks to claim, until the `blocks` blocks of the
    /// live loop have finished: spinning for ``spinDuration`` (helpers finish their last blocks
    /// about when the caller does), then parked until the helper that finishes the last block
    /// signals, which frees the core for that helper on a busy machine. The same Dekker pattern as
    /// a helper's parking, on `callerWaiting` and `finished`.
    func join(blocks: Int) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: Self.spinDuration)
        var polls = 0
        while finished.load(ordering: .acquiring) < blocks {
            polls &+= 1
            if polls & 63 != 0 || clock.now < deadline { continue }
            callerWaiting.store(true, ordering: .sequentiallyConsistent)
            if finished.load(ordering: .sequentiallyConsistent) < blocks
                || !callerWaiting.exchange(false, ordering: .sequentiallyConsistent)
            {
                callerAwake.wait()
            }
            return
        }
    }

    /// Claims and runs blocks of loop `generation` until none is left.
    func work(generation: Int) {
        var current = ticket.load(ordering: .acquiring)
        while Self.generation(current) == generation && current & 0xffff < (current >> 16) & 0xffff {
            let (claimed, original) = ticket.compareExchange(
                expected: current, desired: current &+ 1, ordering: .acquiringAndReleasing)
            if claimed {
                body!(current & 0xffff)
                let done = finished.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
                if done == (current >> 16) & 0xffff && callerWaiting.exchange(false, ordering: .sequentiallyConsistent) {
                    callerAwake.signal()
                }
                current = ticket.load(ordering: .acquiring)
            } else {
                current = original
            }
        }
    }

    /// A helper thread's life: wait for a new loop (spinning, then parked), work on it, repeat.
    func serve(_ helper: Helper) -> Never {
        let clock = ContinuousClock()
        var handled = 0
        while true {
            var current = ticket.load(ordering: .acquiring)
            var deadline = clock.now.advanced(by: Self.spinDuration)
            var polls = 0
            while Self.generation(current) == handled {
                polls &+= 1
                if polls & 63 != 0 {
                    current = ticket.load(ordering: .acquiring)
                    continue
                }
                if clock.now < deadline {
                    // Cede the core to any other runnable thread (the caller's, on a busy machine).
                    sched_yield()
                    current = ticket.load(ordering: .acquiring)
                    continue
                }
                helper.sleeping.store(true, ordering: .sequentiallyConsistent)
                current = ticket.load(ordering: .sequentiallyConsistent)
                if Self.generation(current) != handled {
                    // The caller may have seen `sleeping` already: then its signal must be taken.
                    if !helper.sleeping.exchange(false, ordering: .sequentiallyConsistent) { helper.wake.wait() }
                    break
                }
                helper.wake.wait()
                current = ticket.load(ordering: .acquiring)
                deadline = clock.now.advanced(by: Self.spinDuration)
            }
            handled = Self.generation(current)
            work(generation: handled)
        }
    }
}
#else
extension Parallel {
    /// Without the helper pool (not Linux, or no `Synchronization`): always `false`, so loops use
    /// Dispatch.
    @usableFromInline
    static func runOnWorkers(blocks: Int, _ body: (Int) -> Void) -> Bool { false }
}
#endif
