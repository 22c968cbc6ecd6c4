import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The memory budget for Python objects (LANGUAGE.md §9).
///
/// The budget is `WICK_MAX_MEMORY` bytes (or `ScriptRunner.Limits.memory`) when set, else the memory
/// the machine has available when the run starts. Two checks use it:
/// - before a large allocation (`[x] * n`, `'s' * n`, `list(range(n))`, a format width, a joined string)
///   the requested size is compared with the budget;
/// - while an object grows item by item (`list(endless_generator)`, comprehensions, `append` in a loop),
///   every few thousand items the heap's growth since the run started is compared with the budget, and
///   the machine's available memory with a small reserve.
/// Either raises `MemoryError`, so an endless generator ends in an exception, not in the kernel's OOM killer.
enum MemoryGuard {
    /// Requests below this size are never checked one by one (the growth check still sees them).
    static let smallRequest = 4 << 20
    /// Items added between two growth checks (a power of two).
    static let checkInterval = 1 << 14
    /// Available memory below which growth stops when no explicit budget is set.
    static let reserve = 256 << 20

    nonisolated(unsafe) static var ticks = 0
    /// Heap bytes in use when the run started.
    nonisolated(unsafe) static var baseline = 0
    /// The budget of the current run, in bytes.
    nonisolated(unsafe) static var budget = defaultBudget()
    /// True when the budget was given (WICK_MAX_MEMORY or Limits.memory), not measured.
    nonisolated(unsafe) static var explicit = false

    /// `WICK_MAX_MEMORY` when set to a positive number of bytes.
    static var environmentBudget: Int? {
        guard let text = ProcessInfo.processInfo.environment["WICK_MAX_MEMORY"], let v = Int(text), v > 0 else { return nil }
        return v
    }

    /// The explicit budget, else the machine's available memory less the reserve.
    static func defaultBudget() -> Int {
        if let v = environmentBudget { return v }
        return max(available() - reserve, 64 << 20)
    }

    /// Starts a run: fixes its budget (explicit `limit`, `WICK_MAX_MEMORY`, or available memory) and the heap baseline.
    static func start(limit: Int?) -> Int {
        if let l = limit ?? environmentBudget {
            budget = max(l, 0)
            explicit = true
        } else {
            budget = defaultBudget()
            explicit = false
        }
        baseline = heapInUse()
        allowance = 0
        ticks = 0
        return budget
    }

    /// Raises MemoryError when one allocation of `bytes` would exceed the budget.
    @inline(__always)
    static func check(bytes: Int) throws {
        if bytes >= smallRequest { try checkLarge(bytes) }
    }

    /// Raises MemoryError when `count` items of `itemSize` bytes would exceed the budget (overflow-safe).
    @inline(__always)
    static func check(count: Int, itemSize: Int) throws {
        guard count > 0 else { return }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: max(itemSize, 1))
        if overflow { throw PyError.memory() }
        try check(bytes: bytes)
    }

    /// The same for a count that may not fit in `Int`.
    static func check(count: Int64, itemSize: Int) throws {
        guard count > 0 else { return }
        guard let c = Int(exactly: count) else { throw PyError.memory() }
        try check(count: c, itemSize: itemSize)
    }

    static func checkLarge(_ bytes: Int) throws {
        if bytes > budget { throw PyError.memory() }
        // The machine may have less free memory now than when the run started.
        if !explicit && bytes > available() - reserve / 2 { throw PyError.memory() }
        if bytes > max(budget, allowance) - grown() { throw PyError.memory() }
    }

    /// Counts one item added to a growing object; every `checkInterval` items checks the heap's growth.
    @inline(__always)
    static func tick() throws {
        ticks &+= 1
        if ticks & (checkInterval - 1) == 0 { try checkGrowth() }
    }

    /// Raises MemoryError when the process grew past the budget since the run started, or the machine runs low.
    static func checkGrowth() throws {
        guard overBudget() else { return }
        // Freed memory the allocator still holds is not growth: give it back and measure again.
        trimHeap()
        guard overBudget() else { return }
        // Pages freed after this error but kept by the allocator are reused before the process grows
        // again, so later checks allow the level reached here, not less (no spurious errors after recovery).
        allowance = max(allowance, grown())
        throw PyError.memory()
    }

    /// Growth allowed before MemoryError: the budget, or the level reached when an earlier check raised.
    nonisolated(unsafe) static var allowance = 0

    static func overBudget() -> Bool {
        grown() > max(budget, allowance) || (!explicit && available() < reserve)
    }

    /// Bytes the process grew by since the run started.
    static func grown() -> Int { max(0, heapInUse() - baseline) }

    /// The process's resident memory in bytes (from /proc/self/statm), 0 when unknown.
    static func heapInUse() -> Int {
        guard let fd = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(fd) }
        var size = 0, resident = 0
        guard withUnsafeMutablePointer(to: &size, { s in
            withUnsafeMutablePointer(to: &resident) { r in readTwo(fd, s, r) }
        }) else { return 0 }
        return resident.multipliedReportingOverflow(by: pageSize).partialValue
    }

    private static func readTwo(_ fd: UnsafeMutablePointer<FILE>, _ a: UnsafeMutablePointer<Int>, _ b: UnsafeMutablePointer<Int>) -> Bool {
        var buffer = [CChar](repeating: 0, count: 128)
        guard fgets(&buffer, Int32(buffer.count), fd) != nil else { return false }
        let fields = String(cString: buffer).split(separator: " ")
        guard fields.count >= 2, let x = Int(fields[0]), let y = Int(fields[1]) else { return false }
        a.pointee = x
        b.pointee = y
        return true
    }

    static let pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)

    /// glibc's `malloc_trim(0)`, looked up at run time (its header is not part of the Glibc module).
    static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    static func trimHeap() { _ = mallocTrim?(0) }

    /// The machine's available memory (MemAvailable), or all of it when /proc cannot be read.
    static func available() -> Int {
        if let fd = fopen("/proc/meminfo", "r") {
            defer { fclose(fd) }
            var buffer = [CChar](repeating: 0, count: 256)
            while fgets(&buffer, Int32(buffer.count), fd) != nil {
                let line = String(cString: buffer)
                if line.hasPrefix("MemAvailable:") {
                    let digits = line.dropFirst("MemAvailable:".count).filter { $0.isNumber }
                    if let kb = Int(digits) { return kb.multipliedReportingOverflow(by: 1024).partialValue }
                }
            }
        }
        return Int(clamping: ProcessInfo.processInfo.physicalMemory)
    }
}
