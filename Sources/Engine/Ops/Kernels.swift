import Foundation

/// What the elementwise loops (Kernels+Elementwise.swift) stand on: PyTorch's type
/// promotion, the split of big loops across threads, the heap set-up that keeps big buffers
/// from being mapped afresh, and the result layouts TensorIterator chooses.

/// A tensor or a Python number as an operand of a pointwise op.
public enum Operand {
    case tensor(Tensor)
    case scalar(Scalar)
}

/// `combine_categories` of PyTorch's result_type: a lower-priority participant only wins
/// by being of a higher category (an int tensor times a float scalar is float).
private func combineCategories(_ higher: DType?, _ lower: DType?) -> DType? {
    guard let higher else { return lower }
    guard let lower else { return higher }
    if higher.isFloatingPoint { return higher }
    if higher == .bool || lower.isFloatingPoint { return DType.promote(higher, lower) }
    return higher
}

/// `torch.result_type` over tensors and Python numbers: dimensioned tensors first, then
/// 0-d tensors, then numbers (floats count as the default dtype).
public func resultType(_ operands: [Operand]) -> DType {
    var dimResult: DType?, zeroResult: DType?, wrappedResult: DType?
    func merge(_ a: DType?, _ b: DType) -> DType { a.map { DType.promote($0, b) } ?? b }
    for op in operands {
        switch op {
        case .tensor(let t) where t.dim > 0: dimResult = merge(dimResult, t.dtype)
        case .tensor(let t): zeroResult = merge(zeroResult, t.dtype)
        case .scalar(let s): wrappedResult = merge(wrappedResult, s.defaultDType)
        }
    }
    return combineCategories(dimResult, combineCategories(zeroResult, wrappedResult)) ?? DType.defaultFloat
}

extension Operand {
    /// The operand as a tensor of `dtype`: numbers become 0-d tensors, tensors are converted
    /// (without autograd: callers record the op on the original tensors).
    func materialize(_ dtype: DType) -> Tensor {
        switch self {
        case .tensor(let t): return t.dtype == dtype ? t : t.contiguousCopy(dtype: dtype)
        case .scalar(let s): return Tensor(scalar: s, dtype: dtype)
        }
    }

    /// The tensor, or nil for a number (numbers get no gradient).
    var tensor: Tensor? { if case .tensor(let t) = self { return t } else { return nil } }

    /// The number, or nil for a tensor.
    var scalar: Scalar? { if case .scalar(let s) = self { return s } else { return nil } }
}

// MARK: - Threads

/// PyTorch's `GRAIN_SIZE`: elementwise loops of at most this many elements stay on one thread.
let grainSize = 32_768

/// How many threads big loops are split over: PyTorch's intra-op thread count, the number of
/// cores unless `OMP_NUM_THREADS` says otherwise (as PyTorch reads it at start-up).
let kernelThreads: Int = {
    if let value = ProcessInfo.processInfo.environment["OMP_NUM_THREADS"], let n = Int(value), n > 0 { return n }
    return Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
}()

/// Calls `body(start, end)` over `0..<count`: once on this thread for small counts (or when
/// not `threaded`), else in contiguous chunks of at least `grain` elements shared out over the
/// worker pool and this thread, as `at::parallel_for` does.
@inline(__always)
func parallelRanges(_ count: Int, grain: Int = grainSize, threaded: Bool = true, _ body: (Int, Int) -> Void) {
    guard threaded && count > grain && kernelThreads > 1 else {
        if count > 0 { body(0, count) }
        return
    }
    // A few chunks per thread, taken in turn: a worker that starts late (the machine is busy)
    // still finds work, and the caller does not wait on a single straggling chunk.
    let chunks = Swift.min(kernelThreads * 4, (count + grain - 1) / grain)
    let size = (count + chunks - 1) / chunks
    let ran = WorkerPool.shared.run(chunks) { c in
        let start = c * size, end = Swift.min(count, start + size)
        if start < end && !Interruption.isRequested { body(start, end) }  // Ctrl-C: skip the remaining chunks
    }
    if !ran { body(0, count) }  // the pool is busy: a nested or concurrent loop runs here
}

/// `forEachRow` for big strided loops: the outermost (coalesced) dimension is split across
/// threads. `body` must only write elements of its own rows.
@inline(__always)
func forEachRowParallel(shape: [Int], strides: [[Int]], offsets: [Int], threaded: Bool = true,
                        _ body: (_ offsets: [Int], _ innerStrides: [Int], _ count: Int) -> Void) {
    let total = shape.reduce(1, *)
    let (cshape, cstrides) = coalesce(shape: shape, strides: strides)
    guard threaded && total > grainSize && kernelThreads > 1, let outer = cshape.first, outer > 1 else {
        forEachRow(shape: cshape, strides: cstrides, offsets: offsets, body)
        return
    }
    let rowSize = total / outer
    parallelRanges(outer, grain: Swift.max(1, grainSize / rowSize)) { start, end in
        var sub = cshape
        sub[0] = end - start
        let subOffsets = offsets.indices.map { offsets[$0] + start * cstrides[$0][0] }
        forEachRow(shape: sub, strides: cstrides, offsets: subOffsets, body)
    }
}

// MARK: - Memory

/// glibc's defaults hand freed big buffers back to the system and map big requests afresh,
/// so a chain of tensor ops pays a page fault for every 4 KiB of every result (about half of
/// the elementwise benchmark's time). Keeping up to 256 MiB of freed memory in the heap and
/// serving requests below 64 MiB from it, as a caching allocator would, removes those faults.
/// Set once, when the first elementwise kernel runs.
let heapTuning: Void = {
    #if os(Linux)
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    if let symbol = dlsym(nil, "mallopt") {
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-1, 256 << 20)  // M_TRIM_THRESHOLD
        _ = mallopt(-3, 64 << 20)  // M_MMAP_THRESHOLD
    }
    #endif
}()

// MARK: - Layout

/// Strides of `t` read as shape `target` the way TensorIterator sees them: 0 on broadcast
/// dimensions, the tensor's own stride elsewhere (size-1 dimensions keep theirs).
func iteratorStrides(_ t: Tensor, _ target: [Int]) -> [Int] {
    let lead = target.count - t.dim
    var out = [Int](repeating: 0, count: target.count)
    for i in 0..<t.dim where !(t.shape[i] == 1 && target[lead + i] != 1) { out[lead + i] = t.strides[i] }
    return out
}

/// True when `t`'s elements fill a gap-free block of storage in some dimension order
/// (contiguous, transposed, permuted), so a flat loop over that block visits each once.
func isNonOverlappingAndDense(_ t: Tensor) -> Bool {
    if t.isContiguous { return true }
    let dims = (0..<t.dim).filter { t.shape[$0] != 1 }.sorted { t.strides[$0] < t.strides[$1] }
    var expected = 1
    for d in dims {
        if t.strides[d] != expected { return false }
        expected *= t.shape[d]
    }
    return true
}

/// The strides TensorIterator gives a new output of `shape`: row-major in the dimension order
/// of the inputs (given as `iteratorStrides`), so a transposed input gives a transposed
/// result, as in PyTorch.
func outputStrides(_ shape: [Int], _ inputs: [[Int]]) -> [Int] {
    let n = shape.count
    if n <= 1 || shape.contains(0) { return contiguousStrides(shape) }
    // perm[0] is the fastest-moving dimension, as in TensorIterator::reorder_dimensions.
    var perm = Array((0..<n).reversed())
    func shouldSwap(_ d0: Int, _ d1: Int) -> Int {
        for s in inputs {
            let s0 = s[d0], s1 = s[d1]
            if s0 == 0 || s1 == 0 { continue }
            if s0 < s1 { return -1 }
            if s0 > s1 { return 1 }
            if shape[d0] > shape[d1] { return 1 }
        }
        return 0
    }
    for i in 1..<n {
        var dim1 = i
        var dim0 = i - 1
        while dim0 >= 0 {
            let c = shouldSwap(perm[dim0], perm[dim1])
            if c > 0 {
                perm.swapAt(dim0, dim1)
                dim1 = dim0
            } else if c < 0 {
                break
            }
            dim0 -= 1
        }
    }
    var out = [Int](repeating: 0, count: n)
    var running = 1
    for d in perm {
        out[d] = running
        running *= shape[d]
    }
    return out
}

/// A new uninitialised tensor of `shape` laid out as TensorIterator would lay out the result
/// of ops on `inputs`.
func makeOutput(_ shape: [Int], dtype: DType, like inputs: [Tensor]) -> Tensor {
    let strides = outputStrides(shape, inputs.map { iteratorStrides($0, shape) })
    return Tensor(storage: Storage(uninitializedCount: shape.reduce(1, *), dtype: dtype), shape: shape, strides: strides)
}

/// True when `t`, read as shape `target`, is one repeated value (a single element, or an
/// `expand`ed one such as the gradient `sum` passes back).
@inline(__always)
func isSingleValue(_ t: Tensor, _ target: [Int]) -> Bool {
    if t.numel == 1 { return true }
    for i in 0..<t.dim where t.shape[i] != 1 && t.strides[i] != 0 { return false }
    return true
}

/// True when `t` has exactly shape `target` and is row-major contiguous.
@inline(__always)
func isFullContiguous(_ t: Tensor, _ target: [Int]) -> Bool { t.shape == target && t.isContiguous }

extension Tensor {
    /// PyTorch's `assert_no_partial_overlap`: an in-place op may read the tensor it writes
    /// (`x.add_(x)`) but not another view of part of the same memory (`x.add_(x.t())`), whose
    /// result would depend on the order of the writes.
    func checkNoPartialOverlap(with other: Tensor) throws {
        guard other.storage === storage, other !== self, numel > 0, other.numel > 0,
              isNonOverlappingAndDense(self), isNonOverlappingAndDense(other) else { return }
        let begin = storageOffset, end = storageOffset + numel
        let otherBegin = other.storageOffset, otherEnd = other.storageOffset + other.numel
        let full = begin == otherBegin && end == otherEnd && strides == other.strides
        if !full && begin < otherEnd && otherBegin < end {
            throw TensorError.runtime("unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.")
        }
    }

    /// PyTorch refuses to write in place into a tensor whose elements share memory (an
    /// `expand`ed tensor): the result would depend on the order of writes.
    func checkNoInternalOverlap() throws {
        for (size, stride) in zip(shape, strides) where size > 1 && stride == 0 {
            throw TensorError.runtime("unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.")
        }
    }
}
