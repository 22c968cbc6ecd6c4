import Foundation
import XCTest
@testable import Engine

/// The cases of `Tests/Fixtures/optim.json` (made by `make_optim_fixtures.py`) and decoders
/// for its encodings of Python values.
enum OptimFixtures {
    /// All cases, parsed once.
    static let all: [[String: Any]] = {
        (try? Fixtures.load("optim.json"))?["cases"] as? [[String: Any]] ?? []
    }()

    /// The cases of one kind ("optimizer", "scheduler", "error", "closure", "state_dict").
    static func cases(_ kind: String) -> [[String: Any]] {
        all.filter { $0["kind"] as? String == kind }
    }

    /// The case with `id` of `kind`.
    static func find(_ kind: String, _ id: String) -> [String: Any]? {
        cases(kind).first { $0["id"] as? String == id }
    }
}

/// Decodes the fixture's encoding of a Python value: {"int": n}, {"float": x}, {"tuple": […]},
/// {"list": […]}, {"tensor": {...}}, bools, strings and null.
func optimValue(_ json: Any?) -> OptimValue {
    switch json {
    case nil, is NSNull: return .none
    case let s as String: return .string(s)
    case let d as [String: Any]:
        if let i = d["int"] as? NSNumber { return .int(i.int64Value) }
        if let f = d["float"] { return .float(fixtureDouble(f)) }
        if let t = d["tuple"] as? [Any] { return .tuple(t.map(optimValue)) }
        if let l = d["list"] as? [Any] { return .list(l.map(optimValue)) }
        if let t = d["tensor"] as? [String: Any], let tensor = try? fixtureTensor(t) { return .tensor(tensor) }
        return .none
    case let n as NSNumber:
        // JSON true/false arrive as NSNumber too; only bools are written bare.
        return .bool(n.boolValue)
    default: return .none
    }
}

/// A keyword argument of a fixture as a Scalar (or `fallback` when absent).
func scalarArg(_ kwargs: [String: Any], _ key: String, _ fallback: Scalar) -> Scalar {
    optimValue(kwargs[key]).scalar ?? fallback
}

/// A boolean keyword argument of a fixture.
func boolArg(_ kwargs: [String: Any], _ key: String) -> Bool {
    (kwargs[key] as? Bool) ?? false
}

/// Compares an ordered option dict with the fixture's list of [key, value] pairs: the same
/// keys in the same order and equal values (numbers compare with their Python type).
func assertOptions(_ actual: OptionDict, _ expected: [[Any]], _ context: String,
                   file: StaticString = #filePath, line: UInt = #line) {
    let keys = expected.compactMap { $0.first as? String }
    XCTAssertEqual(actual.keys, keys, "\(context): keys", file: file, line: line)
    for pair in expected where pair.count == 2 {
        guard let key = pair[0] as? String else { continue }
        let want = optimValue(pair[1])
        guard let got = actual[key] else { continue }
        XCTAssertEqual(got.repr, want.repr, "\(context): \(key)", file: file, line: line)
        XCTAssertEqual(got.typeName, want.typeName, "\(context): type of \(key)", file: file, line: line)
    }
}

/// Builds the optimizer a fixture names, with its keyword arguments, over `groups` (or over
/// `params` as one group when `groups` is nil).
func makeOptimizer(_ name: String, _ kwargs: [String: Any], params: [Tensor], groups: [ParamGroup]?,
                   foreach: Bool? = false) throws -> Optimizer {
    let groups = try groups ?? Optimizer.singleGroup(params)
    let s = { (key: String, fallback: Scalar) in scalarArg(kwargs, key, fallback) }
    let b = { (key: String) in boolArg(kwargs, key) }
    func betas() -> (Scalar, Scalar) {
        if case .tuple(let t) = optimValue(kwargs["betas"]), t.count == 2, let b0 = t[0].scalar, let b1 = t[1].scalar {
            return (b0, b1)
        }
        return (0.9, 0.999)
    }
    switch name {
    case "SGD":
        return try SGD(groups: groups, lr: s("lr", 1e-3), momentum: s("momentum", 0), dampening: s("dampening", 0),
                       weightDecay: s("weight_decay", 0), nesterov: b("nesterov"), maximize: b("maximize"), foreach: foreach)
    case "Adam":
        return try Adam(groups: groups, lr: s("lr", 1e-3), betas: betas(), eps: s("eps", 1e-8),
                        weightDecay: s("weight_decay", 0), amsgrad: b("amsgrad"), foreach: foreach, maximize: b("maximize"))
    case "AdamW":
        return try AdamW(groups: groups, lr: s("lr", 1e-3), betas: betas(), eps: s("eps", 1e-8),
                         weightDecay: s("weight_decay", 1e-2), amsgrad: b("amsgrad"), maximize: b("maximize"), foreach: foreach)
    case "RMSprop":
        return try RMSprop(groups: groups, lr: s("lr", 1e-2), alpha: s("alpha", 0.99), eps: s("eps", 1e-8),
                           weightDecay: s("weight_decay", 0), momentum: s("momentum", 0), centered: b("centered"),
                           foreach: foreach, maximize: b("maximize"))
    case "Adagrad":
        return try Adagrad(groups: groups, lr: s("lr", 1e-2), lrDecay: s("lr_decay", 0), weightDecay: s("weight_decay", 0),
                           initialAccumulatorValue: s("initial_accumulator_value", 0), eps: s("eps", 1e-10),
                           foreach: foreach, maximize: b("maximize"))
    default:
        throw FixtureError("unknown optimizer \(name)")
    }
}

/// The parameter groups of a fixture: [[key, value]…, ["params", [indices]]] per group.
func fixtureGroups(_ json: Any?, _ params: [Tensor]) -> [ParamGroup]? {
    guard let groups = json as? [[[Any]]] else { return nil }
    return groups.map { pairs in
        var options = OptionDict()
        var members: [Tensor] = []
        for pair in pairs where pair.count == 2 {
            guard let key = pair[0] as? String else { continue }
            if key == "params" {
                members = (pair[1] as? [Int] ?? []).compactMap { params.indices.contains($0) ? params[$0] : nil }
            } else {
                options[key] = optimValue(pair[1])
            }
        }
        return ParamGroup(params: members, options: options)
    }
}
