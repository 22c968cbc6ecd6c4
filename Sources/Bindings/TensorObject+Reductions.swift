import Engine
import Script

/// Reductions (`sum mean std var prod max min argmax … all any`) as methods and functions.
extension TensorObject {
    static func installReductions() {
        for (name, isMean) in [("sum", false), ("mean", true)] {
            Definitions.both(name, "dim=, keepdim=, *, dtype=") { a, site in
                let x = try site.input(a)
                let dtype = try Args.dtype(a.optional(3), site)
                let keep = try a.optional(2).map { try Args.bool($0, site, "keepdim", 2) } ?? false
                guard let dims = try Args.dims(a.optional(1), site, "dim", 1) else {
                    return wrap(isMean ? try x.mean(dtype: dtype) : try x.sum(dtype: dtype))
                }
                return wrap(isMean ? try x.mean(dims: dims, keepdim: keep, dtype: dtype) : try x.sum(dims: dims, keepdim: keep, dtype: dtype))
            }
        }
        Definitions.both("prod", "dim=, keepdim=, *, dtype=") { a, site in
            let x = try site.input(a), dtype = try Args.dtype(a.optional(3), site)
            guard let d = a.optional(1) else { return wrap(try x.prod(dtype: dtype)) }
            let keep = try a.optional(2).map { try Args.bool($0, site, "keepdim", 2) } ?? false
            return wrap(try x.prod(dim: try Args.int(d, site, "dim", 1), keepdim: keep, dtype: dtype))
        }
        for (name, isStd) in [("std", true), ("var", false)] {
            Definitions.both(name, "dim=, unbiased=, keepdim=, *, correction=") { a, site in
                let x = try site.input(a)
                var dimObject = a.optional(1)
                var unbiased: Bool? = try a.optional(2).map { try Args.bool($0, site, "unbiased", 2) }
                if let b = dimObject as? PyInt, b.cls === Builtin.boolType { unbiased = b.value != 0; dimObject = nil }
                let dims = try Args.dims(dimObject, site, "dim", 1)
                let keep = try a.optional(3).map { try Args.bool($0, site, "keepdim", 3) } ?? false
                if let c = a.optional(4) {
                    let correction = try Args.double(c, site, "correction", 4)
                    return wrap(isStd ? try x.std(dims: dims, correction: correction, keepdim: keep)
                                      : try x.var(dims: dims, correction: correction, keepdim: keep))
                }
                let u = unbiased ?? true
                return wrap(isStd ? try x.std(dims: dims, unbiased: u, keepdim: keep) : try x.var(dims: dims, unbiased: u, keepdim: keep))
            }
        }
        for (name, isMax) in [("max", true), ("min", false)] {
            Definitions.both(name, "dim=, keepdim=") { a, site in
                let x = try site.input(a)
                guard let d = a.optional(1) else { return wrap(isMax ? try x.max() : try x.min()) }
                if let other = d as? TensorObject {
                    return wrap(isMax ? try x.maximum(other.tensor) : try x.minimum(other.tensor))
                }
                let dim = try Args.int(d, site, "dim", 1)
                let keep = try a.optional(2).map { try Args.bool($0, site, "keepdim", 2) } ?? false
                let r = isMax ? try x.max(dim: dim, keepdim: keep) : try x.min(dim: dim, keepdim: keep)
                return ReturnTypes.make(name, ["values", "indices"], [wrap(r.values), wrap(r.indices)])
            }
        }
        for (name, isMax) in [("amax", true), ("amin", false)] {
            Definitions.both(name, "dim=, keepdim=") { a, site in
                let x = try site.input(a)
                let dims = try Args.dims(a.optional(1), site, "dim", 1) ?? []
                let keep = try a.optional(2).map { try Args.bool($0, site, "keepdim", 2) } ?? false
                return wrap(isMax ? try x.amax(dims: dims, keepdim: keep) : try x.amin(dims: dims, keepdim: keep))
            }
        }
        for (name, isMax) in [("argmax", true), ("argmin", false)] {
            Definitions.both(name, "dim=, keepdim=") { a, site in
                let x = try site.input(a)
                let dim = try Args.optionalInt(a.optional(1), site, "dim", 1)
                let keep = try a.optional(2).map { try Args.bool($0, site, "keepdim", 2) } ?? false
                return wrap(isMax ? try x.argmax(dim: dim, keepdim: keep) : try x.argmin(dim: dim, keepdim: keep))
            }
        }
        Definitions.both("logsumexp", "dim, keepdim=") { a, site in
            let x = try site.input(a)
            let keep = try a.optional(2).map { try Args.bool($0, site, "keepdim", 2) } ?? false
            return wrap(try x.logsumexp(dims: try Args.dims(a[1], site, "dim", 1) ?? [], keepdim: keep))
        }
        Definitions.both("norm", "p=, dim=, keepdim=, dtype=") { a, site in
            let x = try site.input(a)
            let dims = try Args.dims(a.optional(2), site, "dim", 2)
            let keep = try a.optional(3).map { try Args.bool($0, site, "keepdim", 3) } ?? false
            if let d = try Args.dtype(a.optional(4), site), d != x.dtype { throw TorchErrors.unsupported("torch.norm(dtype=...)") }
            guard let p = a.optional(1) else { return wrap(try x.norm(p: "fro", dims: dims, keepdim: keep)) }
            if let s = p as? PyStr { return wrap(try x.norm(p: s.value, dims: dims, keepdim: keep)) }
            return wrap(try x.norm(p: try Args.scalar(p, site, "p", 1), dims: dims, keepdim: keep))
        }
        Definitions.both("cumsum", "dim, *, dtype=") { a, site in
            wrap(try site.input(a).cumsum(dim: try Args.int(a[1], site, "dim", 1), dtype: try Args.dtype(a.optional(2), site)))
        }
        for (name, isAll) in [("all", true), ("any", false)] {
            Definitions.both(name, "dim=, keepdim=") { a, site in
                let x = try site.input(a)
                guard let dims = try Args.dims(a.optional(1), site, "dim", 1) else { return wrap(isAll ? try x.all() : try x.any()) }
                let keep = try a.optional(2).map { try Args.bool($0, site, "keepdim", 2) } ?? false
                return wrap(isAll ? try x.all(dims: dims, keepdim: keep) : try x.any(dims: dims, keepdim: keep))
            }
        }
    }
}

/// `torch.return_types.max(values=…, indices=…)`: named tuples of results.
public enum ReturnTypes {
    nonisolated(unsafe) static var classes: [String: PyClass] = [:]

    /// A named tuple `torch.return_types.<name>` with `fields`.
    public static func make(_ name: String, _ fields: [String], _ values: [PyObject]) -> PyObject {
        let cls: PyClass
        if let c = classes[name] { cls = c } else {
            cls = PyClass(name: name, bases: [Builtin.tupleType], module: "torch.return_types")
            cls.method("__repr__", "self") { a in
                let items = (a[0] as? PyTuple)?.items ?? []
                let body = try zip(fields, items).map { "\($0)=\(try Runtime.repr($1))" }.joined(separator: ",\n")
                return PyStr("torch.return_types.\(name)(\n\(body))")
            }
            cls.attributeFallback = { o, attr in
                guard let i = fields.firstIndex(of: attr), let t = o as? PyTuple, i < t.items.count else { return nil }
                return t.items[i]
            }
            classes[name] = cls
        }
        return PyTuple(values, cls: cls)
    }
}
