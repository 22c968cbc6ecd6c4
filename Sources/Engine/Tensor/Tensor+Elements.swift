/// Reading and copying elements: contiguous copies, dtype conversion and Swift arrays.
extension Tensor {
    /// Copies the elements of `source` (any dtype, broadcast to this shape) into this tensor,
    /// converting as C casts do. No autograd; callers bump versions.
    func copyElements(from source: Tensor) {
        let srcStrides = broadcastStrides(shape: source.shape, strides: source.strides, to: shape)
        switch (dtype, source.dtype) {
        case (.float32, .float32): copyKernel(Float.self, Float.self, source, srcStrides)
        case (.float64, .float64): copyKernel(Double.self, Double.self, source, srcStrides)
        case (.int64, .int64): copyKernel(Int64.self, Int64.self, source, srcStrides)
        default:
            switch dtype {
            case .float32: castInto(Float.self, source, srcStrides)
            case .float64: castInto(Double.self, source, srcStrides)
            case .int64: castInto(Int64.self, source, srcStrides)
            case .int32: castInto(Int32.self, source, srcStrides)
            case .bool: castInto(Bool.self, source, srcStrides)
            }
        }
    }

    private func castInto<D: Element>(_ d: D.Type, _ source: Tensor, _ srcStrides: [Int]) {
        switch source.dtype {
        case .float32: copyKernel(D.self, Float.self, source, srcStrides)
        case .float64: copyKernel(D.self, Double.self, source, srcStrides)
        case .int64: copyKernel(D.self, Int64.self, source, srcStrides)
        case .int32: copyKernel(D.self, Int32.self, source, srcStrides)
        case .bool: copyKernel(D.self, Bool.self, source, srcStrides)
        }
    }

    @inline(__always)
    private func copyKernel<D: Element, S: Element>(_: D.Type, _: S.Type, _ source: Tensor, _ srcStrides: [Int]) {
        let dst = storage.pointer(D.self), src = source.storage.pointer(S.self)
        let convert: (S) -> D
        if D.self == S.self {
            convert = { unsafeBitCast($0, to: D.self) }
        } else if D.dtype.isFloatingPoint || S.dtype == .bool || D.dtype == .bool {
            convert = { D(fromDouble: $0.asDouble) }
        } else {
            convert = { D(fromInt64: $0.asInt64) }
        }
        forEachRow(shape: shape, strides: [strides, srcStrides], offsets: [storageOffset, source.storageOffset]) { o, s, n in
            var di = o[0], si = o[1]
            if s[0] == 1 && s[1] == 1 && D.self == S.self {
                (dst + di).update(from: UnsafeMutableRawPointer(src + si).assumingMemoryBound(to: D.self), count: n)
                return
            }
            for _ in 0..<n {
                dst[di] = convert(src[si])
                di += s[0]; si += s[1]
            }
        }
    }

    /// A new contiguous tensor with the same elements, converted to `dtype`. No autograd.
    func contiguousCopy(dtype: DType? = nil) -> Tensor {
        let out = Tensor.uninitialized(shape, dtype: dtype ?? self.dtype)
        out.copyElements(from: self)
        return out
    }

    /// This tensor if it is contiguous and of `dtype`, else a contiguous converted copy.
    /// No autograd: for kernels that read their inputs.
    func contiguousData(_ dtype: DType? = nil) -> Tensor {
        if isContiguous && (dtype == nil || dtype == self.dtype) { return self }
        return contiguousCopy(dtype: dtype)
    }

    /// The elements in row-major order as `T` (converted as C casts do).
    public func toArray<T: Element>(_: T.Type = T.self) -> [T] {
        let c = contiguousData(T.dtype)
        return Array(UnsafeBufferPointer(start: c.pointer(T.self), count: numel))
    }

    /// The elements in row-major order as doubles.
    public var doubles: [Double] { toArray(Double.self) }

    /// The single element as a Python number (`.item()`): floats as `.double`, integers as
    /// `.int`, bools as `.bool`.
    public func item() throws -> Scalar {
        guard numel == 1 else {
            throw TensorError.runtime("a Tensor with \(numel) elements cannot be converted to Scalar")
        }
        switch dtype {
        case .float32: return .double(Double(pointer(Float.self)[0]))
        case .float64: return .double(pointer(Double.self)[0])
        case .int64: return .int(pointer(Int64.self)[0])
        case .int32: return .int(Int64(pointer(Int32.self)[0]))
        case .bool: return .bool(pointer(Bool.self)[0])
        }
    }

    /// Reads one element by a full index (no bounds check beyond the shape's).
    func element(at index: [Int]) -> Double {
        var offset = storageOffset
        for (i, s) in zip(index, strides) { offset += i * s }
        switch dtype {
        case .float32: return Double(storage.pointer(Float.self)[offset])
        case .float64: return storage.pointer(Double.self)[offset]
        case .int64: return Double(storage.pointer(Int64.self)[offset])
        case .int32: return Double(storage.pointer(Int32.self)[offset])
        case .bool: return storage.pointer(Bool.self)[offset] ? 1 : 0
        }
    }
}
