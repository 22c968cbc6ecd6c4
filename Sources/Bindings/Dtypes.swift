import Engine
import Script

/// `torch.dtype` objects (`torch.float32`, …): one shared object per engine `DType`.
public final class DTypeObject: PyObject {
    /// The engine dtype this object names.
    public let dtype: DType

    init(_ dtype: DType) {
        self.dtype = dtype
        super.init(cls: DTypeObject.dtypeClass)
    }

    /// The class `torch.dtype`.
    public static let dtypeClass: PyClass = {
        let c = PyClass(name: "dtype", bases: [Builtin.objectType], module: "torch")
        c.method("__repr__", "self") { a in PyStr(String(describing: (a[0] as? DTypeObject)?.dtype ?? .float32)) }
        c.method("__hash__", "self") { a in PyInt.make(Int64((a[0] as? DTypeObject)?.dtype.rawValue ?? 0) + 1000) }
        c.property("is_floating_point") { o in PyBool.make((o as? DTypeObject)?.dtype.isFloatingPoint ?? false) }
        c.property("itemsize") { o in PyInt.make((o as? DTypeObject)?.dtype.itemSize ?? 0) }
        c.property("is_signed") { o in PyBool.make((o as? DTypeObject)?.dtype != .bool) }
        return c
    }()

    /// The shared objects, indexed by `DType.rawValue`.
    static let all: [DTypeObject] = DType.allCases.map { DTypeObject($0) }

    /// The `torch.dtype` object for `dtype`.
    public static func of(_ dtype: DType) -> DTypeObject {
        all[dtype.rawValue]
    }
}

/// `torch.device` objects: `device(type='cpu')`. Wick computes on the CPU only; other
/// device objects can be made (as PyTorch allows without CUDA) but moving a tensor to them fails.
public final class DeviceObject: PyObject {
    /// `cpu`, `cuda`, `mps`, …
    public let type: String
    /// The device index, if one was given.
    public let index: Int64?

    init(type: String, index: Int64?) {
        self.type = type
        self.index = index
        super.init(cls: DeviceObject.deviceClass)
    }

    /// The CPU device.
    public static let cpu = DeviceObject(type: "cpu", index: nil)

    /// `str(device)`: `cpu`, `cuda:0`.
    var text: String { index.map { "\(type):\($0)" } ?? type }

    /// The class `torch.device`.
    public static let deviceClass: PyClass = {
        let c = PyClass(name: "device", bases: [Builtin.objectType], module: "torch")
        c.method("__new__", "cls, type, index=") { a in
            if let d = a[1] as? DeviceObject { return d }
            guard let s = a[1] as? PyStr else {
                throw PyError.type("device() received an invalid combination of arguments - got (\(pythonTypeName(a[1]))), but expected one of:\n * (torch.device device)\n * (str type, int index = -1)\n")
            }
            var text = s.value
            if let i = a.optional(2) as? PyInt { text += ":\(i.value)" }
            return try DeviceObject.parse(text)
        }
        c.method("__repr__", "self") { a in
            guard let d = a[0] as? DeviceObject else { return PyStr("") }
            return PyStr(d.index.map { "device(type='\(d.type)', index=\($0))" } ?? "device(type='\(d.type)')")
        }
        c.method("__str__", "self") { a in PyStr((a[0] as? DeviceObject)?.text ?? "") }
        c.method("__eq__", "self, other") { a in
            guard let x = a[0] as? DeviceObject, let y = a[1] as? DeviceObject else { return PyNotImplemented.shared }
            return PyBool.make(x.type == y.type && x.index == y.index)
        }
        c.method("__hash__", "self") { a in PyInt.make(Int64(((a[0] as? DeviceObject)?.text ?? "").utf8.count)) }
        c.property("type") { o in PyStr((o as? DeviceObject)?.type ?? "cpu") }
        c.property("index") { o in ((o as? DeviceObject)?.index).map { PyInt.make($0) } ?? PyNone.shared }
        return c
    }()

    /// Parses `cpu`, `cuda:0`, … with PyTorch's errors for malformed strings.
    static func parse(_ text: String) throws -> DeviceObject {
        do { _ = try Device(text) } catch let e as TensorError {
            // Well-formed non-CPU devices are representable; only moving tensors there fails.
            guard e.message.hasPrefix("wick runs on the CPU only") else { throw TorchErrors.python(e) }
        }
        let parts = text.split(separator: ":", maxSplits: 1)
        let type = parts.first.map(String.init) ?? text
        let index = parts.count > 1 ? Int64(parts[1]) : nil
        if type == "cpu" && index == nil { return cpu }
        return DeviceObject(type: type, index: index)
    }
}

/// `torch.Size`: a tuple subclass that prints as `torch.Size([2, 3])`.
public enum TorchSize {
    /// The class `torch.Size`.
    public static let sizeClass: PyClass = {
        let c = PyClass(name: "Size", bases: [Builtin.tupleType], module: "torch")
        c.method("__new__", "cls, sizes=") { a in
            let items = try a.optional(1).map { try Runtime.toArray($0) } ?? []
            for item in items where !(item is PyInt) {
                throw PyError.type("torch.Size() takes an iterable of 'int' (item 0 is '\(pythonTypeName(item))')")
            }
            return PyTuple(items, cls: sizeClass)
        }
        c.method("__repr__", "self") { a in
            let items = (a[0] as? PyTuple)?.items ?? []
            return PyStr("torch.Size([" + (try items.map { try Runtime.repr($0) }).joined(separator: ", ") + "])")
        }
        c.method("__getitem__", "self, key") { a in
            // Slices of a size are sizes.
            let r = try Runtime.getItem(PyTuple((a[0] as? PyTuple)?.items ?? []), a[1])
            if let t = r as? PyTuple { return PyTuple(t.items, cls: sizeClass) }
            return r
        }
        c.method("numel", "self") { a in
            var n: Int64 = 1
            for item in (a[0] as? PyTuple)?.items ?? [] {
                let (p, o) = n.multipliedReportingOverflow(by: (item as? PyInt)?.value ?? 1)
                if o { throw PyError.overflow() }
                n = p
            }
            return PyInt.make(n)
        }
        return c
    }()

    /// A `torch.Size` holding `shape`.
    public static func make(_ shape: [Int]) -> PyObject {
        PyTuple(shape.map { PyInt.make($0) }, cls: sizeClass)
    }
}
