/// The elementwise loops every pointwise op runs on: unary, binary and ternary maps over
/// strided, broadcast tensors, and the in-place binary map. Contiguous operands and single
/// values take flat loops that big tensors split across threads; other layouts walk rows.
/// Element functions come as types (specialised, inlined and vectorised even on worker
/// threads) or as closures (inlined when the loop stays on the calling thread).

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
    _ = heapTuning
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
    _ = heapTuning
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
    _ = heapTuning
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
    try target.checkNoPartialOverlap(with: other)
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
