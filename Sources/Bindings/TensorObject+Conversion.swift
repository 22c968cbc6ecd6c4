import Engine
import Script

/// Conversions (`item tolist float to …`) and the autograd methods of tensors
/// (`backward detach requires_grad_ retain_grad register_hook`).
extension TensorObject {
    static func installConversions() {
        Definitions.both("item", function: false) { a, site in PyValues.number(try site.input(a).item()) }
        Definitions.both("tolist", function: false) { a, site in PyValues.literal(try site.input(a).tolist()) }
        let casts: [(String, DType)] = [("float", .float32), ("double", .float64), ("long", .int64), ("int", .int32), ("bool", .bool)]
        for (name, dtype) in casts {
            Definitions.both(name, "memory_format=", function: false) { a, site in wrap(try site.input(a).to(dtype)) }
        }
        Definitions.both("half", function: false) { a, site in wrap(try site.input(a).half()) }
        Definitions.both("cpu", "memory_format=", function: false) { a, _ in a[0] }
        Definitions.both("cuda", "device=, non_blocking=, memory_format=", function: false) { a, site in wrap(try site.input(a).cuda()) }
        Definitions.both("type", "dtype=, non_blocking=", function: false) { a, site in
            let x = try site.input(a)
            guard let d = a.optional(1) else { return PyStr(x.dtype.legacyTypeName) }
            if let s = d as? PyStr {
                guard let dtype = DType.allCases.first(where: { $0.legacyTypeName == s.value }) else {
                    throw PyError.value("invalid type: '\(s.value)'")
                }
                return wrap(try x.to(dtype))
            }
            guard let dtype = try Args.dtype(d, site, "dtype", 1) else { return a[0] }
            return wrap(try x.to(dtype))
        }
        Definitions.both("to", "*args, dtype=, non_blocking=, copy=, memory_format=, device=", function: false) { a, site in
            let x = try site.input(a)
            var dtype: DType? = try Args.dtype(a.optional(1), site)
            let copy = try a.optional(3).map { try Runtime.truthy($0) } ?? false
            try Args.checkDevice(a.optional(5))
            for item in a.rest {
                if let d = item as? DTypeObject { dtype = d.dtype }
                else if let t = item as? TensorObject { dtype = t.tensor.dtype }
                else if item is PyStr || item is DeviceObject || item is PyInt { try Args.checkDevice(item) }
                else if item is PyNone { continue }
                else if let d = try? Args.dtype(item, site) { dtype = d }
                else {
                    throw PyError.type("to() received an invalid combination of arguments - got (\(pythonTypeName(item)), ), but expected one of:\n * (torch.device device = None, torch.dtype dtype = None, bool non_blocking = False, bool copy = False, *, torch.memory_format memory_format = None)\n * (torch.dtype dtype, bool non_blocking = False, bool copy = False, *, torch.memory_format memory_format = None)\n * (Tensor tensor, bool non_blocking = False, bool copy = False, *, torch.memory_format memory_format = None)\n")
                }
            }
            guard let target = dtype else { return copy ? wrap(x.clone()) : a[0] }
            let result = try x.to(target, copy: copy)
            return result === x ? a[0] : wrap(result)
        }
        Definitions.both("size", "dim=", function: false) { a, site in
            let x = try site.input(a)
            guard let d = a.optional(1) else { return TorchSize.make(x.shape) }
            return PyInt.make(try x.size(try Args.int(d, site, "dim", 1)))
        }
        Definitions.both("stride", "dim=", function: false) { a, site in
            let x = try site.input(a)
            guard let d = a.optional(1) else { return PyTuple(x.strides.map { PyInt.make($0) }) }
            return PyInt.make(x.strides[try normalizeDim(try Args.int(d, site, "dim", 1), x.dim)])
        }
        Definitions.both("dim", function: false) { a, site in PyInt.make(try site.input(a).dim) }
        Definitions.alias("ndimension", "dim", function: false)
        Definitions.both("numel") { a, site in PyInt.make(try site.input(a).numel) }
        Definitions.alias("nelement", "numel", function: false)
        Definitions.both("element_size", function: false) { a, site in PyInt.make(try site.input(a).dtype.itemSize) }
        Definitions.both("is_contiguous", "memory_format=", function: false) { a, site in PyBool.make(try site.input(a).isContiguous) }
        Definitions.both("is_floating_point") { a, site in PyBool.make(try site.input(a).dtype.isFloatingPoint) }
        Definitions.both("storage_offset", function: false) { a, site in PyInt.make(try site.input(a).storageOffset) }
        Definitions.both("get_device", function: false) { _, _ in PyInt.make(-1) }
        Definitions.both("data_ptr", function: false) { a, site in
            let x = try site.input(a)
            return PyInt.make(Int64(Int(bitPattern: x.storage.bytes)) + Int64(x.storageOffset * x.dtype.itemSize))
        }
        // new_* factories: this tensor's dtype unless given.
        for (name, fill) in [("new_zeros", Scalar.int(0)), ("new_ones", Scalar.int(1)), ("new_empty", Scalar.int(0))] {
            Definitions.both(name, "*size, dtype=, device=, requires_grad=, layout=, pin_memory=", function: false) { a, site in
                let x = try site.input(a)
                let shape = try Args.size(a.rest.first, Array(a.rest.dropFirst()), site)
                let t = try Tensor.full(shape, fill, dtype: try Args.dtype(a.optional(1), site) ?? x.dtype)
                try Args.checkDevice(a.optional(2))
                if let rg = a.optional(3), try Runtime.truthy(rg) { try t.setRequiresGrad(true) }
                return wrap(t)
            }
        }
        Definitions.both("new_full", "size, fill_value, *, dtype=, device=, requires_grad=, layout=, pin_memory=", function: false) { a, site in
            let x = try site.input(a)
            let t = try Tensor.full(try Args.intList(a[1], site, "size", 1), try Args.scalar(a[2], site, "fill_value", 2),
                                    dtype: try Args.dtype(a.optional(3), site) ?? x.dtype)
            if let rg = a.optional(5), try Runtime.truthy(rg) { try t.setRequiresGrad(true) }
            return wrap(t)
        }
        Definitions.both("new_tensor", "data, *, dtype=, device=, requires_grad=, layout=, pin_memory=", function: false) { a, site in
            let x = try site.input(a)
            let t = try TensorFactory.fromData(a[1], dtype: try Args.dtype(a.optional(2), site) ?? x.dtype)
            if let rg = a.optional(4), try Runtime.truthy(rg) { try t.setRequiresGrad(true) }
            return wrap(t)
        }
    }

    static func installAutogradMethods() {
        Definitions.both("backward", "gradient=, retain_graph=, create_graph=, inputs=", function: false) { a, site in
            let x = try site.input(a)
            let gradient = try Args.optionalTensor(a.optional(1), site, "gradient", 1)
            let retain = try a.optional(2).map { try Runtime.truthy($0) }
            let create = try a.optional(3).map { try Runtime.truthy($0) } ?? false
            if a.optional(4) != nil { throw TorchErrors.unsupported("Tensor.backward(inputs=...)") }
            try x.backward(gradient: gradient, retainGraph: retain, createGraph: create)
            return PyNone.shared
        }
        Definitions.both("__deepcopy__", "memo=", function: false) { a, site in
            let x = try site.input(a)
            guard x.isLeaf else {
                throw PyError.runtime("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")
            }
            let t = x.detach().clone()
            t.isParameter = x.isParameter
            if x.requiresGrad { try t.setRequiresGrad(true) }
            if let g = x.grad { t.grad = g.detach().clone() }
            let copy = TensorObject.wrap(t)
            copy.cls = a[0].cls
            if let attrs = a[0].attributes { copy.attributes = attrs }
            return copy
        }
        Definitions.both("detach_", function: false) { a, site in _ = try site.input(a).detachInPlace(); return a[0] }
        Definitions.both("requires_grad_", "requires_grad=", function: false) { a, site in
            let x = try site.input(a)
            try x.setRequiresGrad(try a.optional(1).map { try Runtime.truthy($0) } ?? true)
            return a[0]
        }
        Definitions.both("retain_grad", function: false) { a, site in try site.input(a).retainGrad(); return PyNone.shared }
        Definitions.both("register_hook", "hook", function: false) { a, site in
            let x = try site.input(a), hook = a[1]
            let name = (try? Runtime.getAttribute(hook, "__name__")).flatMap { ($0 as? PyStr)?.value } ?? "hook"
            let id = try x.registerHook(name: name) { g in
                let r = try Runtime.call(hook, [wrap(g)])
                if r is PyNone { return nil }
                guard let t = r as? TensorObject else {
                    throw TensorError.type("hook returned an object that is not a Tensor: \(pythonTypeName(r))")
                }
                return t.tensor
            }
            return HookHandle.make { [weak x] in x?.removeHook(id) }
        }
    }
}

/// `torch.utils.hooks.RemovableHandle`: `handle.remove()`, also a context manager.
enum HookHandle {
    static let handleClass: PyClass = {
        let c = PyClass(name: "RemovableHandle", bases: [Builtin.objectType], module: "torch.utils.hooks")
        c.method("remove", "self") { a in (a[0] as? HandleObject)?.remove(); return PyNone.shared }
        c.method("__enter__", "self") { a in a[0] }
        c.method("__exit__", "self, *args") { a in (a[0] as? HandleObject)?.remove(); return PyBool.falseValue }
        return c
    }()

    /// A handle whose `remove()` runs `remove` once.
    static func make(_ remove: @escaping () -> Void) -> PyObject {
        HandleObject(remove)
    }

    final class HandleObject: PyObject {
        private var action: (() -> Void)?
        init(_ action: @escaping () -> Void) {
            self.action = action
            super.init(cls: HookHandle.handleClass)
        }
        func remove() { action?(); action = nil }
    }
}
