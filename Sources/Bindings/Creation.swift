import Engine
import Script

/// Tensor creation: `torch.tensor` from nested Python data, and the factories
/// (`zeros ones full empty eye arange linspace logspace *_like`).
public enum TensorFactory {
    /// `torch.tensor(data, dtype=)`: nested lists/tuples of numbers, bools and one-element
    /// tensors; `dtype` nil infers it as PyTorch does.
    public static func fromData(_ data: PyObject, dtype: DType?) throws -> Tensor {
        if let t = data as? TensorObject {
            return try bridge { try t.tensor.detach().to(dtype ?? t.tensor.dtype, copy: true) }
        }
        // Fast path: a flat list of Python floats/ints (datasets written out in lessons).
        if let l = data as? PyList, l.items.count > 16, dtype == nil || dtype?.isFloatingPoint == true {
            var values: [Double] = []
            values.reserveCapacity(l.items.count)
            var sawFloat = false, ok = true
            for item in l.items {
                if let f = item as? PyFloat { values.append(f.value); sawFloat = true }
                else if let i = item as? PyInt, i.cls !== Builtin.boolType, abs(i.value) < 1 << 53 { values.append(Double(i.value)) }
                else { ok = false; break }
            }
            if ok {
                let d = dtype ?? (sawFloat ? DType.defaultFloat : .int64)
                return try bridge { try Tensor(values, shape: [values.count], dtype: d) }
            }
        }
        var depth = 0
        let literal = try literal(data, &depth)
        return try bridge { try Tensor(literal: literal, dtype: dtype) }
    }

    /// Converts nested data to the engine's literal form.
    static func literal(_ o: PyObject, _ depth: inout Int) throws -> TensorLiteral {
        if let s = Args.scalarOrNil(o) { return .scalar(s) }
        if let t = o as? TensorObject {
            guard t.tensor.numel == 1 else { throw PyError.value("only one element tensors can be converted to Python scalars") }
            return .scalar(try bridge { try t.tensor.item() })
        }
        let items: [PyObject]
        if let l = o as? PyList { items = l.items } else if let t = o as? PyTuple { items = t.items } else {
            throw PyError.type("new(): invalid data type '\(pythonTypeName(o))'")
        }
        depth += 1
        defer { depth -= 1 }
        if depth > 64 { throw PyError.value("too many dimensions '\(pythonTypeName(o))'") }
        return .list(try items.map { try literal($0, &depth) })
    }

    /// Applies `requires_grad=` and checks `device=` of a factory call.
    static func finish(_ t: Tensor, requiresGrad: PyObject?, device: PyObject?) throws -> PyObject {
        try Args.checkDevice(device)
        if let rg = requiresGrad, try Runtime.truthy(rg) {
            guard t.dtype.isFloatingPoint else {
                throw PyError.runtime("Only Tensors of floating point and complex dtype can require gradients")
            }
            try bridge { try t.setRequiresGrad(true) }
        }
        return wrap(t)
    }

    /// Installs the creation functions.
    static func install() {
        let common = "dtype=, layout=, device=, requires_grad=, pin_memory=, out=, memory_format="
        Definitions.function("tensor", "data, *, dtype=, device=, requires_grad=, pin_memory=") { a in
            let site = ArgumentSite("tensor", isMethod: false)
            if a[0] is TensorObject {
                Autograd.warn("To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor).")
            }
            return try finish(try fromData(a[0], dtype: try Args.dtype(a.optional(1), site)), requiresGrad: a.optional(3), device: a.optional(2))
        }
        Definitions.function("as_tensor", "data, dtype=, device=") { a in
            let site = ArgumentSite("as_tensor", isMethod: false)
            let dtype = try Args.dtype(a.optional(1), site)
            try Args.checkDevice(a.optional(2))
            if let t = a[0] as? TensorObject {
                guard let d = dtype, d != t.tensor.dtype else { return t }
                return wrap(try t.tensor.to(d))
            }
            return wrap(try fromData(a[0], dtype: dtype))
        }
        for (name, fill) in [("zeros", Scalar.int(0)), ("ones", Scalar.int(1)), ("empty", Scalar.int(0))] {
            let site = ArgumentSite(name, isMethod: false)
            Definitions.function(name, "*size, \(common)") { a in
                let shape = try Args.size(a.rest.first, Array(a.rest.dropFirst()), site)
                let dtype = try Args.dtype(a.optional(0), site) ?? DType.defaultFloat
                let t = name == "zeros" ? try Tensor.zeros(shape, dtype: dtype)
                    : name == "ones" ? try Tensor.ones(shape, dtype: dtype) : try Tensor.empty(shape, dtype: dtype)
                return try finish(t, requiresGrad: a.optional(3), device: a.optional(2))
            }
            Definitions.function(name + "_like", "input, *, \(common)") { a in
                let likeSite = ArgumentSite(name + "_like", isMethod: false)
                let x = try Args.tensor(a[0], likeSite, "input", 0)
                let t = try Tensor.full(x.shape, fill, dtype: try Args.dtype(a.optional(1), likeSite) ?? x.dtype)
                return try finish(t, requiresGrad: a.optional(4), device: a.optional(3))
            }
        }
        Definitions.function("full", "size, fill_value, *, \(common)") { a in
            let site = ArgumentSite("full", isMethod: false)
            let t = try Tensor.full(try Args.intList(a[0], site, "size", 0), try Args.scalar(a[1], site, "fill_value", 1),
                                    dtype: try Args.dtype(a.optional(2), site))
            return try finish(t, requiresGrad: a.optional(5), device: a.optional(4))
        }
        Definitions.function("full_like", "input, fill_value, *, \(common)") { a in
            let site = ArgumentSite("full_like", isMethod: false)
            let x = try Args.tensor(a[0], site, "input", 0)
            let t = try x.fullLike(try Args.scalar(a[1], site, "fill_value", 1), dtype: try Args.dtype(a.optional(2), site))
            return try finish(t, requiresGrad: a.optional(5), device: a.optional(4))
        }
        Definitions.function("eye", "n, m=, *, \(common)") { a in
            let site = ArgumentSite("eye", isMethod: false)
            let t = try Tensor.eye(try Args.int(a[0], site, "n", 0), try Args.optionalInt(a.optional(1), site, "m", 1),
                                   dtype: try Args.dtype(a.optional(2), site) ?? DType.defaultFloat)
            return try finish(t, requiresGrad: a.optional(5), device: a.optional(4))
        }
        Definitions.function("arange", "start, end=, step=, *, \(common)") { a in
            let site = ArgumentSite("arange", isMethod: false)
            let dtype = try Args.dtype(a.optional(3), site)
            let first = try Args.scalar(a[0], site, a.optional(1) == nil ? "end" : "start", 0)
            let t: Tensor
            if let end = a.optional(1) {
                t = try Tensor.arange(start: first, end: try Args.scalar(end, site, "end", 1),
                                      step: try a.optional(2).map { try Args.scalar($0, site, "step", 2) } ?? 1, dtype: dtype)
            } else {
                t = try Tensor.arange(first, dtype: dtype)
            }
            return try finish(t, requiresGrad: a.optional(6), device: a.optional(5))
        }
        Definitions.function("linspace", "start, end, steps, *, \(common)") { a in
            let site = ArgumentSite("linspace", isMethod: false)
            let t = try Tensor.linspace(start: try Args.scalar(a[0], site, "start", 0), end: try Args.scalar(a[1], site, "end", 1),
                                        steps: try Args.int(a[2], site, "steps", 2), dtype: try Args.dtype(a.optional(3), site))
            return try finish(t, requiresGrad: a.optional(6), device: a.optional(5))
        }
        Definitions.function("logspace", "start, end, steps, base=, *, \(common)") { a in
            let site = ArgumentSite("logspace", isMethod: false)
            let t = try Tensor.logspace(start: try Args.scalar(a[0], site, "start", 0), end: try Args.scalar(a[1], site, "end", 1),
                                        steps: try Args.int(a[2], site, "steps", 2),
                                        base: try a.optional(3).map { try Args.double($0, site, "base", 3) } ?? 10,
                                        dtype: try Args.dtype(a.optional(4), site))
            return try finish(t, requiresGrad: a.optional(7), device: a.optional(6))
        }
        Definitions.function("is_tensor", "obj") { a in PyBool.make(a[0] is TensorObject) }
        // The legacy constructors: FloatTensor([1, 2]) copies data, FloatTensor(2, 3) makes a size.
        for dtype in DType.allCases {
            let name = String(dtype.legacyTypeName.dropFirst("torch.".count))
            let site = ArgumentSite(name, isMethod: false)
            Definitions.function(name, "*args") { a in
                if a.rest.count == 1, !(a.rest[0] is PyInt) {
                    if let t = a.rest[0] as? TensorObject { return wrap(try t.tensor.detach().to(dtype)) }
                    return wrap(try fromData(a.rest[0], dtype: dtype))
                }
                return wrap(try Tensor.zeros(try Args.size(a.rest.first, Array(a.rest.dropFirst()), site), dtype: dtype))
            }
        }
    }
}
