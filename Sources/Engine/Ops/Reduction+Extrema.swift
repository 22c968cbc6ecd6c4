/// `max`/`min` (all elements, or along a dim with indices), `amax`/`amin`, `argmax`/`argmin`:
/// NaN propagates (and its first position is the index), ties go to the first occurrence.
extension Tensor {
    /// `torch.max(self)`: the largest element as a 0-d tensor (NaN if any element is NaN).
    /// The gradient is split evenly among tied maxima (`MaxBackward1`).
    public func max() throws -> Tensor { try extremum(max: true) }

    /// `torch.min(self)`: the smallest element as a 0-d tensor (NaN if any element is NaN).
    public func min() throws -> Tensor { try extremum(max: false) }

    /// `torch.max(self, dim, keepdim=False)`: the largest values along `dim` and the index of
    /// their first occurrence (of the first NaN, if any). The gradient goes to that index.
    public func max(dim d: Int, keepdim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremum(dim: d, keepdim: keepdim, max: true)
    }

    /// `torch.min(self, dim, keepdim=False)`: the smallest values along `dim` and their indices.
    public func min(dim d: Int, keepdim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremum(dim: d, keepdim: keepdim, max: false)
    }

    /// `torch.amax(self, dim=(), keepdim=False)`: the maximum over `dims` (all for []). The
    /// gradient is split evenly among tied maxima (`AmaxBackward0`).
    public func amax(dims: [Int] = [], keepdim: Bool = false) throws -> Tensor {
        try reducedExtremum(dims: dims, keepdim: keepdim, max: true)
    }

    /// `torch.amax(self, dim, keepdim=False)` over one dimension.
    public func amax(dim d: Int, keepdim: Bool = false) throws -> Tensor { try amax(dims: [d], keepdim: keepdim) }

    /// `torch.amin(self, dim=(), keepdim=False)`: the minimum over `dims` (all for []).
    public func amin(dims: [Int] = [], keepdim: Bool = false) throws -> Tensor {
        try reducedExtremum(dims: dims, keepdim: keepdim, max: false)
    }

    /// `torch.amin(self, dim, keepdim=False)` over one dimension.
    public func amin(dim d: Int, keepdim: Bool = false) throws -> Tensor { try amin(dims: [d], keepdim: keepdim) }

    /// `torch.argmax(self, dim=None, keepdim=False)`: the index of the first maximum (of the
    /// first NaN, if any), into the flattened tensor when `dim` is nil.
    public func argmax(dim d: Int? = nil, keepdim: Bool = false) throws -> Tensor {
        try argExtremum(dim: d, keepdim: keepdim, max: true)
    }

    /// `torch.argmin(self, dim=None, keepdim=False)`: the index of the first minimum.
    public func argmin(dim d: Int? = nil, keepdim: Bool = false) throws -> Tensor {
        try argExtremum(dim: d, keepdim: keepdim, max: false)
    }

    // MARK: Implementations

    private func extremum(max: Bool) throws -> Tensor {
        guard numel > 0 else {
            throw TensorError.runtime("\(max ? "max" : "min")(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
        }
        let out = extremumValues(reductionLayout(Set(0..<dim)), max: max, shape: [])
        recordOp(max ? "MaxBackward1" : "MinBackward1", inputs: [self], outputs: [out], saving: [self, out]) { g, saved in
            [try Tensor.evenlyDistribute(g[0], input: saved[0], value: saved[1])]
        }
        return out
    }

    /// PyTorch's `evenly_distribute_backward`: grad / (number of elements equal to the result,
    /// or of NaNs when the result is NaN) at those elements, zero elsewhere.
    static func evenlyDistribute(_ grad: Tensor, input: Tensor, value: Tensor) throws -> Tensor {
        let valueIsNaN = (try? value.item())?.doubleValue.isNaN ?? false
        let mask = valueIsNaN ? input.nanMask() : try input.equalMask(value)
        return try grad.div(.int(Int64(mask.countTrue()))).expand(input.shape)
            .backwardMasked(mask, keep: true, name: "IndexPutBackward0")
    }

    private func extremum(dim d: Int, keepdim: Bool, max: Bool) throws -> (values: Tensor, indices: Tensor) {
        let n = try normalizeDim(d, dim)
        if dim > 0 && shape[n] == 0 {
            throw TensorError.index("\(max ? "max" : "min")(): Expected reduction dim \(n) to have non-zero size.")
        }
        let reduced: Set<Int> = dim == 0 ? [] : [n]
        let (values, indices) = argExtremumKernel(reductionLayout(reduced), max: max,
                                                  shape: reducedShape(reduced, keepdim: keepdim), wantValues: true)
        let inputShape = shape
        recordOp(max ? "MaxBackward0" : "MinBackward0", inputs: [self], outputs: [values], saving: [indices]) { g, saved in
            // value_selecting_reduction_backward: zeros(sizes).scatter(dim, indices, grad).
            let mask = Tensor.indexMask(shape: inputShape, indices: saved[0], dim: n)
            return [try g[0].unsqueezing(reduced, keepdim: keepdim).expand(inputShape)
                        .backwardMasked(mask, keep: true, name: "ScatterBackward0")]
        }
        return (values, indices)
    }

    private func reducedExtremum(dims: [Int], keepdim: Bool, max: Bool) throws -> Tensor {
        let name = max ? "amax" : "amin"
        let reduced = try reductionDims(dims)
        if numel == 0 {
            if dims.isEmpty {
                throw TensorError.runtime("\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
            }
            for d in dims {
                if shape[try normalizeDim(d, dim)] == 0 {
                    throw TensorError.index("\(name)(): Expected reduction dim \(d) to have non-zero size.")
                }
            }
        }
        let out = extremumValues(reductionLayout(reduced), max: max, shape: reducedShape(reduced, keepdim: keepdim))
        recordOp(max ? "AmaxBackward0" : "AminBackward0", inputs: [self], outputs: [out], saving: [self, out]) { g, saved in
            // scale_grad_by_count: (grad / mask.sum(dims, keepdim=True)) * mask.
            let input = saved[0]
            let mask = try input.equalMask(saved[1].unsqueezing(reduced, keepdim: keepdim))
            let count = try noGrad { try mask.sum(dims: reduced.sorted(), keepdim: true) }
            return [try g[0].unsqueezing(reduced, keepdim: keepdim).div(count).mul(mask)]
        }
        return out
    }

    private func argExtremum(dim d: Int?, keepdim: Bool, max: Bool) throws -> Tensor {
        let name = max ? "argmax" : "argmin"
        guard dtype != .bool else { throw TensorError.notImplemented("\(name)(): does not support bool input") }
        guard let d else {
            guard numel > 0 else {
                throw TensorError.index("\(name)(): Expected reduction dim to be specified for input.numel() == 0.")
            }
            let shape = keepdim ? [Int](repeating: 1, count: dim) : []
            // Flat indices count in this tensor's own element order.
            return argExtremumKernel(reductionLayout(Set(0..<dim), sameOrder: true), max: max, shape: shape,
                                     wantValues: false).indices
        }
        let n = try normalizeDim(d, dim)
        if dim > 0 && shape[n] == 0 {
            throw TensorError.index("\(name)(): Expected reduction dim \(n) to have non-zero size.")
        }
        let reduced: Set<Int> = dim == 0 ? [] : [n]
        return argExtremumKernel(reductionLayout(reduced), max: max, shape: reducedShape(reduced, keepdim: keepdim),
                                 wantValues: false).indices
    }

    private func extremumValues(_ layout: ReductionLayout, max: Bool, shape: [Int]) -> Tensor {
        func run<T: ReductionOrdered>(_: T.Type) -> Tensor {
            reductionResult(layout.fold(ExtremumFold<T>(max: max)), shape: shape, dtype: T.dtype)
        }
        switch dtype {
        case .float32: return reductionResult(layout.floatExtrema(Float.self, max: max), shape: shape, dtype: dtype)
        case .float64: return reductionResult(layout.floatExtrema(Double.self, max: max), shape: shape, dtype: dtype)
        case .int64: return run(Int64.self)
        case .int32: return run(Int32.self)
        case .bool: return run(Bool.self)
        }
    }

    private func argExtremumKernel(_ layout: ReductionLayout, max: Bool, shape: [Int],
                                   wantValues: Bool) -> (values: Tensor, indices: Tensor) {
        func run<T: ReductionOrdered>(_: T.Type) -> (values: Tensor, indices: Tensor) {
            let acc = layout.fold(ArgExtremumFold<T>(max: max))
            let indices = reductionResult(acc.map { Int64($0.index) }, shape: shape, dtype: .int64)
            let values = wantValues ? reductionResult(acc.map { $0.value }, shape: shape, dtype: T.dtype) : indices
            return (values, indices)
        }
        func runFloat<T: ReductionFloat>(_: T.Type) -> (values: Tensor, indices: Tensor) {
            let (extrema, positions) = layout.floatArgExtrema(T.self, max: max)
            let indices = reductionResult(positions, shape: shape, dtype: .int64)
            return (wantValues ? reductionResult(extrema, shape: shape, dtype: T.dtype) : indices, indices)
        }
        switch dtype {
        case .float32: return runFloat(Float.self)
        case .float64: return runFloat(Double.self)
        case .int64: return run(Int64.self)
        case .int32: return run(Int32.self)
        case .bool: return run(Bool.self)
        }
    }
}

extension ReductionLayout {
    /// The extremum of every run (vectorized) and the position of its first occurrence (of
    /// the first NaN when the extremum is NaN), found by a second pass that stops early.
    func floatArgExtrema<T: ReductionFloat>(_: T.Type, max: Bool) -> (values: [T], indices: [Int64]) {
        var values = floatExtrema(T.self, max: max)
        var indices = [Int64](repeating: 0, count: outCount)
        var found = [Bool](repeating: false, count: inner)
        let p = source.pointer(T.self)
        let size = self.size, inner = self.inner
        indices.withUnsafeMutableBufferPointer { idx in
            for o in 0..<outer {
                if inner == 1 {
                    let row = p + o * size, v = values[o]
                    var k = 0
                    if v.isNaN {
                        while k < size && !row[k].isNaN { k += 1 }
                    } else {
                        while k < size && row[k] != v { k += 1 }
                    }
                    if k < size { values[o] = row[k] }  // the element itself (0.0 or -0.0)
                    idx[o] = Int64(k < size ? k : 0)
                    continue
                }
                for i in 0..<inner { found[i] = false }
                var remaining = inner
                for k in 0..<size where remaining > 0 {
                    let row = p + (o * size + k) * inner
                    for i in 0..<inner where !found[i] {
                        let v = values[o * inner + i], x = row[i]
                        if v.isNaN ? x.isNaN : x == v {
                            found[i] = true
                            idx[o * inner + i] = Int64(k)
                            values[o * inner + i] = x
                            remaining -= 1
                        }
                    }
                }
            }
        }
        return (values, indices)
    }
}

/// Elements with the order the max/min reductions use; NaN is handled by the folds.
protocol ReductionOrdered: Element {
    static func isLess(_ a: Self, _ b: Self) -> Bool
    var isNaNValue: Bool { get }
    static var lowest: Self { get }
    static var highest: Self { get }
}

extension Float: ReductionOrdered {
    @inline(__always) static func isLess(_ a: Float, _ b: Float) -> Bool { a < b }
    @inline(__always) var isNaNValue: Bool { isNaN }
    static var lowest: Float { -.infinity }
    static var highest: Float { .infinity }
}

extension Double: ReductionOrdered {
    @inline(__always) static func isLess(_ a: Double, _ b: Double) -> Bool { a < b }
    @inline(__always) var isNaNValue: Bool { isNaN }
    static var lowest: Double { -.infinity }
    static var highest: Double { .infinity }
}

extension Int64: ReductionOrdered {
    @inline(__always) static func isLess(_ a: Int64, _ b: Int64) -> Bool { a < b }
    @inline(__always) var isNaNValue: Bool { false }
    static var lowest: Int64 { .min }
    static var highest: Int64 { .max }
}

extension Int32: ReductionOrdered {
    @inline(__always) static func isLess(_ a: Int32, _ b: Int32) -> Bool { a < b }
    @inline(__always) var isNaNValue: Bool { false }
    static var lowest: Int32 { .min }
    static var highest: Int32 { .max }
}

extension Bool: ReductionOrdered {
    @inline(__always) static func isLess(_ a: Bool, _ b: Bool) -> Bool { !a && b }
    @inline(__always) var isNaNValue: Bool { false }
    static var lowest: Bool { false }
    static var highest: Bool { true }
}

/// The maximum (or minimum) of a run; a NaN sticks once seen.
struct ExtremumFold<T: ReductionOrdered>: ReductionFold {
    let max: Bool
    var initial: T { max ? T.lowest : T.highest }
    @inline(__always) func combine(_ acc: inout T, _ x: T, _ k: Int) {
        if acc.isNaNValue { return }
        if x.isNaNValue || (max ? T.isLess(acc, x) : T.isLess(x, acc)) { acc = x }
    }
}

/// The maximum (or minimum) of a run and the position of its first occurrence (of the
/// first NaN, if any).
struct ArgExtremumFold<T: ReductionOrdered>: ReductionFold {
    let max: Bool
    var initial: (value: T, index: Int) { (max ? T.lowest : T.highest, 0) }
    @inline(__always) func combine(_ acc: inout (value: T, index: Int), _ x: T, _ k: Int) {
        if acc.value.isNaNValue { return }
        if x.isNaNValue || (max ? T.isLess(acc.value, x) : T.isLess(x, acc.value)) { acc = (x, k) }
    }
}
