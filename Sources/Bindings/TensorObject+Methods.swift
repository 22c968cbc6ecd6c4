import Engine
import Script

/// Pointwise methods and functions: unary math, binary arithmetic, comparison, selection and
/// their in-place forms.
extension TensorObject {
    static func installMethods() {
        installUnary()
        installBinary()
        installInPlace()
        installConversions()
        installAutogradMethods()
    }

    static let unaryOps: [(String, (Tensor) throws -> Tensor)] = [
        ("abs", { try $0.abs() }), ("neg", { try $0.neg() }), ("sqrt", { try $0.sqrt() }),
        ("rsqrt", { try $0.rsqrt() }), ("exp", { try $0.exp() }), ("log", { try $0.log() }),
        ("log1p", { try $0.log1p() }), ("expm1", { try $0.expm1() }), ("log2", { try $0.log2() }),
        ("sign", { try $0.sign() }), ("sin", { try $0.sin() }), ("cos", { try $0.cos() }),
        ("tan", { try $0.tan() }), ("tanh", { try $0.tanh() }), ("sigmoid", { try $0.sigmoid() }),
        ("relu", { try $0.relu() }), ("floor", { try $0.floor() }), ("ceil", { try $0.ceil() }),
        ("reciprocal", { try $0.reciprocal() }), ("square", { try $0.square() }), ("erf", { try $0.erf() }),
        ("logical_not", { $0.logicalNot() }), ("isnan", { $0.isnan() }), ("isinf", { $0.isinf() }),
        ("isfinite", { $0.isfinite() }), ("bitwise_not", { try $0.bitwiseNot() }),
        ("t", { try $0.t() }), ("clone", { $0.clone() }), ("detach", { $0.detach() }),
    ]

    static func installUnary() {
        for (name, op) in unaryOps {
            Definitions.both(name, name == "clone" ? "*, memory_format=" : "") { a, site in wrap(try op(try site.input(a))) }
        }
        Definitions.alias("negative", "neg")
        Definitions.alias("absolute", "abs")
        Definitions.both("round", "*, decimals=") { a, site in
            wrap(try site.input(a).round(decimals: try Args.optionalInt(a.optional(1), site, "decimals", 1)))
        }
        Definitions.both("contiguous", "memory_format=", function: false) { a, site in wrap(try site.input(a).contiguous()) }
        Definitions.both("positive") { a, site in wrap(try site.input(a)) }
        // In-place unary forms, recorded by the engine under PyTorch's grad_fn names.
        for (name, op) in inPlaceUnaryOps {
            Definitions.both(name + "_", function: false) { a, site in _ = try op(try site.input(a)); return a[0] }
        }
        Definitions.both("round_", "*, decimals=", function: false) { a, site in
            _ = try site.input(a).roundInPlace(decimals: try Args.optionalInt(a.optional(1), site, "decimals", 1))
            return a[0]
        }
        // The rest: exact when autograd is not involved (a pure data update).
        let engineInPlace = Set(inPlaceUnaryOps.map { $0.0 })
        for (name, op) in unaryOps where !engineInPlace.contains(name)
            && !["t", "clone", "detach", "isnan", "isinf", "isfinite", "logical_not", "round"].contains(name) {
            Definitions.both(name + "_", function: false) { a, site in
                let x = try site.input(a)
                if x.requiresGrad && GradMode.isEnabled {
                    throw PyError.notImplemented("in-place Tensor.\(name)_() on a tensor that requires grad is not supported by wick; use \(name)() instead")
                }
                let result = try op(x)
                if result.dtype != x.dtype && !(result.dtype.isFloatingPoint && x.dtype.isFloatingPoint) {
                    throw PyError.runtime("result type \(result.dtype.scalarTypeName) can't be cast to the desired output type \(x.dtype.scalarTypeName)")
                }
                _ = try x.copyInPlace(result)
                return a[0]
            }
        }
        for (name, isLog) in [("softmax", false), ("log_softmax", true)] {
            Definitions.both(name, "dim, dtype=") { a, site in
                let x = try site.input(a), dim = try Args.int(a[1], site, "dim", 1), dtype = try Args.dtype(a.optional(2), site)
                return wrap(isLog ? try x.logSoftmax(dim: dim, dtype: dtype) : try x.softmax(dim: dim, dtype: dtype))
            }
        }
    }

    /// Unary ops the engine does in place itself.
    static let inPlaceUnaryOps: [(String, (Tensor) throws -> Tensor)] = [
        ("abs", { try $0.absInPlace() }), ("ceil", { try $0.ceilInPlace() }), ("cos", { try $0.cosInPlace() }),
        ("erf", { try $0.erfInPlace() }), ("exp", { try $0.expInPlace() }), ("floor", { try $0.floorInPlace() }),
        ("log", { try $0.logInPlace() }), ("neg", { try $0.negInPlace() }), ("reciprocal", { try $0.reciprocalInPlace() }),
        ("relu", { try $0.reluInPlace() }), ("rsqrt", { try $0.rsqrtInPlace() }), ("sigmoid", { try $0.sigmoidInPlace() }),
        ("sign", { try $0.signInPlace() }), ("sin", { try $0.sinInPlace() }), ("sqrt", { try $0.sqrtInPlace() }),
        ("square", { try $0.squareInPlace() }), ("tan", { try $0.tanInPlace() }), ("tanh", { try $0.tanhInPlace() }),
    ]

    static func installBinary() {
        Definitions.both("add", "other, *, alpha=") { a, site in
            let x = try site.input(a), alpha = try a.optional(2).map { try Args.scalar($0, site, "alpha", 2) } ?? 1
            return wrap(try apply(try Args.operand(a[1], site, "other", 1), { try x.add($0, alpha: alpha) }, { try x.add($0, alpha: alpha) }))
        }
        Definitions.both("sub", "other, *, alpha=") { a, site in
            let x = try site.input(a), alpha = try a.optional(2).map { try Args.scalar($0, site, "alpha", 2) } ?? 1
            return wrap(try apply(try Args.operand(a[1], site, "other", 1), { try x.sub($0, alpha: alpha) }, { try x.sub($0, alpha: alpha) }))
        }
        Definitions.alias("subtract", "sub")
        Definitions.both("rsub", "other, *, alpha=", method: false) { a, site in
            let x = try site.input(a), alpha = try a.optional(2).map { try Args.scalar($0, site, "alpha", 2) } ?? 1
            return wrap(try apply(try Args.operand(a[1], site, "other", 1), { try x.rsub($0, alpha: alpha) }, { try x.rsub($0, alpha: alpha) }))
        }
        Definitions.both("mul", "other") { a, site in
            let x = try site.input(a)
            return wrap(try apply(try Args.operand(a[1], site, "other", 1), { try x.mul($0) }, { try x.mul($0) }))
        }
        Definitions.alias("multiply", "mul")
        Definitions.both("div", "other, *, rounding_mode=") { a, site in
            let x = try site.input(a)
            let mode = try a.optional(2).map { try Args.string($0, site, "rounding_mode", 2) }
            return wrap(try apply(try Args.operand(a[1], site, "other", 1),
                                  { try x.div($0, roundingMode: mode) }, { try x.div($0, roundingMode: mode) }))
        }
        Definitions.alias("divide", "div")
        Definitions.alias("true_divide", "div")
        Definitions.both("pow", "exponent") { a, site in
            if !site.isMethod, let base = Args.scalarOrNil(a[0]) {
                return wrap(try Tensor.pow(base, try Args.tensor(a[1], site, "exponent", 1)))
            }
            let x = try site.input(a)
            return wrap(try apply(try Args.operand(a[1], site, "exponent", 1), { try x.pow($0) }, { try x.pow($0) }))
        }
        let simple: [(String, String, (Tensor, Tensor) throws -> Tensor, (Tensor, Scalar) throws -> Tensor)] = [
            ("remainder", "other", { try $0.remainder($1) }, { try $0.remainder($1) }),
            ("fmod", "other", { try $0.fmod($1) }, { try $0.fmod($1) }),
            ("floor_divide", "other", { try $0.floorDivide($1) }, { try $0.floorDivide($1) }),
            ("eq", "other", { try $0.eq($1) }, { try $0.eq($1) }), ("ne", "other", { try $0.ne($1) }, { try $0.ne($1) }),
            ("lt", "other", { try $0.lt($1) }, { try $0.lt($1) }), ("le", "other", { try $0.le($1) }, { try $0.le($1) }),
            ("gt", "other", { try $0.gt($1) }, { try $0.gt($1) }), ("ge", "other", { try $0.ge($1) }, { try $0.ge($1) }),
            ("bitwise_and", "other", { try $0.bitwiseAnd($1) }, { try $0.bitwiseAnd($1) }),
            ("bitwise_or", "other", { try $0.bitwiseOr($1) }, { try $0.bitwiseOr($1) }),
            ("bitwise_xor", "other", { try $0.bitwiseXor($1) }, { try $0.bitwiseXor($1) }),
        ]
        for (name, param, t, s) in simple {
            Definitions.both(name, param) { a, site in
                let x = try site.input(a)
                return wrap(try apply(try Args.operand(a[1], site, param, 1), { try t(x, $0) }, { try s(x, $0) }))
            }
        }
        for (alias, name) in [("greater", "gt"), ("greater_equal", "ge"), ("less", "lt"), ("less_equal", "le"), ("not_equal", "ne")] {
            Definitions.alias(alias, name)
        }
        let tensorPairs: [(String, String, (Tensor, Tensor) throws -> Tensor)] = [
            ("maximum", "other", { try $0.maximum($1) }), ("minimum", "other", { try $0.minimum($1) }),
            ("logical_and", "other", { try $0.logicalAnd($1) }), ("logical_or", "other", { try $0.logicalOr($1) }),
            ("logical_xor", "other", { try $0.logicalXor($1) }),
            ("matmul", "other", { try $0.matmul($1) }), ("mm", "mat2", { try $0.mm($1) }), ("bmm", "mat2", { try $0.bmm($1) }),
            ("mv", "vec", { try $0.mv($1) }), ("dot", "tensor", { try $0.dot($1) }), ("outer", "vec2", { try $0.outer($1) }),
            ("ger", "vec2", { try $0.outer($1) }), ("expand_as", "other", { try $0.expandAs($1) }),
            ("type_as", "other", { try $0.typeAs($1) }), ("view_as", "other", { try $0.view($1.shape) }),
            ("reshape_as", "other", { try $0.reshape($1.shape) }),
        ]
        for (name, param, op) in tensorPairs {
            let methodOnly = ["expand_as", "type_as", "view_as", "reshape_as"].contains(name)
            Definitions.both(name, param, function: !methodOnly) { a, site in
                wrap(try op(try site.input(a), try Args.tensor(a[1], site, param, 1)))
            }
        }
        Definitions.both("addmm", "mat1, mat2, *, beta=, alpha=") { a, site in
            let x = try site.input(a)
            let beta = try a.optional(3).map { try Args.scalar($0, site, "beta", 3) } ?? 1
            let alpha = try a.optional(4).map { try Args.scalar($0, site, "alpha", 4) } ?? 1
            return wrap(try x.addmm(try Args.tensor(a[1], site, "mat1", 1), try Args.tensor(a[2], site, "mat2", 2), beta: beta, alpha: alpha))
        }
        Definitions.both("lerp", "end, weight") { a, site in
            let x = try site.input(a), end = try Args.tensor(a[1], site, "end", 1)
            if let w = a[2] as? TensorObject { return wrap(try x.lerp(end, w.tensor)) }
            return wrap(try x.lerp(end, try Args.scalar(a[2], site, "weight", 2)))
        }
        for name in ["clamp", "clip"] {
            Definitions.both(name, "min=, max=") { a, site in
                let x = try site.input(a)
                let lo = a.optional(1), hi = a.optional(2)
                if lo == nil && hi == nil { throw PyError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None") }
                if lo is TensorObject || hi is TensorObject {
                    return wrap(try x.clamp(min: try Args.optionalTensor(lo, site, "min", 1), max: try Args.optionalTensor(hi, site, "max", 2)))
                }
                return wrap(try x.clamp(min: try lo.map { try Args.scalar($0, site, "min", 1) }, max: try hi.map { try Args.scalar($0, site, "max", 2) }))
            }
        }
        Definitions.both("where", "condition, other", function: false) { a, site in
            let x = try site.input(a), cond = try Args.tensor(a[1], site, "condition", 1)
            return wrap(try apply(try Args.operand(a[2], site, "other", 2), { try x.where(cond, $0) }, { try x.where(cond, $0) }))
        }
        Definitions.function("where", "condition, input=, other=") { a in
            let site = ArgumentSite("where", isMethod: false)
            let cond = try Args.tensor(a[0], site, "condition", 0)
            guard let input = a.optional(1), let other = a.optional(2) else {
                return TensorObject.wrapTuple(Tensor.where(cond))
            }
            switch (try Args.operand(input, site, "input", 1), try Args.operand(other, site, "other", 2)) {
            case let (.tensor(x), .tensor(y)): return wrap(try Tensor.where(cond, x, y))
            case let (.tensor(x), .scalar(y)): return wrap(try Tensor.where(cond, x, y))
            case let (.scalar(x), .tensor(y)): return wrap(try Tensor.where(cond, x, y))
            case let (.scalar(x), .scalar(y)): return wrap(try Tensor.where(cond, x, y))
            }
        }
        Definitions.both("masked_fill", "mask, value") { a, site in
            let x = try site.input(a), mask = try Args.tensor(a[1], site, "mask", 1)
            if let v = a[2] as? TensorObject { return wrap(try x.maskedFill(mask, value: v.tensor)) }
            return wrap(try x.maskedFill(mask, value: try Args.scalar(a[2], site, "value", 2)))
        }
        Definitions.both("allclose", "other, rtol=, atol=, equal_nan=") { a, site in
            let x = try site.input(a), y = try Args.tensor(a[1], site, "other", 1)
            return PyBool.make(try x.allclose(y, rtol: try a.optional(2).map { try Args.double($0, site, "rtol", 2) } ?? 1e-5,
                                              atol: try a.optional(3).map { try Args.double($0, site, "atol", 3) } ?? 1e-8,
                                              equalNan: try a.optional(4).map { try Args.bool($0, site, "equal_nan", 4) } ?? false))
        }
        Definitions.both("isclose", "other, rtol=, atol=, equal_nan=") { a, site in
            let x = try site.input(a), y = try Args.tensor(a[1], site, "other", 1)
            return wrap(try x.isclose(y, rtol: try a.optional(2).map { try Args.double($0, site, "rtol", 2) } ?? 1e-5,
                                      atol: try a.optional(3).map { try Args.double($0, site, "atol", 3) } ?? 1e-8,
                                      equalNan: try a.optional(4).map { try Args.bool($0, site, "equal_nan", 4) } ?? false))
        }
        Definitions.both("equal", "other") { a, site in
            PyBool.make(try site.input(a).equal(try Args.tensor(a[1], site, "other", 1)))
        }
    }

    static func installInPlace() {
        Definitions.both("add_", "other, *, alpha=", function: false) { a, site in
            let x = try site.input(a), alpha = try a.optional(2).map { try Args.scalar($0, site, "alpha", 2) } ?? 1
            _ = try apply(try Args.operand(a[1], site, "other", 1), { try x.addInPlace($0, alpha: alpha) }, { try x.addInPlace($0, alpha: alpha) })
            return a[0]
        }
        Definitions.both("sub_", "other, *, alpha=", function: false) { a, site in
            let x = try site.input(a), alpha = try a.optional(2).map { try Args.scalar($0, site, "alpha", 2) } ?? 1
            _ = try apply(try Args.operand(a[1], site, "other", 1), { try x.subInPlace($0, alpha: alpha) }, { try x.subInPlace($0, alpha: alpha) })
            return a[0]
        }
        Definitions.both("mul_", "other", function: false) { a, site in
            let x = try site.input(a)
            _ = try apply(try Args.operand(a[1], site, "other", 1), { try x.mulInPlace($0) }, { try x.mulInPlace($0) })
            return a[0]
        }
        Definitions.both("div_", "other, *, rounding_mode=", function: false) { a, site in
            let x = try site.input(a), mode = try a.optional(2).map { try Args.string($0, site, "rounding_mode", 2) }
            _ = try apply(try Args.operand(a[1], site, "other", 1), { try x.divInPlace($0, roundingMode: mode) }, { try x.divInPlace($0, roundingMode: mode) })
            return a[0]
        }
        Definitions.both("pow_", "exponent", function: false) { a, site in
            let x = try site.input(a)
            _ = try apply(try Args.operand(a[1], site, "exponent", 1), { try x.powInPlace($0) }, { try x.powInPlace($0) })
            return a[0]
        }
        for name in ["clamp_", "clip_"] {
            Definitions.both(name, "min=, max=", function: false) { a, site in
                let x = try site.input(a), lo = a.optional(1), hi = a.optional(2)
                if lo == nil && hi == nil { throw PyError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None") }
                if lo is TensorObject || hi is TensorObject {
                    _ = try x.clampInPlace(min: try Args.optionalTensor(lo, site, "min", 1), max: try Args.optionalTensor(hi, site, "max", 2))
                } else {
                    _ = try x.clampInPlace(min: try lo.map { try Args.scalar($0, site, "min", 1) }, max: try hi.map { try Args.scalar($0, site, "max", 2) })
                }
                return a[0]
            }
        }
        Definitions.both("zero_", function: false) { a, site in _ = try site.input(a).zeroInPlace(); return a[0] }
        Definitions.both("fill_", "value", function: false) { a, site in
            let x = try site.input(a)
            if let v = a[1] as? TensorObject { _ = try x.fillInPlace(v.tensor) } else { _ = try x.fillInPlace(try Args.scalar(a[1], site, "value", 1)) }
            return a[0]
        }
        Definitions.both("copy_", "src, non_blocking=", function: false) { a, site in
            _ = try site.input(a).copyInPlace(try Args.tensor(a[1], site, "src", 1)); return a[0]
        }
        Definitions.both("masked_fill_", "mask, value", function: false) { a, site in
            let x = try site.input(a), mask = try Args.tensor(a[1], site, "mask", 1)
            if let v = a[2] as? TensorObject { _ = try x.maskedFillInPlace(mask, value: v.tensor) }
            else { _ = try x.maskedFillInPlace(mask, value: try Args.scalar(a[2], site, "value", 2)) }
            return a[0]
        }
        Definitions.both("uniform_", "from_=, to=, *, generator=", function: false) { a, site in
            let x = try site.input(a)
            _ = try x.uniformInPlace(from: try a.optional(1).map { try Args.double($0, site, "from", 1) } ?? 0,
                                     to: try a.optional(2).map { try Args.double($0, site, "to", 2) } ?? 1,
                                     generator: try Args.generator(a.optional(3)))
            return a[0]
        }
        Definitions.both("normal_", "mean=, std=, *, generator=", function: false) { a, site in
            let x = try site.input(a)
            _ = try x.normalInPlace(mean: try a.optional(1).map { try Args.double($0, site, "mean", 1) } ?? 0,
                                    std: try a.optional(2).map { try Args.double($0, site, "std", 2) } ?? 1,
                                    generator: try Args.generator(a.optional(3)))
            return a[0]
        }
        Definitions.both("bernoulli_", "p=, *, generator=", function: false) { a, site in
            let x = try site.input(a), g = try Args.generator(a.optional(2))
            if let p = a.optional(1) as? TensorObject { _ = try x.bernoulliInPlace(p.tensor, generator: g) }
            else { _ = try x.bernoulliInPlace(p: try a.optional(1).map { try Args.double($0, site, "p", 1) } ?? 0.5, generator: g) }
            return a[0]
        }
        Definitions.both("exponential_", "lambd=, *, generator=", function: false) { a, site in
            _ = try site.input(a).exponentialInPlace(lambda: try a.optional(1).map { try Args.double($0, site, "lambd", 1) } ?? 1,
                                                     generator: try Args.generator(a.optional(2)))
            return a[0]
        }
        Definitions.both("random_", "from_=, to=, *, generator=", function: false) { a, site in
            let x = try site.input(a), g = try Args.generator(a.optional(3))
            let from = try Args.optionalInt(a.optional(1), site, "from", 1), to = try Args.optionalInt(a.optional(2), site, "to", 2)
            switch (from, to) {
            case (nil, nil): _ = try x.randomInPlace(generator: g)
            case (let f?, nil): _ = try x.randomInPlace(to: Int64(f), generator: g)
            case (let f, let t): _ = try x.randomInPlace(from: Int64(f ?? 0), to: t.map { Int64($0) }, generator: g)
            }
            return a[0]
        }
    }
}
