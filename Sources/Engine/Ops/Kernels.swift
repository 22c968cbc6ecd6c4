/// Element loops shared by the pointwise ops: unary and broadcasting binary maps over
/// strided inputs, and PyTorch's type promotion. Ops call these with their element closure;
/// `@inline(__always)` lets the compiler fuse the closure into the loop.

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
}

/// Applies `f` to every element of `x` (whose dtype is `T`'s) into a new contiguous tensor.
@inline(__always)
func unaryMap<T: Element, R: Element>(_ x: Tensor, _: T.Type, _: R.Type, _ f: (T) -> R) -> Tensor {
    let out = Tensor.uninitialized(x.shape, dtype: R.dtype)
    let dst = out.storage.pointer(R.self)
    if x.isContiguous {
        let src = x.pointer(T.self)
        for i in 0..<x.numel { dst[i] = f(src[i]) }
        return out
    }
    let src = x.storage.pointer(T.self)
    forEachRow(shape: x.shape, strides: [out.strides, x.strides], offsets: [0, x.storageOffset]) { o, s, n in
        var di = o[0], si = o[1]
        for _ in 0..<n {
            dst[di] = f(src[si])
            di += s[0]; si += s[1]
        }
    }
    return out
}

/// Applies `f` elementwise over `a` and `b` (of dtypes `A` and `B`) broadcast together, into
/// a new contiguous tensor of `R`'s dtype.
@inline(__always)
func binaryMap<A: Element, B: Element, R: Element>(_ a: Tensor, _ b: Tensor, _: A.Type, _: B.Type, _: R.Type,
                                                  _ f: (A, B) -> R) throws -> Tensor {
    let shape = try broadcastShapes(a.shape, b.shape)
    let out = Tensor.uninitialized(shape, dtype: R.dtype)
    let dst = out.storage.pointer(R.self)
    let n = out.numel
    if a.shape == shape && b.shape == shape && a.isContiguous && b.isContiguous {
        let pa = a.pointer(A.self), pb = b.pointer(B.self)
        for i in 0..<n { dst[i] = f(pa[i], pb[i]) }
        return out
    }
    if b.numel == 1 && a.shape == shape && a.isContiguous {
        let pa = a.pointer(A.self), sb = b.pointer(B.self)[0]
        for i in 0..<n { dst[i] = f(pa[i], sb) }
        return out
    }
    if a.numel == 1 && b.shape == shape && b.isContiguous {
        let sa = a.pointer(A.self)[0], pb = b.pointer(B.self)
        for i in 0..<n { dst[i] = f(sa, pb[i]) }
        return out
    }
    let pa = a.storage.pointer(A.self), pb = b.storage.pointer(B.self)
    let sa = broadcastStrides(shape: a.shape, strides: a.strides, to: shape)
    let sb = broadcastStrides(shape: b.shape, strides: b.strides, to: shape)
    forEachRow(shape: shape, strides: [out.strides, sa, sb], offsets: [0, a.storageOffset, b.storageOffset]) { o, s, count in
        var di = o[0], ai = o[1], bi = o[2]
        for _ in 0..<count {
            dst[di] = f(pa[ai], pb[bi])
            di += s[0]; ai += s[1]; bi += s[2]
        }
    }
    return out
}

/// Writes `f(self[i], other[i])` into `target` in place; `other` broadcasts to `target`'s
/// shape. Both have `T`'s dtype.
@inline(__always)
func binaryMapInPlace<T: Element, B: Element>(_ target: Tensor, _ other: Tensor, _: T.Type, _: B.Type,
                                             _ f: (T, B) -> T) throws {
    let shape = try broadcastShapes(target.shape, other.shape)
    guard shape == target.shape else {
        throw TensorError.runtime("output with shape \(formatShapeList(target.shape)) doesn't match the broadcast shape \(formatShapeList(shape))")
    }
    let pt = target.storage.pointer(T.self), po = other.storage.pointer(B.self)
    if target.isContiguous && other.isContiguous && other.shape == shape {
        let a = target.pointer(T.self), b = other.pointer(B.self)
        for i in 0..<target.numel { a[i] = f(a[i], b[i]) }
        return
    }
    let so = broadcastStrides(shape: other.shape, strides: other.strides, to: shape)
    forEachRow(shape: shape, strides: [target.strides, so], offsets: [target.storageOffset, other.storageOffset]) { o, s, count in
        var ti = o[0], oi = o[1]
        for _ in 0..<count {
            pt[ti] = f(pt[ti], po[oi])
            ti += s[0]; oi += s[1]
        }
    }
}
