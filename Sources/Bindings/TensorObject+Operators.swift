import Engine
import Script

/// Python operators on tensors: arithmetic (with reflected and in-place forms), comparisons,
/// unary operators, truth and number conversions, `len`, iteration, `in`, `format`.
///
/// These are the hot paths of a training loop, so they take raw arguments (no signature
/// binding) and return NotImplemented for operands that are neither tensors nor numbers.
extension TensorObject {
    /// Defines `name` as a raw two-argument operator: (self, other) → result or NotImplemented.
    private static func binaryOperator(_ name: String, _ body: @escaping (Tensor, TensorOrScalar) throws -> Tensor) {
        tensorClass.define(name, "") { a in
            guard a.rest.count == 2, let me = a.rest[0] as? TensorObject else {
                throw PyError.type("expected 1 argument, got \(max(0, a.rest.count - 1))")
            }
            guard let other = Args.operandOrNil(a.rest[1]) else { return PyNotImplemented.shared }
            return try bridge { wrap(try body(me.tensor, other)) }
        }
    }

    /// Defines an in-place operator: applies `body` to self and returns self.
    private static func inPlaceOperator(_ name: String, _ body: @escaping (Tensor, TensorOrScalar) throws -> Tensor) {
        tensorClass.define(name, "") { a in
            guard a.rest.count == 2, let me = a.rest[0] as? TensorObject else {
                throw PyError.type("expected 1 argument, got \(max(0, a.rest.count - 1))")
            }
            guard let other = Args.operandOrNil(a.rest[1]) else { return PyNotImplemented.shared }
            _ = try bridge { try body(me.tensor, other) }
            return me
        }
    }

    static func installOperators() {
        binaryOperator("__add__") { x, o in try apply(o, { try x.add($0) }, { try x.add($0) }) }
        binaryOperator("__radd__") { x, o in try apply(o, { try $0.add(x) }, { try x.add($0) }) }
        binaryOperator("__sub__") { x, o in try apply(o, { try x.sub($0) }, { try x.sub($0) }) }
        binaryOperator("__rsub__") { x, o in try apply(o, { try $0.sub(x) }, { try x.rsub($0) }) }
        binaryOperator("__mul__") { x, o in try apply(o, { try x.mul($0) }, { try x.mul($0) }) }
        binaryOperator("__rmul__") { x, o in try apply(o, { try $0.mul(x) }, { try x.mul($0) }) }
        binaryOperator("__truediv__") { x, o in try apply(o, { try x.div($0) }, { try x.div($0) }) }
        binaryOperator("__rtruediv__") { x, o in try apply(o, { try $0.div(x) }, { try x.reciprocal().mul($0) }) }
        binaryOperator("__floordiv__") { x, o in try apply(o, { try x.floorDivide($0) }, { try x.floorDivide($0) }) }
        binaryOperator("__rfloordiv__") { x, o in try apply(o, { try $0.floorDivide(x) }, { try Tensor.floorDivide($0, x) }) }
        binaryOperator("__mod__") { x, o in try apply(o, { try x.remainder($0) }, { try x.remainder($0) }) }
        binaryOperator("__rmod__") { x, o in try apply(o, { try $0.remainder(x) }, { try Tensor.remainder($0, x) }) }
        binaryOperator("__pow__") { x, o in try apply(o, { try x.pow($0) }, { try x.pow($0) }) }
        binaryOperator("__rpow__") { x, o in try apply(o, { try $0.pow(x) }, { try Tensor.pow($0, x) }) }
        binaryOperator("__matmul__") { x, o in
            guard case .tensor(let y) = o else { throw PyError.type("unsupported operand type(s) for @: 'Tensor' and '\(o.typeName)'") }
            return try x.matmul(y)
        }
        binaryOperator("__rmatmul__") { x, o in
            guard case .tensor(let y) = o else { throw PyError.type("unsupported operand type(s) for @: '\(o.typeName)' and 'Tensor'") }
            return try y.matmul(x)
        }
        binaryOperator("__and__") { x, o in try apply(o, { try x.bitwiseAnd($0) }, { try x.bitwiseAnd($0) }) }
        binaryOperator("__rand__") { x, o in try apply(o, { try $0.bitwiseAnd(x) }, { try x.bitwiseAnd($0) }) }
        binaryOperator("__or__") { x, o in try apply(o, { try x.bitwiseOr($0) }, { try x.bitwiseOr($0) }) }
        binaryOperator("__ror__") { x, o in try apply(o, { try $0.bitwiseOr(x) }, { try x.bitwiseOr($0) }) }
        binaryOperator("__xor__") { x, o in try apply(o, { try x.bitwiseXor($0) }, { try x.bitwiseXor($0) }) }
        binaryOperator("__rxor__") { x, o in try apply(o, { try $0.bitwiseXor(x) }, { try x.bitwiseXor($0) }) }

        inPlaceOperator("__iadd__") { x, o in try apply(o, { try x.addInPlace($0) }, { try x.addInPlace($0) }) }
        inPlaceOperator("__isub__") { x, o in try apply(o, { try x.subInPlace($0) }, { try x.subInPlace($0) }) }
        inPlaceOperator("__imul__") { x, o in try apply(o, { try x.mulInPlace($0) }, { try x.mulInPlace($0) }) }
        inPlaceOperator("__itruediv__") { x, o in try apply(o, { try x.divInPlace($0) }, { try x.divInPlace($0) }) }
        inPlaceOperator("__ipow__") { x, o in try apply(o, { try x.powInPlace($0) }, { try x.powInPlace($0) }) }
        tensorClass.define("__imatmul__", "") { a in
            throw PyError.runtime("In-place matmul is not supported. Use 'a = a @ b' instead of 'a @= b'.")
        }

        binaryOperator("__eq__") { x, o in try apply(o, { try x.eq($0) }, { try x.eq($0) }) }
        binaryOperator("__ne__") { x, o in try apply(o, { try x.ne($0) }, { try x.ne($0) }) }
        binaryOperator("__lt__") { x, o in try apply(o, { try x.lt($0) }, { try x.lt($0) }) }
        binaryOperator("__le__") { x, o in try apply(o, { try x.le($0) }, { try x.le($0) }) }
        binaryOperator("__gt__") { x, o in try apply(o, { try x.gt($0) }, { try x.gt($0) }) }
        binaryOperator("__ge__") { x, o in try apply(o, { try x.ge($0) }, { try x.ge($0) }) }

        let c = tensorClass
        c.method("__neg__", "") { a in wrap(try receiver(a).neg()) }
        c.method("__pos__", "") { a in wrap(try receiver(a)) }
        c.method("__abs__", "") { a in wrap(try receiver(a).abs()) }
        c.method("__invert__", "") { a in wrap(try receiver(a).bitwiseNot()) }
        installNumberProtocol()
    }

    /// `bool()`, `float()`, `int()`, `len()`, `iter()`, `in`, `format()` and `round()`.
    static func installNumberProtocol() {
        let c = tensorClass
        c.method("__bool__", "") { a in
            let x = try receiver(a)
            guard x.numel == 1 else {
                throw PyError.runtime("Boolean value of Tensor with \(x.numel == 0 ? "no values" : "more than one value") is ambiguous")
            }
            return PyBool.make(try x.item().doubleValue != 0)
        }
        c.method("__float__", "") { a in
            let x = try receiver(a)
            guard x.numel == 1 else { throw PyError.value("only one element tensors can be converted to Python scalars") }
            return PyFloat(try x.item().doubleValue)
        }
        c.method("__int__", "") { a in
            let x = try receiver(a)
            guard x.numel == 1 else { throw PyError.value("only one element tensors can be converted to Python scalars") }
            let v = try x.item()
            if case .double(let d) = v {
                guard d.isFinite else { throw d.isNaN ? PyError.value("cannot convert float NaN to integer") : PyError.overflow("cannot convert float infinity to integer") }
                guard abs(d) < 9.2e18 else { throw PyError.overflow() }
                return PyInt.make(Int64(d.rounded(.towardZero)))
            }
            return PyInt.make(v.int64Value)
        }
        c.method("__index__", "") { a in
            let x = try receiver(a)
            guard x.numel == 1, !x.dtype.isFloatingPoint else {
                throw PyError.type("only integer tensors of a single element can be converted to an index")
            }
            return PyInt.make(try x.item().int64Value)
        }
        c.method("__len__", "") { a in
            let x = try receiver(a)
            guard let n = x.shape.first else { throw PyError.type("len() of a 0-d tensor") }
            return PyInt.make(n)
        }
        c.method("__iter__", "") { a in
            let x = try receiver(a)
            guard x.dim > 0 else { throw PyError.type("iteration over a 0-d tensor") }
            let parts = try x.unbind(dim: 0)
            var i = 0
            return PyNativeIterator {
                guard i < parts.count else { return nil }
                defer { i += 1 }
                return wrap(parts[i])
            }
        }
        c.method("__contains__", "") { a in
            let x = try receiver(a)
            guard a.rest.count == 2, let element = Args.operandOrNil(a.rest[1]) else {
                throw PyError.runtime("Tensor.__contains__ only supports Tensor or scalar, but you passed in a \(a.rest.count == 2 ? pythonTypeName(a.rest[1]) : "nothing").")
            }
            let hit = try apply(element, { try x.eq($0) }, { try x.eq($0) }).any()
            return PyBool.make(try hit.item().doubleValue != 0)
        }
        c.method("__format__", "") { a in
            let x = try receiver(a)
            let spec = a.rest.count > 1 ? ((a.rest[1] as? PyStr)?.value ?? "") : ""
            if x.dim == 0 {
                let value = PyValues.number(try x.item())
                return try Runtime.invokeMethod(PyStr("{:\(spec)}"), "format", [value])
            }
            guard spec.isEmpty else { throw PyError.type("unsupported format string passed to Tensor.__format__") }
            return PyStr(describe(x))
        }
    }
}

extension TensorOrScalar {
    /// The Python type name of the operand (for messages).
    var typeName: String {
        switch self {
        case .tensor: return "Tensor"
        case .scalar(.bool): return "bool"
        case .scalar(.int): return "int"
        case .scalar(.double): return "float"
        }
    }
}
