/// dtype and device conversion with autograd (`to`, `type`, `float`, `double`, `long`, …).
extension Tensor {
    /// `to(dtype, copy=False)`: this tensor if it already has `dtype` (unless `copy`), else a
    /// converted contiguous copy. Floating results of a tensor that requires grad get
    /// `ToCopyBackward0`, which carries gradients back to the original dtype; integer and bool
    /// results are cut off from autograd, as in PyTorch.
    ///
    /// Floats convert to integers as PyTorch's casts do on x86: truncation toward zero, with NaN
    /// and out-of-range values giving the integer minimum.
    public func to(_ dtype: DType, copy: Bool = false) throws -> Tensor {
        if dtype == self.dtype && !copy { return self }
        let out = converted(to: dtype)
        guard dtype.isFloatingPoint else { return out }
        let original = self.dtype
        recordOp("ToCopyBackward0", inputs: [self], outputs: [out]) { g, _ in [try g[0].to(original)] }
        return out
    }

    /// `type(dtype)`: `to(dtype)`.
    public func type(_ dtype: DType) throws -> Tensor { try to(dtype) }

    /// `type_as(other)`: `to(other.dtype)`.
    public func typeAs(_ other: Tensor) throws -> Tensor { try to(other.dtype) }

    /// `float()`: `to(.float32)`.
    public func float() throws -> Tensor { try to(.float32) }
    /// `double()`: `to(.float64)`.
    public func double() throws -> Tensor { try to(.float64) }
    /// `long()`: `to(.int64)`.
    public func long() throws -> Tensor { try to(.int64) }
    /// `int()`: `to(.int32)`.
    public func int() throws -> Tensor { try to(.int32) }
    /// `bool()`: `to(.bool)`.
    public func bool() throws -> Tensor { try to(.bool) }

    /// `half()`: wick has no float16 dtype, so this always throws.
    public func half() throws -> Tensor {
        throw TensorError.notImplemented("float16 (half) tensors are not supported by wick yet")
    }

    /// The device holding this tensor: always the CPU.
    public var device: Device { .cpu }

    /// `to(device)`: this tensor, since the only device is the CPU.
    public func to(device: Device) -> Tensor { self }

    /// `to("cpu")`: parses the device string; any device other than the CPU throws.
    public func to(device name: String) throws -> Tensor { to(device: try Device(name)) }

    /// `cpu()`: this tensor.
    public func cpu() -> Tensor { self }

    /// `cuda()`: always throws, since wick runs on the CPU only.
    public func cuda() throws -> Tensor { to(device: try Device("cuda")) }

    /// A contiguous copy converted to `dtype` without autograd, with x86 cast semantics for
    /// float → integer.
    private func converted(to dtype: DType) -> Tensor {
        switch (self.dtype, dtype) {
        case (.float32, .int64): return truncatedCopy(Float.self, Int64.self, x86Truncate64)
        case (.float64, .int64): return truncatedCopy(Double.self, Int64.self, x86Truncate64)
        case (.float32, .int32): return truncatedCopy(Float.self, Int32.self, x86Truncate32)
        case (.float64, .int32): return truncatedCopy(Double.self, Int32.self, x86Truncate32)
        default: return contiguousCopy(dtype: dtype)
        }
    }

    @inline(__always)
    private func truncatedCopy<S: Element, D: Element>(_: S.Type, _: D.Type, _ convert: (Double) -> D) -> Tensor {
        let source = contiguousData()
        let out = Tensor.uninitialized(shape, dtype: D.dtype)
        let src = source.pointer(S.self), dst = out.pointer(D.self)
        for i in 0..<numel { dst[i] = convert(src[i].asDouble) }
        return out
    }
}

/// A device a tensor can live on. Wick runs on the CPU only, so `.cpu` is the one case;
/// parsing any other device type throws an error that says so.
public enum Device: Equatable, Sendable, CustomStringConvertible {
    /// The host processor, where every wick tensor lives.
    case cpu

    /// The device types PyTorch recognises, in the order its parser lists them.
    static let knownTypes = ["cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve",
                             "fpga", "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone"]

    /// Parses `torch.device(string)`: `"cpu"` or `"cpu:N"`. Malformed strings get PyTorch's
    /// errors; well-formed non-CPU devices (`"cuda"`, `"cuda:0"`, `"mps"`) throw a RuntimeError
    /// explaining that wick runs on the CPU only.
    public init(_ string: String) throws {
        guard !string.isEmpty else { throw TensorError.runtime("Device string must not be empty") }
        let parts = string.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let type = parts.first.map(String.init) ?? ""
        let index = parts.count > 1 ? String(parts[parts.count - 1]) : nil
        let typeIsWord = !type.isEmpty && type.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "_") }
        let indexIsNumber = index.map { i in
            !i.isEmpty && i.allSatisfy { $0.isASCII && $0.isNumber } && (i == "0" || !i.hasPrefix("0"))
        } ?? true
        guard typeIsWord && indexIsNumber else { throw TensorError.runtime("Invalid device string: '\(string)'") }
        guard Device.knownTypes.contains(type) else {
            throw TensorError.runtime("Expected one of \(Device.knownTypes.joined(separator: ", ")) device type at start of device string: \(string)")
        }
        if let index, Int32(index) == nil {
            throw TensorError.runtime("Could not parse device index '\(index)' in device string '\(string)'")
        }
        guard type == "cpu" else {
            throw TensorError.runtime("wick runs on the CPU only: device '\(string)' is not available (torch.cuda.is_available() is False in wick)")
        }
        self = .cpu
    }

    /// `"cpu"`, as `str(torch.device("cpu"))` prints.
    public var description: String { "cpu" }
}

extension GradcheckCase {
    /// Conversions with autograd (Ops/Conversion.swift): `ToCopyBackward0`.
    static let conversion: [GradcheckCase] = [
        GradcheckCase("to/copy", shapes: [[2, 3]]) { try $0[0].to(.float64, copy: true) },
        GradcheckCase("to/copy_0d", shapes: [[]]) { try $0[0].to(.float64, copy: true) },
        GradcheckCase("typeAs/float64", shapes: [[4], [1]]) { try $0[0].typeAs($0[1]).mul($0[1]) },
    ]
}
