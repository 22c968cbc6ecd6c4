import Foundation

/// Machinery shared by the reductions: every reduction sees its input as a contiguous
/// [outer, size, inner] block, so the common cases (all elements, the last dim, the first dim
/// of a contiguous or transposed tensor) run in one pass over the data without copying, and
/// only reductions over dims that are not adjacent pay for one permuting copy.

/// A reduction's input viewed as a contiguous [outer, size, inner] block: output element
/// `o * inner + i` reduces the `size` elements `source[o, 0..<size, i]`.
struct ReductionLayout {
    /// Contiguous elements in [outer, size, inner] order.
    let source: Tensor
    /// Product of the kept dimensions before the reduced ones.
    let outer: Int
    /// Number of elements each output reduces.
    let size: Int
    /// Product of the kept dimensions after the reduced ones.
    let inner: Int

    /// Number of output elements.
    var outCount: Int { outer * inner }

    /// Folds every reduced run into one accumulator per output element. `combine` gets the
    /// position `k` along the reduced run, for the arg-reductions. Runs are visited in order,
    /// so "first occurrence" tie-breaking falls out of a strict comparison.
    @inline(__always)
    func fold<F: ReductionFold>(_ f: F) -> [F.A] {
        var acc = [F.A](repeating: f.initial, count: outCount)
        let p = source.pointer(F.T.self)
        let size = self.size, inner = self.inner
        acc.withUnsafeMutableBufferPointer { a in
            if inner == 1 {
                for o in 0..<outer {
                    var v = f.initial
                    let row = p + o * size
                    for k in 0..<size { f.combine(&v, row[k], k) }
                    a[o] = v
                }
            } else {
                for o in 0..<outer {
                    let base = o * inner
                    for k in 0..<size {
                        let row = p + (o * size + k) * inner
                        for i in 0..<inner { f.combine(&a[base + i], row[i], k) }
                    }
                }
            }
        }
        return acc
    }
}

/// One step of a reduction: folds an element of `T` into an accumulator of `A`. Reductions
/// are structs conforming to this, so that `fold` specializes into a tight loop.
protocol ReductionFold {
    associatedtype T: Element
    associatedtype A
    var initial: A { get }
    func combine(_ acc: inout A, _ x: T, _ k: Int)
}

extension Tensor {
    /// The [outer, size, inner] view of reducing `dims` (normalized), converted to `dtype`.
    /// Adjacent dims (the usual case) need no copy of contiguous data, nor of dense permuted
    /// data such as a transpose when the kept dims keep their order; other dims are moved to
    /// the end by one permuting copy. With `sameOrder`, the source keeps this tensor's element
    /// order (for scans, whose output has the input's shape).
    func reductionLayout(_ dims: Set<Int>, as dtype: DType? = nil, sameOrder: Bool = false) -> ReductionLayout {
        let sorted = dims.sorted()
        guard let first = sorted.first, let last = sorted.last else {
            return ReductionLayout(source: contiguousData(dtype), outer: numel, size: 1, inner: 1)
        }
        if !sameOrder && !isContiguous && (dtype == nil || dtype == self.dtype), let order = densePermutation() {
            let kept = (0..<dim).filter { !dims.contains($0) }
            let positions = order.indices.filter { dims.contains(order[$0]) }
            if order.filter({ !dims.contains($0) }) == kept, let a = positions.first, let b = positions.last,
               b - a + 1 == positions.count {
                let view = Tensor(storage: storage, shape: order.map { shape[$0] }, strides: order.map { strides[$0] },
                                  offset: storageOffset)
                return ReductionLayout(source: view, outer: view.shape[..<a].reduce(1, *),
                                       size: view.shape[a...b].reduce(1, *), inner: view.shape[(b + 1)...].reduce(1, *))
            }
        }
        if last - first + 1 == sorted.count {
            return ReductionLayout(source: contiguousData(dtype),
                                   outer: shape[..<first].reduce(1, *),
                                   size: shape[first...last].reduce(1, *),
                                   inner: shape[(last + 1)...].reduce(1, *))
        }
        let kept = (0..<dim).filter { !dims.contains($0) }
        let order = kept + sorted
        let permuted = Tensor(storage: storage, shape: order.map { shape[$0] }, strides: order.map { strides[$0] },
                              offset: storageOffset)
        return ReductionLayout(source: permuted.contiguousCopy(dtype: dtype ?? self.dtype),
                               outer: kept.map { shape[$0] }.reduce(1, *),
                               size: sorted.map { shape[$0] }.reduce(1, *), inner: 1)
    }

    /// For a tensor whose elements fill a dense block in another dim order (a transpose or
    /// permute of a contiguous tensor), that order: dims from the largest stride to the
    /// smallest. Nil for expanded or gapped layouts.
    func densePermutation() -> [Int]? {
        let order = (0..<dim).sorted { strides[$0] > strides[$1] || (strides[$0] == strides[$1] && $0 < $1) }
        let view = Tensor(storage: storage, shape: order.map { shape[$0] }, strides: order.map { strides[$0] },
                          offset: storageOffset)
        return view.isContiguous ? order : nil
    }

    /// PyTorch's refusal to let autograd track a reduction into an integer dtype.
    func checkDifferentiableResult(_ dtype: DType) throws {
        if !dtype.isFloatingPoint && needsGrad([self]) {
            throw TensorError.runtime("Autograd not support dtype: \(dtype.scalarTypeName)")
        }
    }

    /// The number of elements one output of reducing `dims` covers.
    func reducedCount(_ dims: Set<Int>) -> Int { dims.map { shape[$0] }.reduce(1, *) }
}

/// A new contiguous tensor of `dtype` holding `values` (converted as C casts do).
func reductionResult<V: Element>(_ values: [V], shape: [Int], dtype: DType) -> Tensor {
    let direct = Tensor(zeros: shape, dtype: V.dtype)
    let p = direct.storage.pointer(V.self)
    for i in 0..<Swift.min(values.count, direct.numel) { p[i] = values[i] }
    return dtype == V.dtype ? direct : direct.contiguousCopy(dtype: dtype)
}

/// `%g`, as C++ streams print a double in PyTorch's messages (`-1e+08`, `0.5`, `inf`).
func formatCDouble(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return String(format: "%g", value)
}

/// Integer sum with wrap-around, as PyTorch's int64 sums overflow silently.
struct IntSumFold<T: Element>: ReductionFold {
    var initial: Int64 { 0 }
    @inline(__always) func combine(_ acc: inout Int64, _ x: T, _ k: Int) { acc = acc &+ x.asInt64 }
}

/// Integer product with wrap-around.
struct IntProductFold<T: Element>: ReductionFold {
    var initial: Int64 { 1 }
    @inline(__always) func combine(_ acc: inout Int64, _ x: T, _ k: Int) { acc = acc &* x.asInt64 }
}

/// Floating product accumulated in double.
struct FloatProductFold<T: Element>: ReductionFold {
    var initial: Double { 1 }
    @inline(__always) func combine(_ acc: inout Double, _ x: T, _ k: Int) { acc *= x.asDouble }
}
