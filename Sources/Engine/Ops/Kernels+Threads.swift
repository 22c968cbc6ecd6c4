import Foundation
import Synchronization

/// The threads that big elementwise loops are split over, as PyTorch's intra-op pool. A
/// loop of a million floats takes about 0.1 ms, less than Dispatch needs to wake a thread, so
/// the workers stay awake: after each job they poll for the next one for about a millisecond
/// (as OpenMP's spin-wait does) before going to sleep.
final class WorkerPool: @unchecked Sendable {
    /// The pool of `kernelThreads − 1` workers; the calling thread does a share of every job.
    static let shared = WorkerPool(workers: kernelThreads - 1)

    private let generation = Atomic<Int>(0)
    private let nextChunk = Atomic<Int>(0)
    private let remaining = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let sleepers = Atomic<Int>(0)
    private let wakeUp = NSCondition()
    // Published by `run` before the generation bump (release) and read after it (acquire).
    private var job: ((Int) -> Void)?
    private var chunkCount = 0

    private init(workers: Int) {
        for _ in 0..<Swift.max(workers, 0) {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "wick-kernel"
            thread.start()
        }
    }

    /// Runs `body(c)` for every chunk `c` in `0..<chunks`, on the workers and the calling
    /// thread, and returns when all are done. Returns false without running anything when the
    /// pool is already busy (a nested or concurrent call): the caller then runs serially.
    func run(_ chunks: Int, _ body: (Int) -> Void) -> Bool {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        withoutActuallyEscaping(body) { body in
            job = body
            chunkCount = chunks
            remaining.store(chunks, ordering: .relaxed)
            nextChunk.store(0, ordering: .releasing)
            generation.wrappingAdd(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeUp.lock()
                wakeUp.broadcast()
                wakeUp.unlock()
            }
            runChunks()
            var spins = 0
            while remaining.load(ordering: .acquiring) > 0 {
                spins += 1
                if spins % 1024 == 0 { sched_yield() }  // a worker was descheduled mid-chunk
            }
            job = nil
        }
        busy.store(false, ordering: .releasing)
        return true
    }

    /// Takes chunks of the current job until none is left.
    private func runChunks() {
        while true {
            let c = nextChunk.wrappingAdd(1, ordering: .acquiringAndReleasing).oldValue
            guard c < chunkCount else { return }
            perform(c)
            remaining.wrappingSubtract(1, ordering: .releasing)
        }
    }

    /// Runs one chunk. A function of its own so that the reference to the job it takes is
    /// dropped before the chunk is reported done (the job must not outlive `run`).
    @inline(never)
    private func perform(_ chunk: Int) { job?(chunk) }

    /// A worker: poll for a new job for about a millisecond, then sleep until one comes.
    private func work() {
        var seen = 0
        while true {
            var spins = 0
            var idleSince: UInt64 = 0
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                guard spins % 4096 == 0 else { continue }
                let now = DispatchTime.now().uptimeNanoseconds
                if idleSince == 0 { idleSince = now }
                guard now - idleSince > 1_000_000 else { continue }
                wakeUp.lock()
                sleepers.wrappingAdd(1, ordering: .sequentiallyConsistent)
                while generation.load(ordering: .sequentiallyConsistent) == seen { wakeUp.wait() }
                sleepers.wrappingSubtract(1, ordering: .sequentiallyConsistent)
                wakeUp.unlock()
            }
            seen = generation.load(ordering: .acquiring)
            runChunks()
        }
    }
}
