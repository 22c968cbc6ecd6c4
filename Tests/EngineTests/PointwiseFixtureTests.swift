import Foundation
import XCTest
@testable import Engine

/// Runs ops.json cases of the pointwise family through wick: the same call (function,
/// method, operator or in-place form), then the forward value, dtype and shape, the grad_fn
/// name, the gradients after `backward(grad_output)`, and error types and messages.
enum PointwiseFixtures {
    /// Dtypes wick does not have; cases using them are skipped.
    static let unsupportedDTypes: Set<String> = ["int8", "uint8", "int16", "float16", "bfloat16", "complex64"]

    /// Checks every case of `ops`, returning how many ran (so tests can insist on coverage).
    @discardableResult
    static func check(_ ops: Set<String>, skip: Set<String> = [], file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        try check(Fixtures.opCases(ops), skip: skip, file: file, line: line)
    }

    /// Checks every case of a fixture file of the ops.json format (pointwise.json).
    @discardableResult
    static func check(file name: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        guard let raw = try Fixtures.load(name)["cases"] as? [[String: Any]] else { throw FixtureError("\(name) has no cases") }
        return try check(raw.map(OpCase.init), skip: [], file: file, line: line)
    }

    private static func check(_ cases: [OpCase], skip: Set<String>, file: StaticString, line: UInt) throws -> Int {
        var ran = 0
        for c in cases where !skip.contains(c.id) && !usesUnsupportedDType(c) {
            try check(c, file: file, line: line)
            ran += 1
        }
        return ran
    }

    static func usesUnsupportedDType(_ c: OpCase) -> Bool {
        let specs = (c.raw["inputs"] as? [[String: Any]] ?? []) + c.outputs
        return specs.contains { unsupportedDTypes.contains($0["dtype"] as? String ?? "") }
    }

    static func check(_ c: OpCase, file: StaticString, line: UInt) throws {
        let inputs = try c.inputs()
        let result: Any
        do {
            result = try PointwiseCall.invoke(c, inputs)
        } catch let error as TensorError {
            if let expected = c.error {
                XCTAssertEqual(error.kind.rawValue, expected.type, "\(c.id): error type", file: file, line: line)
                XCTAssertEqual(error.message, expected.message, "\(c.id): error message", file: file, line: line)
            } else {
                XCTFail("\(c.id): unexpected error \(error)", file: file, line: line)
            }
            return
        }
        if let expected = c.error {
            XCTFail("\(c.id): expected \(expected.type): \(expected.message)", file: file, line: line)
            return
        }
        switch result {
        case let flag as Bool:
            let want = (c.raw["output"] as? [String: Any])?["scalar"] as? Bool
            XCTAssertEqual(flag, want, "\(c.id): result", file: file, line: line)
            return
        case let list as [Tensor]:
            XCTAssertEqual(list.count, c.outputs.count, "\(c.id): number of outputs", file: file, line: line)
            for (t, spec) in zip(list, c.outputs) { assertMatches(t, spec, c.id, file: file, line: line) }
            return
        default: break
        }
        guard let out = result as? Tensor else { XCTFail("\(c.id): no tensor result", file: file, line: line); return }
        assertMatches(out, c.outputs.first, "\(c.id): output", file: file, line: line)
        XCTAssertEqual(out.gradFn?.name, c.gradFn, "\(c.id): grad_fn", file: file, line: line)
        guard let go = c.gradOutput else { return }
        do {
            try out.backward(gradient: fixtureTensor(go))
        } catch let error as TensorError {
            let expected = c.raw["backward_error"] as? [String: Any]
            XCTAssertEqual(error.message, expected?["message"] as? String, "\(c.id): backward error", file: file, line: line)
            return
        }
        XCTAssertNil(c.raw["backward_error"], "\(c.id): backward should fail", file: file, line: line)
        for (i, want) in c.grads.enumerated() where i < inputs.count {
            assertMatches(inputs[i].grad, want, "\(c.id): grad of input \(i)", file: file, line: line)
        }
    }
}

/// Calls the op a fixture case names, the way the Python call in make_fixtures.py did.
enum PointwiseCall {
    static func invoke(_ c: OpCase, _ inputs: [Tensor]) throws -> Any {
        var args = c.args.indices.map { c.arg($0, inputs) }
        if c.isMethod { args.insert(inputs.first, at: 0) }
        let kw = { (name: String) -> Any? in c.kwargs[name] == nil ? nil : c.kwarg(name, inputs) }
        guard let first = args.first ?? nil else { throw FixtureError("\(c.id): no first argument") }
        guard let x = first as? Tensor else {
            // A number first: pow(2.0, t), where(cond...) never; only the scalar-base forms.
            guard let base = scalar(first), let t = args.count > 1 ? args[1] as? Tensor : nil else {
                throw FixtureError("\(c.id): unsupported call")
            }
            switch c.op {
            case "pow": return try Tensor.pow(base, t)
            case "remainder": return try Tensor.remainder(base, t)
            default: throw FixtureError("\(c.id): unsupported scalar-first op")
            }
        }
        let rest = Array(args.dropFirst())
        if c.op == "where" {
            // torch.where(cond, a, b), torch.where(cond), or the method a.where(cond, b).
            if rest.isEmpty { return Tensor.where(x) }
            guard rest.count == 2 else { throw FixtureError("\(c.id): where arguments") }
            let (cond, a, b) = c.isMethod ? (try tensor(rest[0]), Operand.tensor(x), try operand(rest[1]))
                                          : (x, try operand(rest[0]), try operand(rest[1]))
            switch (a, b) {
            case let (.tensor(a), .tensor(b)): return try Tensor.where(cond, a, b)
            case let (.tensor(a), .scalar(b)): return try Tensor.where(cond, a, b)
            case let (.scalar(a), .tensor(b)): return try Tensor.where(cond, a, b)
            case let (.scalar(a), .scalar(b)): return try Tensor.where(cond, a, b)
            }
        }
        if let r = try PointwiseCall.unary(c.op, x, rest, kw) { return r }
        if let r = try PointwiseCall.binary(c.op, x, rest, kw) { return r }
        if let r = try PointwiseCall.comparison(c.op, x, rest, kw) { return r }
        throw FixtureError("\(c.id): op \(c.op) not dispatched")
    }

    /// A Python number argument as a Scalar (bools, ints and floats keep their kind).
    static func scalar(_ value: Any?) -> Scalar? {
        if let dict = value as? [String: Any], let f = dict["float"] { return .double(fixtureDouble(f)) }
        guard let n = value as? NSNumber else { return nil }
        switch String(cString: n.objCType) {
        case "c", "B": return .bool(n.boolValue)
        case "d", "f": return .double(n.doubleValue)
        default: return .int(n.int64Value)
        }
    }

    static func operand(_ value: Any?) throws -> Operand {
        if let t = value as? Tensor { return .tensor(t) }
        if let s = scalar(value) { return .scalar(s) }
        throw FixtureError("argument \(String(describing: value)) is neither a tensor nor a number")
    }

    static func tensor(_ value: Any?) throws -> Tensor {
        guard let t = value as? Tensor else { throw FixtureError("expected a tensor argument") }
        return t
    }

    static func unary(_ op: String, _ x: Tensor, _ rest: [Any?], _ kw: (String) -> Any?) throws -> Any? {
        switch op {
        case "neg", "__neg__": return try x.neg()
        case "exp": return try x.exp()
        case "sin": return try x.sin()
        case "cos": return try x.cos()
        case "tan": return try x.tan()
        case "tanh": return try x.tanh()
        case "sigmoid": return try x.sigmoid()
        case "abs", "__abs__": return try x.abs()
        case "sign": return try x.sign()
        case "floor": return try x.floor()
        case "ceil": return try x.ceil()
        case "round": return try x.round(decimals: (kw("decimals") as? NSNumber)?.intValue)
        case "relu": return try x.relu()
        case "square": return try x.square()
        case "erf": return try x.erf()
        case "reciprocal": return try x.reciprocal()
        case "sqrt": return try x.sqrt()
        case "rsqrt": return try x.rsqrt()
        case "log": return try x.log()
        case "log1p": return try x.log1p()
        case "expm1": return try x.expm1()
        case "log2": return try x.log2()
        case "__pos__": return x
        case "neg_": return try x.negInPlace()
        case "tanh_": return try x.tanhInPlace()
        case "sin_": return try x.sinInPlace()
        case "log_": return try x.logInPlace()
        case "floor_": return try x.floorInPlace()
        case "reciprocal_": return try x.reciprocalInPlace()
        case "sign_": return try x.signInPlace()
        case "square_": return try x.squareInPlace()
        case "rsqrt_": return try x.rsqrtInPlace()
        case "expm1_": return try x.expm1InPlace()
        case "erf_": return try x.erfInPlace()
        case "round_": return try x.roundInPlace(decimals: (kw("decimals") as? NSNumber)?.intValue)
        case "exp_": return try x.expInPlace()
        case "abs_": return try x.absInPlace()
        case "sqrt_": return try x.sqrtInPlace()
        case "relu_": return try x.reluInPlace()
        case "sigmoid_": return try x.sigmoidInPlace()
        case "pow_":
            if let s = scalar(rest.first ?? nil) { return try x.powInPlace(s) }
            return try x.powInPlace(tensor(rest.first ?? nil))
        case "zero_": return try x.zeroInPlace()
        case "fill_":
            if let t = rest.first as? Tensor { return try x.fillInPlace(t) }
            guard let s = scalar(rest.first ?? nil) else { throw FixtureError("fill_ value") }
            return try x.fillInPlace(s)
        case "copy_": return try x.copyInPlace(tensor(rest.first ?? nil))
        default: return nil
        }
    }

    static func binary(_ op: String, _ x: Tensor, _ rest: [Any?], _ kw: (String) -> Any?) throws -> Any? {
        let other = { try operand(rest.first ?? nil) }
        let alpha = scalar(kw("alpha")) ?? 1
        switch op {
        case "add", "__add__": return try x.add(other(), alpha: alpha)
        case "sub", "__sub__": return try x.sub(other(), alpha: alpha)
        case "mul", "__mul__": return try x.mul(other())
        case "div", "__truediv__":
            guard let mode = kw("rounding_mode") else { return try x.div(other(), mode: nil, name: "DivBackward0") }
            return try x.div(other(), mode: mode as? String, name: "DivBackward2")
        case "__radd__": return try scalarOrFail(rest) + x
        case "__rsub__": return try scalarOrFail(rest) - x
        case "__rmul__": return try scalarOrFail(rest) * x
        case "__rtruediv__": return try scalarOrFail(rest) / x
        case "__rfloordiv__": return try Tensor.floorDivide(scalarOrFail(rest), x)
        case "__rmod__": return try scalarOrFail(rest) % x
        case "__rpow__": return try Tensor.pow(scalarOrFail(rest), x)
        case "add_": return try x.addInPlace(other(), alpha: alpha)
        case "sub_":
            if let s = scalar(rest.first ?? nil) { return try x.subInPlace(s, alpha: alpha) }
            return try x.subInPlace(tensor(rest.first ?? nil), alpha: alpha)
        case "mul_": return try x.mulInPlace(other())
        case "div_":
            guard let mode = kw("rounding_mode") else { return try x.divInPlace(other(), mode: nil, name: "DivBackward0") }
            return try x.divInPlace(other(), mode: mode as? String, name: "DivBackward2")
        case "floor_divide", "__floordiv__":
            if let s = scalar(rest.first ?? nil) { return try x.floorDivide(s) }
            return try x.floorDivide(tensor(rest.first ?? nil))
        case "remainder", "__mod__":
            if let s = scalar(rest.first ?? nil) { return try x % s }
            return try x % tensor(rest.first ?? nil)
        case "fmod":
            if let s = scalar(rest.first ?? nil) { return try x.fmod(s) }
            return try x.fmod(tensor(rest.first ?? nil))
        case "pow", "__pow__":
            if let s = scalar(rest.first ?? nil) { return try x.pow(s) }
            return try x.pow(tensor(rest.first ?? nil))
        case "maximum", "minimum":
            guard let t = rest.first as? Tensor else {
                let kind = rest.first is NSNumber ? (scalar(rest.first ?? nil)?.isFloatingPoint == true ? "float" : "int") : "?"
                throw TensorError.type("\(op)(): argument 'other' (position 2) must be Tensor, not \(kind)")
            }
            return op == "maximum" ? try x.maximum(t) : try x.minimum(t)
        case "lerp":
            let end = try tensor(rest.first ?? nil)
            if let w = scalar(rest.count > 1 ? rest[1] : nil) { return try x.lerp(end, w) }
            return try x.lerp(end, tensor(rest.count > 1 ? rest[1] : nil))
        case "clamp", "clip", "clamp_", "clip_":
            let lo = rest.first ?? kw("min"), hi = rest.count > 1 ? rest[1] : kw("max")
            if lo is Tensor || hi is Tensor {
                return op == "clamp_" ? try x.clampInPlace(min: lo as? Tensor, max: hi as? Tensor)
                    : try x.clamp(min: lo as? Tensor, max: hi as? Tensor)
            }
            if op == "clamp_" { return try x.clampInPlace(min: scalar(lo), max: scalar(hi)) }
            if op == "clip_" { return try x.clipInPlace(min: scalar(lo), max: scalar(hi)) }
            return op == "clip" ? try x.clip(min: scalar(lo), max: scalar(hi)) : try x.clamp(min: scalar(lo), max: scalar(hi))
        default: return nil
        }
    }

    static func comparison(_ op: String, _ x: Tensor, _ rest: [Any?], _ kw: (String) -> Any?) throws -> Any? {
        let other = { try operand(rest.first ?? nil) }
        func compare(_ t: (Tensor) throws -> Tensor, _ s: (Scalar) throws -> Tensor) throws -> Tensor {
            switch try other() {
            case .tensor(let o): return try t(o)
            case .scalar(let v): return try s(v)
            }
        }
        switch op {
        case "eq", "__eq__": return try compare({ try x .== $0 }, { try x .== $0 })
        case "ne", "__ne__": return try compare({ try x .!= $0 }, { try x .!= $0 })
        case "lt", "__lt__": return try compare({ try x .< $0 }, { try x .< $0 })
        case "le", "__le__": return try compare({ try x .<= $0 }, { try x .<= $0 })
        case "gt", "__gt__": return try compare({ try x .> $0 }, { try x .> $0 })
        case "ge", "__ge__": return try compare({ try x .>= $0 }, { try x .>= $0 })
        case "isnan": return x.isnan()
        case "isinf": return x.isinf()
        case "isfinite": return x.isfinite()
        case "allclose":
            return try x.allclose(tensor(rest.first ?? nil), rtol: (kw("rtol") as? NSNumber)?.doubleValue ?? 1e-05,
                                  atol: (kw("atol") as? NSNumber)?.doubleValue ?? 1e-08,
                                  equalNan: (kw("equal_nan") as? NSNumber)?.boolValue ?? false)
        case "equal": return try x.equal(tensor(rest.first ?? nil))
        case "logical_and": return try x.logicalAnd(tensor(rest.first ?? nil))
        case "logical_or": return try x.logicalOr(tensor(rest.first ?? nil))
        case "logical_xor": return try x.logicalXor(tensor(rest.first ?? nil))
        case "logical_not": return x.logicalNot()
        case "__invert__": return try ~x
        case "__and__": return try compare({ try x & $0 }, { try x & $0 })
        case "__or__": return try compare({ try x | $0 }, { try x | $0 })
        case "__xor__": return try compare({ try x ^ $0 }, { try x ^ $0 })
        default: return nil
        }
    }

    private static func scalarOrFail(_ rest: [Any?]) throws -> Scalar {
        guard let s = scalar(rest.first ?? nil) else { throw FixtureError("expected a number argument") }
        return s
    }
}
