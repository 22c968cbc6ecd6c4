import Foundation

/// A flat, typed buffer of elements that one or more tensors view.
///
/// Views (`view`, `transpose`, slicing, `expand`) share one storage, so a write through a view
/// is seen by its base, as in PyTorch.
public final class Storage {
    /// Start of the buffer; aligned for vector loads.
    public let bytes: UnsafeMutableRawPointer
    /// Number of elements.
    public let count: Int
    /// Element type.
    public let dtype: DType

    /// Allocates `count` elements of `dtype`, zero-filled.
    public init(count: Int, dtype: DType) {
        self.count = count
        self.dtype = dtype
        let byteCount = Swift.max(count * dtype.itemSize, 1)
        bytes = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
    }

    /// Allocates `count` elements without zeroing them; every element must be written before
    /// it is read.
    init(uninitializedCount count: Int, dtype: DType) {
        self.count = count
        self.dtype = dtype
        bytes = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count * dtype.itemSize, 1), alignment: 64)
    }

    deinit { bytes.deallocate() }

    /// The buffer as elements of `T`, which must match `dtype`.
    @inline(__always) public func pointer<T: Element>(_: T.Type) -> UnsafeMutablePointer<T> {
        bytes.assumingMemoryBound(to: T.self)
    }
}

/// The version counter PyTorch keeps per tensor and shares with its views: every in-place
/// change bumps it, and saved tensors check it before backward uses them.
public final class VersionCounter {
    /// Number of in-place modifications so far.
    public internal(set) var value = 0
    init() {}
    func bump() { value += 1 }
}

/// The memory a single tensor may take: `WICK_MAX_MEMORY` bytes when set, else the memory
/// the system has available now (LANGUAGE.md §9). Checked before large allocations so that
/// an oversized request raises PyTorch's allocator error instead of the kernel killing wick.
public enum MemoryBudget {
    /// Requests below this size are never checked (reading /proc costs more than they do).
    static let unchecked = 64 << 20

    /// Throws PyTorch 2.15's `DefaultCPUAllocator` error when `bytes` exceeds the budget.
    public static func check(bytes: Int) throws {
        guard bytes > unchecked, bytes > limit else { return }
        throw TensorError.runtime("[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate \(bytes) bytes. Error code 12 (Cannot allocate memory)")
    }

    /// The budget in bytes.
    public static var limit: Int {
        if let text = ProcessInfo.processInfo.environment["WICK_MAX_MEMORY"], let value = Int(text), value > 0 {
            return value
        }
        if let info = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") {
            return kilobytes * 1024
        }
        return Int(clamping: ProcessInfo.processInfo.physicalMemory)
    }
}
