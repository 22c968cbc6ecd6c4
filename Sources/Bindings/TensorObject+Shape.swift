import Engine
import Script

/// Shape methods and functions: views, joins, splits, gathers, triangles.
extension TensorObject {
    static func installShapeMethods() {
        let c = tensorClass
        // Methods that take sizes as varargs or one sequence: x.view(2, 3), x.view((2, 3)).
        let sized: [(String, (Tensor, [Int]) throws -> Tensor)] = [
            ("view", { try $0.view($1) }), ("reshape", { try $0.reshape($1) }), ("expand", { try $0.expand($1) }),
            ("repeat", { try $0.repeat($1) }), ("permute", { try $0.permute($1) }),
        ]
        for (name, op) in sized {
            let site = ArgumentSite(name, isMethod: true)
            let param = name == "permute" ? "dims" : name == "reshape" ? "shape" : "size"
            c.method(name, "self, *\(param)") { a in
                let x = try receiver(a)
                if name == "view", a.rest.count == 1, a.rest[0] is DTypeObject { throw TorchErrors.unsupported("Tensor.view(dtype)") }
                return wrap(try op(x, try Args.size(a.rest.first, Array(a.rest.dropFirst()), site, param)))
            }
        }
        for (name, param) in [("reshape", "shape"), ("permute", "dims")] {
            let site = ArgumentSite(name, isMethod: false)
            Definitions.function(name, "input, \(param)") { a in
                let x = try Args.tensor(a[0], site, "input", 0)
                let sizes = try Args.intList(a[1], site, param, 1)
                return wrap(name == "reshape" ? try x.reshape(sizes) : try x.permute(sizes))
            }
        }
        Definitions.both("flatten", "start_dim=, end_dim=") { a, site in
            wrap(try site.input(a).flatten(startDim: try Args.optionalInt(a.optional(1), site, "start_dim", 1) ?? 0,
                                           endDim: try Args.optionalInt(a.optional(2), site, "end_dim", 2) ?? -1))
        }
        Definitions.both("unflatten", "dim, sizes") { a, site in
            wrap(try site.input(a).unflatten(dim: try Args.int(a[1], site, "dim", 1), sizes: try Args.intList(a[2], site, "sizes", 2)))
        }
        Definitions.both("squeeze", "dim=") { a, site in
            let x = try site.input(a)
            guard let d = a.optional(1) else { return wrap(try x.squeeze()) }
            if d is PyInt { return wrap(try x.squeeze(try Args.int(d, site, "dim", 1))) }
            return wrap(try x.squeeze(dims: try Args.intList(d, site, "dim", 1)))
        }
        Definitions.both("unsqueeze", "dim") { a, site in wrap(try site.input(a).unsqueeze(try Args.int(a[1], site, "dim", 1))) }
        Definitions.both("transpose", "dim0, dim1") { a, site in
            wrap(try site.input(a).transpose(try Args.int(a[1], site, "dim0", 1), try Args.int(a[2], site, "dim1", 2)))
        }
        Definitions.alias("swapaxes", "transpose")
        Definitions.alias("swapdims", "transpose")
        Definitions.both("split", "split_size_or_sections, dim=") { a, site in
            let x = try site.input(a), dim = try Args.optionalInt(a.optional(2), site, "dim", 2) ?? 0
            if a[1] is PyInt { return wrapTuple(try x.split(try Args.int(a[1], site, "split_size", 1), dim: dim)) }
            return wrapTuple(try x.split(sizes: try Args.intList(a[1], site, "split_size", 1), dim: dim))
        }
        Definitions.both("chunk", "chunks, dim=") { a, site in
            wrapTuple(try site.input(a).chunk(try Args.int(a[1], site, "chunks", 1), dim: try Args.optionalInt(a.optional(2), site, "dim", 2) ?? 0))
        }
        Definitions.both("unbind", "dim=") { a, site in
            wrapTuple(try site.input(a).unbind(dim: try Args.optionalInt(a.optional(1), site, "dim", 1) ?? 0))
        }
        Definitions.both("narrow", "dim, start, length") { a, site in
            wrap(try site.input(a).narrow(dim: try Args.int(a[1], site, "dim", 1), start: try Args.int(a[2], site, "start", 2),
                                          length: try Args.int(a[3], site, "length", 3)))
        }
        Definitions.both("select", "dim, index") { a, site in
            wrap(try site.input(a).select(dim: try Args.int(a[1], site, "dim", 1), index: try Args.int(a[2], site, "index", 2)))
        }
        Definitions.both("index_select", "dim, index") { a, site in
            wrap(try site.input(a).indexSelect(dim: try Args.int(a[1], site, "dim", 1), index: try Args.tensor(a[2], site, "index", 2)))
        }
        Definitions.both("gather", "dim, index, *, sparse_grad=") { a, site in
            wrap(try site.input(a).gather(dim: try Args.int(a[1], site, "dim", 1), index: try Args.tensor(a[2], site, "index", 2)))
        }
        Definitions.both("scatter", "dim, index, src=, value=, *, reduce=") { a, site in
            let x = try site.input(a), dim = try Args.int(a[1], site, "dim", 1), index = try Args.tensor(a[2], site, "index", 2)
            if a.optional(5) != nil { throw TorchErrors.unsupported("torch.scatter(reduce=...)") }
            let source = a.optional(3) ?? a.optional(4)
            if let s = source as? TensorObject { return wrap(try x.scatter(dim: dim, index: index, src: s.tensor)) }
            guard let v = source else { throw PyError.type("scatter() missing required argument 'src' (pos 3)") }
            return wrap(try x.scatter(dim: dim, index: index, value: try Args.scalar(v, site, "value", 3)))
        }
        Definitions.both("scatter_add", "dim, index, src") { a, site in
            wrap(try site.input(a).scatterAdd(dim: try Args.int(a[1], site, "dim", 1), index: try Args.tensor(a[2], site, "index", 2),
                                              src: try Args.tensor(a[3], site, "src", 3)))
        }
        Definitions.both("tril", "diagonal=") { a, site in
            wrap(try site.input(a).tril(diagonal: try Args.optionalInt(a.optional(1), site, "diagonal", 1) ?? 0))
        }
        Definitions.both("triu", "diagonal=") { a, site in
            wrap(try site.input(a).triu(diagonal: try Args.optionalInt(a.optional(1), site, "diagonal", 1) ?? 0))
        }
        let flipSite = ArgumentSite("flip", isMethod: true)
        c.method("flip", "self, *dims") { a in
            wrap(try receiver(a).flip(try Args.size(a.rest.first, Array(a.rest.dropFirst()), flipSite, "dims")))
        }
        Definitions.function("flip", "input, dims") { a in
            let site = ArgumentSite("flip", isMethod: false)
            return wrap(try Args.tensor(a[0], site, "input", 0).flip(try Args.intList(a[1], site, "dims", 1)))
        }
        Definitions.function("transpose", "input, dim0, dim1") { a in
            let site = ArgumentSite("transpose", isMethod: false)
            return wrap(try Args.tensor(a[0], site, "input", 0).transpose(try Args.int(a[1], site, "dim0", 1), try Args.int(a[2], site, "dim1", 2)))
        }
        for name in ["cat", "concat", "concatenate", "stack"] {
            let site = ArgumentSite(name, isMethod: false)
            Definitions.function(name, "tensors, dim=, *, out=") { a in
                let tensors = try Args.tensorList(a[0], site, "tensors", 0)
                let dim = try Args.optionalInt(a.optional(1), site, "dim", 1) ?? 0
                return wrap(name == "stack" ? try Tensor.stack(tensors, dim: dim) : try Tensor.cat(tensors, dim: dim))
            }
        }
        for name in ["hstack", "vstack"] {
            let site = ArgumentSite(name, isMethod: false)
            Definitions.function(name, "tensors, *, out=") { a in
                let tensors = try Args.tensorList(a[0], site, "tensors", 0)
                if name == "hstack" { return wrap(try Tensor.cat(tensors, dim: tensors.allSatisfy { $0.dim == 1 } ? 0 : 1)) }
                return wrap(try Tensor.cat(tensors.map { $0.dim < 2 ? try $0.reshape([1, -1]) : $0 }, dim: 0))
            }
        }
    }
}
