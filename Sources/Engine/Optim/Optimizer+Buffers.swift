/// The element types optimizers update: the update loops are generic over them and run on
/// raw contiguous buffers.
protocol OptimFloat: BinaryFloatingPoint & Element {
    /// `self + a * b` rounded once, as the fused multiply-add of PyTorch's vectorised kernels.
    func fused(_ a: Self, _ b: Self) -> Self
}

extension Float: OptimFloat {
    /// Through Double: the product of two floats is exact there, so one rounding of the sum to
    /// Double and one to Float; this avoids a libm `fmaf` call per element on baseline x86-64
    /// (no FMA instructions), and vectorises. It differs from a true fma only when the Double
    /// sum lands exactly halfway between two floats, below float32 tolerance.
    @inline(__always) func fused(_ a: Float, _ b: Float) -> Float {
        Float(Double(self) + Double(a) * Double(b))
    }
}

extension Double: OptimFloat {
    @inline(__always) func fused(_ a: Double, _ b: Double) -> Double { addingProduct(a, b) }
}

/// Helpers shared by the optimizers: gradients and state buffers as contiguous tensors of the
/// parameter's dtype, the `step` counter, and in-place writes to parameters.
extension Optimizer {
    /// The dtype of `state['step']` (`_get_scalar_dtype()`): float64 when that is the default
    /// dtype, else float32.
    static var stepDType: DType { DType.defaultFloat == .float64 ? .float64 : .float32 }

    /// `p.grad` as a contiguous tensor of `p`'s dtype and shape, or nil when `p` has none.
    func contiguousGradient(of p: Tensor) throws -> Tensor? {
        guard let grad = p.grad else { return nil }
        guard grad.shape == p.shape else {
            throw TensorError.runtime("the gradient of a parameter has shape \(formatShapeList(grad.shape)) but the parameter has shape \(formatShapeList(p.shape))")
        }
        guard p.dtype.isFloatingPoint else {
            throw TensorError.runtime("\(name) can only update floating point parameters, but got \(p.dtype)")
        }
        return grad.contiguousData(p.dtype)
    }

    /// The state buffer `key` of parameter `p`, checked to have `p`'s shape and dtype and
    /// made contiguous (a loaded non-contiguous buffer is replaced by a contiguous copy).
    func stateBuffer(_ entries: inout OptionDict, _ key: String, like p: Tensor) throws -> Tensor {
        guard case .tensor(let t)? = entries[key] else {
            throw TensorError.runtime("KeyError: '\(key)' (the optimizer state of a parameter has no tensor '\(key)')")
        }
        guard t.shape == p.shape else {
            throw TensorError.runtime("optimizer state '\(key)' has shape \(formatShapeList(t.shape)) but its parameter has shape \(formatShapeList(p.shape))")
        }
        if t.isContiguous && t.dtype == p.dtype { return t }
        let copy = t.contiguousCopy(dtype: p.dtype)
        entries[key] = .tensor(copy)
        return copy
    }

    /// A new buffer of `p`'s shape and dtype filled with `value` (`torch.full_like`).
    func filledBuffer(like p: Tensor, _ value: Double = 0) -> Tensor {
        let t = Tensor(zeros: p.shape, dtype: p.dtype)
        if value != 0 {
            switch p.dtype {
            case .float32: t.storage.pointer(Float.self).update(repeating: Float(value), count: t.numel)
            case .float64: t.storage.pointer(Double.self).update(repeating: value, count: t.numel)
            default: break
            }
        }
        return t
    }

    /// A fresh `state['step']`: `torch.tensor(0.0)` of the step dtype.
    func newStepCounter() -> OptimValue { .tensor(Tensor(zeros: [], dtype: Self.stepDType)) }

    /// `step_t += 1` on `state['step']`; returns the new count as a Python float
    /// (`_get_value(step_t)`). A plain number (old state dicts) becomes a tensor first.
    func incrementStep(_ entries: inout OptionDict) throws -> Double {
        let counter: Tensor
        switch entries["step"] {
        case .tensor(let t)? where t.numel == 1 && t.dtype.isFloatingPoint:
            counter = t
        case let value? where value.doubleValue != nil:
            counter = Tensor(scalar: .double(value.doubleValue ?? 0), dtype: Self.stepDType)
            entries["step"] = .tensor(counter)
        default:
            throw TensorError.runtime("the optimizer state 'step' must be a one-element floating point tensor")
        }
        switch counter.dtype {
        case .float32:
            let p = counter.pointer(Float.self)
            p[0] += 1
            counter.bumpVersion()
            return Double(p[0])
        default:
            let p = counter.pointer(Double.self)
            p[0] += 1
            counter.bumpVersion()
            return p[0]
        }
    }

    /// Runs `body` on `p`'s elements as one contiguous buffer of `T`, writing back when `p`
    /// is not contiguous, and bumps `p`'s version as an in-place op does.
    func updateInPlace<T: OptimFloat>(_ p: Tensor, _: T.Type, _ body: (UnsafeMutablePointer<T>) -> Void) {
        let work = p.isContiguous ? p : p.contiguousCopy()
        body(work.pointer(T.self))
        if work !== p { p.copyElements(from: work) }
        p.bumpVersion()
    }

    /// Throws NotImplementedError for the flags that select implementations wick lacks.
    static func rejectUnsupported(_ optimizer: String, fused: Bool? = nil, capturable: Bool = false,
                                  differentiable: Bool = false) throws {
        if fused == true { throw TensorError.notImplemented("torch.optim.\(optimizer)(fused=True) is not supported by wick; the for-loop implementation is used when fused is left unset") }
        if capturable { throw TensorError.notImplemented("torch.optim.\(optimizer)(capturable=True) is not supported by wick (it runs on the CPU)") }
        if differentiable { throw TensorError.notImplemented("torch.optim.\(optimizer)(differentiable=True) is not supported by wick") }
    }
}

/// Elementwise formulas with the rounding of PyTorch's CPU kernels (vectorised paths).
enum OptimMath {
    /// `torch.lerp(start, end, weight)`: `fma(w, end - start, start)` for |w| < 0.5, else
    /// `fma(w - 1, end - start, end)`.
    @inline(__always) static func lerp<T: OptimFloat>(_ start: T, _ end: T, _ weight: T) -> T {
        let diff = end - start
        return weight.magnitude < 0.5 ? start.fused(weight, diff) : end.fused(weight - 1, diff)
    }

    /// `torch.maximum`: NaN propagates.
    @inline(__always) static func maximum<T: OptimFloat>(_ a: T, _ b: T) -> T {
        if a.isNaN || b.isNaN { return T.nan }
        return a > b ? a : b
    }
}
