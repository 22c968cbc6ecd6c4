import Engine
import Script

extension NumpyBindings {
    /// The class `numpy.ndarray`.
    public static let ndarrayClass: PyClass = {
        let c = PyClass(name: "ndarray", bases: [Builtin.objectType], module: "numpy")
        c.attributeFallback = { _, name in
            if name.hasPrefix("__") { return nil }
            throw TorchErrors.unsupportedAttribute("numpy.ndarray." + name)
        }
        func me(_ a: Arguments) throws -> NdArray {
            guard let x = a[0] as? NdArray else { throw PyError.type("descriptor requires a 'numpy.ndarray' object") }
            return x
        }
        c.method("__new__", "cls, shape, dtype=") { a in
            let shape = try shapeArgument(a[1])
            return NdArray([Double](repeating: 0, count: shape.reduce(1, *)), shape: shape, kind: try NdConvert.kind(a.optional(2)) ?? .float64)
        }
        c.method("__repr__", "self") { a in PyStr(try me(a).reprText()) }
        c.method("__str__", "self") { a in PyStr(try me(a).strText()) }
        c.method("__format__", "self, spec") { a in
            let x = try me(a)
            let spec = try Runtime.str(a[1])
            guard x.count == 1 || spec.isEmpty else { throw PyError.type("unsupported format string passed to numpy.ndarray.__format__") }
            if spec.isEmpty && x.count != 1 { return PyStr(x.strText()) }
            return try Runtime.invokeMethod(PyStr("{:\(spec)}"), "format", [x.scalar(x.values[0])])
        }
        c.method("__len__", "self") { a in
            let x = try me(a)
            guard let n = x.shape.first else { throw PyError.type("len() of unsized object") }
            return PyInt.make(n)
        }
        c.method("__iter__", "self") { a in
            let x = try me(a)
            guard let n = x.shape.first else { throw PyError.type("iteration over a 0-d array") }
            var i = 0
            return PyNativeIterator {
                guard i < n else { return nil }
                defer { i += 1 }
                return try x.getItem(PyInt.make(i))
            }
        }
        c.method("__getitem__", "self, key") { a in try me(a).getItem(a[1]) }
        c.method("__setitem__", "self, key, value") { a in
            try me(a).setItem(a[1], a[2])
            return PyNone.shared
        }
        c.method("__bool__", "self") { a in
            let x = try me(a)
            guard x.count == 1 else {
                throw PyError.value("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
            }
            return PyBool.make(x.values[0] != 0)
        }
        c.method("__float__", "self") { a in
            let x = try me(a)
            guard x.shape.isEmpty else { throw PyError.type("only 0-dimensional arrays can be converted to Python scalars") }
            return PyFloat(x.values[0])
        }
        c.method("__int__", "self") { a in
            let x = try me(a)
            guard x.shape.isEmpty else { throw PyError.type("only 0-dimensional arrays can be converted to Python scalars") }
            return PyInt.make(safeInt64(x.values[0].rounded(.towardZero)))
        }
        c.method("__hash__", "self") { _ in throw PyError.type("unhashable type: 'numpy.ndarray'") }
        let ops: [(String, NdMath.Op, Bool)] = [
            ("add", .add, false), ("sub", .sub, false), ("mul", .mul, false), ("truediv", .div, false),
            ("floordiv", .floordiv, false), ("mod", .mod, false), ("pow", .pow, false),
            ("and", .and, false), ("or", .or, false), ("xor", .xor, false),
        ]
        for (name, op, _) in ops {
            c.method("__\(name)__", "self, other") { a in try NdMath.binary(op, a[0], a[1]) ?? PyNotImplemented.shared }
            c.method("__r\(name)__", "self, other") { a in try NdMath.binary(op, a[1], a[0]) ?? PyNotImplemented.shared }
            c.method("__i\(name)__", "self, other") { a in
                let x = try me(a)
                guard let r = try NdMath.binary(op, a[0], a[1]) else { return PyNotImplemented.shared }
                let result = try NdConvert.array(r, copy: false)
                if NdKind.promote(result.kind, x.kind) != x.kind && !(result.kind.isFloat && x.kind.isFloat) {
                    throw PyError(castingErrorClass, "Cannot cast ufunc '\(op.ufunc)' output from dtype('\(result.kind.rawValue)') to dtype('\(x.kind.rawValue)') with casting rule 'same_kind'")
                }
                try x.setItem(PySlice(PyNone.shared, PyNone.shared, PyNone.shared) as PyObject, result)
                return x
            }
        }
        for (name, op) in [("eq", NdMath.Op.eq), ("ne", .ne), ("lt", .lt), ("le", .le), ("gt", .gt), ("ge", .ge)] {
            c.method("__\(name)__", "self, other") { a in try NdMath.binary(op, a[0], a[1]) ?? PyNotImplemented.shared }
        }
        c.method("__neg__", "self") { a in
            let x = try me(a)
            guard x.kind != .bool else {
                throw PyError.type("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")
            }
            return NdArray(x.values.map { x.kind.store(-$0) }, shape: x.shape, kind: x.kind)
        }
        c.method("__pos__", "self") { a in try NdConvert.array(try me(a)) }
        c.method("__abs__", "self") { a in try absolute(try me(a)) }
        c.method("__invert__", "self") { a in
            let x = try me(a)
            guard !x.kind.isFloat else { throw PyError.type("ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''") }
            return NdArray(x.values.map { x.kind == .bool ? ($0 != 0 ? 0 : 1) : Double(~safeInt64($0)) }, shape: x.shape, kind: x.kind)
        }
        c.property("shape") { o in PyTuple(((o as? NdArray)?.shape ?? []).map { PyInt.make($0) }) }
        c.property("ndim") { o in PyInt.make((o as? NdArray)?.shape.count ?? 0) }
        c.property("size") { o in PyInt.make((o as? NdArray)?.count ?? 0) }
        c.property("dtype") { o in NdDType.of((o as? NdArray)?.kind ?? .float64) }
        c.property("T") { o in try transpose(o) }
        c.property("flat") { o in
            guard let x = o as? NdArray else { return PyNone.shared }
            // A view when the elements are contiguous (so `a.flat[i] = v` writes through), else a copy.
            if x.strides == contiguousStrides(x.shape) {
                return NdArray(buffer: x.buffer, shape: [x.count], strides: [1], offset: x.offset, kind: x.kind)
            }
            return NdArray(x.values, shape: [x.count], kind: x.kind)
        }
        c.method("transpose", "self") { a in try transpose(a[0]) }
        c.method("tolist", "self") { a in try me(a).tolist() }
        c.method("item", "self") { a in
            let x = try me(a)
            guard x.count == 1 else { throw PyError.value("can only convert an array of size 1 to a Python scalar") }
            return x.scalar(x.values[0])
        }
        c.method("copy", "self") { a in try NdConvert.array(try me(a)) }
        c.method("astype", "self, dtype") { a in
            let x = try me(a)
            guard let k = try NdConvert.kind(a[1]) else { return NdArray(x.values, shape: x.shape, kind: .float64) }
            return x.converted(to: k)
        }
        for name in ["flatten", "ravel"] {
            c.method(name, "self") { a in
                let x = try me(a)
                return NdArray(x.values, shape: [x.count], kind: x.kind)
            }
        }
        c.method("reshape", "self, *shape") { a in
            let x = try me(a)
            var dims = a.rest.count == 1 && !(a.rest[0] is PyInt) ? try Runtime.toArray(a.rest[0]) : a.rest
            if dims.isEmpty { dims = [] }
            var shape = try dims.map { d -> Int in
                guard let i = d as? PyInt else { throw PyError.type("'\(pythonTypeName(d))' object cannot be interpreted as an integer") }
                return Int(clamping: i.value)
            }
            if let unknown = shape.firstIndex(of: -1) {
                var known = 1
                for (i, d) in shape.enumerated() where i != unknown {
                    let (p, overflow) = known.multipliedReportingOverflow(by: d)
                    known = overflow ? -1 : p
                }
                if known > 0 && x.count % known == 0 { shape[unknown] = x.count / known }
            }
            guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).overflow ? -1 : $0 * $1 }) == x.count else {
                throw PyError.value("cannot reshape array of size \(x.count) into shape \(NdMath.shapeText(try dims.map { d in Int((d as? PyInt)?.value ?? 0) }))")
            }
            return NdArray(x.values, shape: shape, kind: x.kind)
        }
        for name in ["all", "any"] {
            c.method(name, "self") { a in
                let v = try me(a).values
                return PyBool.make(name == "all" ? v.allSatisfy { $0 != 0 } : v.contains { $0 != 0 })
            }
        }
        return c
    }()

    static func transpose(_ o: PyObject) throws -> PyObject {
        guard let x = o as? NdArray else { return o }
        return NdArray(buffer: x.buffer, shape: x.shape.reversed(), strides: x.strides.reversed(), offset: x.offset, kind: x.kind)
    }

    /// `Tensor.numpy()` (the tensor class is shared by every run, so this is defined once).
    static func installTensorNumpy() {
        TensorObject.tensorClass.method("numpy", "self, *, force=") { a in
            guard let t = a[0] as? TensorObject else { throw PyError.type("descriptor 'numpy' requires a 'torch._C.TensorBase' object") }
            let force = try a.optional(1).map { try Runtime.truthy($0) } ?? false
            if !force { try NdConvert.checkNoGrad(t.tensor) }
            return NdArray.from(t.tensor)
        }
    }

    /// `torch.from_numpy`, and ndarray arguments to `torch.tensor` / `torch.as_tensor` (each run's torch module).
    static func installTorchConversions(_ torch: PyModule) {
        torch.function("from_numpy", "ndarray") { a in
            guard let x = a[0] as? NdArray else {
                throw PyError.type("expected np.ndarray (got \(pythonTypeName(a[0])))")
            }
            return wrap(try x.tensor())
        }
        for name in ["tensor", "as_tensor", "asarray"] {
            guard let original = torch[name] else { continue }
            // An ndarray argument becomes nested lists with its dtype made explicit (so a float64
            // array gives a float64 tensor, as in PyTorch); torch's function does the rest.
            torch[name] = PyNativeFunction(name: name, parameters: "") { a in
                var args = a.rest
                var keywords = a.keywords
                let dataIndex = keywords.firstIndex(where: { $0.0 == "data" })
                var array = (args.first as? NdArray) ?? dataIndex.flatMap { keywords[$0].1 as? NdArray }
                if array == nil, name == "tensor", let list = args.first as? PyList, list.items.first is NdArray {
                    Autograd.warn("Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider converting the list to a single numpy.ndarray with numpy.array() before converting to a tensor. (Triggered internally at /__w/pytorch/pytorch/torch/csrc/utils/tensor_new.cpp:249.)")
                    array = try NdConvert.array(list)
                    if let a = array { args[0] = a }
                }
                if let x = array {
                    if args.first is NdArray { args[0] = x.tolist() } else if let i = dataIndex { keywords[i].1 = x.tolist() }
                    let dtypeGiven = keywords.contains { $0.0 == "dtype" } || (name != "tensor" && args.count >= 2)
                    if !dtypeGiven { keywords.append(("dtype", DTypeObject.of(x.kind.dtype))) }
                }
                return try Runtime.call(original, args, keywords)
            }
        }
    }

    /// numpy's `UFuncTypeError` (a TypeError) for in-place operators that would change the dtype.
    static let castingErrorClass: PyClass = {
        PyClass(name: "UFuncTypeError", bases: [PyError.type("").exception.cls], module: "numpy._core._exceptions")
    }()
}
