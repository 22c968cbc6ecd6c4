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
