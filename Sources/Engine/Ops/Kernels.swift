import Dispatch
import Foundation

/// Element loops shared by the pointwise ops: unary, binary and ternary maps over strided,
/// broadcast inputs, split across cores for big tensors, and PyTorch's type promotion. Ops
/// call these with their element closure; `@inline(__always)` lets the compiler fuse the
/// closure into the loop (and vectorise it on contiguous data).

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
/// not `threaded`), else in one contiguous chunk per thread of at least `grain` elements, as
/// `at::parallel_for` does.
@inline(__always)
func parallelRanges(_ count: Int, grain: Int = grainSize, threaded: Bool = true, _ body: (Int, Int) -> Void) {
    guard threaded && count > grain && kernelThreads > 1 else {
        if count > 0 { body(0, count) }
        return
    }
    let chunks = Swift.min(kernelThreads, (count + grain - 1) / grain)
    let size = (count + chunks - 1) / chunks
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let start = c * size, end = Swift.min(count, start + size)
        if start < end { body(start, end) }
    }
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

// MARK: - Element functions

/// An elementwise function of one value, as a type. The kernels specialise on it, so that a
/// loop split across threads still has the function inlined and vectorised (a closure handed
/// to another thread is an opaque call per element). Hot ops define one; the rest pass
/// closures to `unaryMap` and run on the calling thread.
protocol UnaryFunction {
    associatedtype Input: Element
    associatedtype Output: Element
    func callAsFunction(_ x: Input) -> Output
}

/// An elementwise function of two values, as a type (see `UnaryFunction`).
protocol BinaryFunction {
    associatedtype Left: Element
    associatedtype Right: Element
    associatedtype Output: Element
    func callAsFunction(_ a: Left, _ b: Right) -> Output
}

/// An elementwise function of three values, as a type (see `UnaryFunction`).
protocol TernaryFunction {
    associatedtype First: Element
    associatedtype Second: Element
    associatedtype Third: Element
    associatedtype Output: Element
    func callAsFunction(_ a: First, _ b: Second, _ c: Third) -> Output
}

/// A closure as a `UnaryFunction` (inlined when the kernel runs on the calling thread).
struct UnaryClosure<Input: Element, Output: Element>: UnaryFunction {
    let body: (Input) -> Output
    @inline(__always) func callAsFunction(_ x: Input) -> Output { body(x) }
}

/// A closure as a `BinaryFunction`.
struct BinaryClosure<Left: Element, Right: Element, Output: Element>: BinaryFunction {
    let body: (Left, Right) -> Output
    @inline(__always) func callAsFunction(_ a: Left, _ b: Right) -> Output { body(a, b) }
}

/// A closure as a `TernaryFunction`.
struct TernaryClosure<First: Element, Second: Element, Third: Element, Output: Element>: TernaryFunction {
    let body: (First, Second, Third) -> Output
    @inline(__always) func callAsFunction(_ a: First, _ b: Second, _ c: Third) -> Output { body(a, b, c) }
}

// MARK: - Maps

/// Applies `f` to every element of `x` into a new tensor. A dense input (contiguous,
/// transposed, permuted) gives an output of the same layout, as PyTorch's `empty_like` does.
@inline(__always)
func elementwise<F: UnaryFunction>(_ x: Tensor, _ f: F, threaded: Bool = true) -> Tensor {
    let n = x.numel
    if isNonOverlappingAndDense(x) {
        let out = Tensor(storage: Storage(uninitializedCount: n, dtype: F.Output.dtype), shape: x.shape,
                         strides: x.isContiguous ? contiguousStrides(x.shape) : x.strides)
        let src = x.pointer(F.Input.self), dst = out.storage.pointer(F.Output.self)
        parallelRanges(n, threaded: threaded) { start, end in for i in start..<end { dst[i] = f(src[i]) } }
        return out
    }
    let out = makeOutput(x.shape, dtype: F.Output.dtype, like: [x])
    let src = x.storage.pointer(F.Input.self), dst = out.storage.pointer(F.Output.self)
    forEachRowParallel(shape: x.shape, strides: [out.strides, x.strides], offsets: [0, x.storageOffset],
                       threaded: threaded) { o, s, count in
        var di = o[0], si = o[1]
        for _ in 0..<count {
            dst[di] = f(src[si])
            di += s[0]; si += s[1]
        }
    }
    return out
}

/// Applies `f` elementwise over `a` and `b` broadcast together into a new tensor. Contiguous
/// operands and single values (numbers, 0-d tensors, expanded scalars such as the gradient
/// `sum` passes back) take flat loops.
@inline(__always)
func elementwise<F: BinaryFunction>(_ a: Tensor, _ b: Tensor, _ f: F, threaded: Bool = true) throws -> Tensor {
    let shape = try broadcastShapes(a.shape, b.shape)
    let n = shape.reduce(1, *)
    if n == 0 { return Tensor.uninitialized(shape, dtype: F.Output.dtype) }
    let aFlat = isFullContiguous(a, shape), bFlat = isFullContiguous(b, shape)
    let aOne = !aFlat && isSingleValue(a, shape), bOne = !bFlat && isSingleValue(b, shape)
    let pa = a.pointer(F.Left.self), pb = b.pointer(F.Right.self)
    if (aFlat || aOne) && (bFlat || bOne) {
        let out = Tensor.uninitialized(shape, dtype: F.Output.dtype)
        let dst = out.storage.pointer(F.Output.self)
        if aFlat && bFlat {
            parallelRanges(n, threaded: threaded) { start, end in for i in start..<end { dst[i] = f(pa[i], pb[i]) } }
        } else if aFlat {
            let vb = pb[0]
            parallelRanges(n, threaded: threaded) { start, end in for i in start..<end { dst[i] = f(pa[i], vb) } }
        } else if bFlat {
            let va = pa[0]
            parallelRanges(n, threaded: threaded) { start, end in for i in start..<end { dst[i] = f(va, pb[i]) } }
        } else {
            let v = f(pa[0], pb[0])
            parallelRanges(n, threaded: threaded) { start, end in for i in start..<end { dst[i] = v } }
        }
        return out
    }
    if a.shape == shape && b.shape == shape && a.strides == b.strides && isNonOverlappingAndDense(a) {
        // Both laid out alike (say, both transposed): one flat loop, output in their layout.
        let out = Tensor(storage: Storage(uninitializedCount: n, dtype: F.Output.dtype), shape: shape, strides: a.strides)
        let dst = out.storage.pointer(F.Output.self)
        parallelRanges(n, threaded: threaded) { start, end in for i in start..<end { dst[i] = f(pa[i], pb[i]) } }
        return out
    }
    let out = makeOutput(shape, dtype: F.Output.dtype, like: [a, b])
    let dst = out.storage.pointer(F.Output.self)
    let ba = a.storage.pointer(F.Left.self), bb = b.storage.pointer(F.Right.self)
    let sa = broadcastStrides(shape: a.shape, strides: a.strides, to: shape)
    let sb = broadcastStrides(shape: b.shape, strides: b.strides, to: shape)
    forEachRowParallel(shape: shape, strides: [out.strides, sa, sb], offsets: [0, a.storageOffset, b.storageOffset],
                       threaded: threaded) { o, s, count in
        var di = o[0], ai = o[1], bi = o[2]
        if s[0] == 1 && s[1] == 1 && s[2] == 1 {
            for i in 0..<count { dst[di + i] = f(ba[ai + i], bb[bi + i]) }
        } else if s[0] == 1 && s[1] == 1 && s[2] == 0 {
            let vb = bb[bi]
            for i in 0..<count { dst[di + i] = f(ba[ai + i], vb) }
        } else {
            for _ in 0..<count {
                dst[di] = f(ba[ai], bb[bi])
                di += s[0]; ai += s[1]; bi += s[2]
            }
        }
    }
    return out
}

/// Applies `f` elementwise over three tensors broadcast together (where, lerp, clamp with
/// tensor bounds) into a new tensor.
@inline(__always)
func elementwise<F: TernaryFunction>(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ f: F, threaded: Bool = true) throws -> Tensor {
    let shape = try broadcastShapes(broadcastShapes(a.shape, b.shape), c.shape)
    let n = shape.reduce(1, *)
    if n == 0 { return Tensor.uninitialized(shape, dtype: F.Output.dtype) }
    if isFullContiguous(a, shape) && isFullContiguous(b, shape) && isFullContiguous(c, shape) {
        let out = Tensor.uninitialized(shape, dtype: F.Output.dtype)
        let dst = out.storage.pointer(F.Output.self)
        let pa = a.pointer(F.First.self), pb = b.pointer(F.Second.self), pc = c.pointer(F.Third.self)
        parallelRanges(n, threaded: threaded) { start, end in for i in start..<end { dst[i] = f(pa[i], pb[i], pc[i]) } }
        return out
    }
    let out = makeOutput(shape, dtype: F.Output.dtype, like: [a, b, c])
    let dst = out.storage.pointer(F.Output.self)
    let pa = a.storage.pointer(F.First.self), pb = b.storage.pointer(F.Second.self), pc = c.storage.pointer(F.Third.self)
    let strides = [out.strides] + [a, b, c].map { broadcastStrides(shape: $0.shape, strides: $0.strides, to: shape) }
    forEachRowParallel(shape: shape, strides: strides, offsets: [0, a.storageOffset, b.storageOffset, c.storageOffset],
                       threaded: threaded) { o, s, count in
        var di = o[0], ai = o[1], bi = o[2], ci = o[3]
        for _ in 0..<count {
            dst[di] = f(pa[ai], pb[bi], pc[ci])
            di += s[0]; ai += s[1]; bi += s[2]; ci += s[3]
        }
    }
    return out
}

/// Writes `f(target[i], other[i])` into `target` in place; `other` broadcasts to `target`'s
/// shape.
@inline(__always)
func elementwiseInPlace<F: BinaryFunction>(_ target: Tensor, _ other: Tensor, _ f: F, threaded: Bool = true) throws
    where F.Left == F.Output {
    let shape = try broadcastShapes(target.shape, other.shape)
    guard shape == target.shape else {
        throw TensorError.runtime("output with shape \(formatShapeList(target.shape)) doesn't match the broadcast shape \(formatShapeList(shape))")
    }
    try target.checkNoInternalOverlap()
    let n = target.numel
    if n == 0 { return }
    let po = other.pointer(F.Right.self)
    if target.isContiguous && (isFullContiguous(other, shape) || isSingleValue(other, shape)) {
        let pt = target.pointer(F.Left.self)
        if isFullContiguous(other, shape) {
            parallelRanges(n, threaded: threaded) { start, end in for i in start..<end { pt[i] = f(pt[i], po[i]) } }
        } else {
            let v = po[0]
            parallelRanges(n, threaded: threaded) { start, end in for i in start..<end { pt[i] = f(pt[i], v) } }
        }
        return
    }
    let pt = target.storage.pointer(F.Left.self), bo = other.storage.pointer(F.Right.self)
    let so = broadcastStrides(shape: other.shape, strides: other.strides, to: shape)
    forEachRowParallel(shape: shape, strides: [target.strides, so], offsets: [target.storageOffset, other.storageOffset],
                       threaded: threaded) { o, s, count in
        var ti = o[0], oi = o[1]
        for _ in 0..<count {
            pt[ti] = f(pt[ti], bo[oi])
            ti += s[0]; oi += s[1]
        }
    }
}

// MARK: - Closure forms

/// Applies the closure `f` to every element of `x` (whose dtype is `T`'s) into a new tensor of
/// `R`'s dtype. Runs on the calling thread unless `threaded` (worth it when `f` is costly,
/// such as a libm call; cheap functions want a `UnaryFunction` type instead).
@inline(__always)
func unaryMap<T: Element, R: Element>(_ x: Tensor, _: T.Type, _: R.Type, threaded: Bool = false,
                                      _ f: (T) -> R) -> Tensor {
    withoutActuallyEscaping(f) { f in elementwise(x, UnaryClosure(body: f), threaded: threaded) }
}

/// Applies the closure `f` elementwise over `a` and `b` (of dtypes `A` and `B`) broadcast
/// together, into a new tensor of `R`'s dtype, on the calling thread unless `threaded`.
@inline(__always)
func binaryMap<A: Element, B: Element, R: Element>(_ a: Tensor, _ b: Tensor, _: A.Type, _: B.Type, _: R.Type,
                                                  threaded: Bool = false, _ f: (A, B) -> R) throws -> Tensor {
    try withoutActuallyEscaping(f) { f in try elementwise(a, b, BinaryClosure(body: f), threaded: threaded) }
}

/// Applies the closure `f` elementwise over three tensors broadcast together.
@inline(__always)
func ternaryMap<A: Element, B: Element, C: Element, R: Element>(
    _ a: Tensor, _ b: Tensor, _ c: Tensor, _: A.Type, _: B.Type, _: C.Type, _: R.Type, threaded: Bool = false,
    _ f: (A, B, C) -> R) throws -> Tensor {
    try withoutActuallyEscaping(f) { f in try elementwise(a, b, c, TernaryClosure(body: f), threaded: threaded) }
}

/// Writes the closure's `f(target[i], other[i])` into `target` in place (`target` of `T`'s
/// dtype, `other` of `B`'s, broadcast to `target`'s shape).
@inline(__always)
func binaryMapInPlace<T: Element, B: Element>(_ target: Tensor, _ other: Tensor, _: T.Type, _: B.Type,
                                             threaded: Bool = false, _ f: (T, B) -> T) throws {
    try withoutActuallyEscaping(f) { f in try elementwiseInPlace(target, other, BinaryClosure(body: f), threaded: threaded) }
}

extension Tensor {
    /// PyTorch refuses to write in place into a tensor whose elements share memory (an
    /// `expand`ed tensor): the result would depend on the order of writes.
    func checkNoInternalOverlap() throws {
        for (size, stride) in zip(shape, strides) where size > 1 && stride == 0 {
            throw TensorError.runtime("unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.")
        }
    }
}
