import XCTest
@testable import Engine

/// The cases of nn_core.json (made by Tests/Fixtures/make_nn_core_fixtures.py), by id.
enum NNCore {
    nonisolated(unsafe) static var loaded: [String: [String: Any]]?

    static func cases() throws -> [String: [String: Any]] {
        if let loaded { return loaded }
        guard let list = try Fixtures.load("nn_core.json")["cases"] as? [[String: Any]] else {
            throw FixtureError("nn_core.json has no cases")
        }
        var byID: [String: [String: Any]] = [:]
        for c in list { if let id = c["id"] as? String { byID[id] = c } }
        loaded = byID
        return byID
    }

    static func get(_ id: String) throws -> [String: Any] {
        guard let c = try cases()[id] else { throw FixtureError("nn_core.json has no case \(id)") }
        return c
    }

    static func ofKind(_ kind: String) throws -> [(String, [String: Any])] {
        try cases().filter { $0.value["kind"] as? String == kind }.sorted { $0.key < $1.key }
    }

    /// The (type, message) of a case's "error".
    static func error(_ id: String) throws -> (String, String) {
        guard let e = try get(id)["error"] as? [String: Any] else { throw FixtureError("\(id) has no error") }
        return (e["type"] as? String ?? "", e["message"] as? String ?? "")
    }
}

/// The Python type and message of an error thrown by the engine.
func pythonError(_ error: Error) -> (String, String) {
    if let e = error as? TensorError { return (e.kind.rawValue, e.message) }
    if let e = error as? ModuleError { return (e.kind.rawValue, e.message) }
    return ("?", String(describing: error))
}

/// Asserts that `body` throws the fixture's error (type and exact message).
func assertFixtureError(_ id: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) throws {
    let (type, message) = try NNCore.error(id)
    do {
        try body()
        XCTFail("\(id): expected \(type): \(message)", file: file, line: line)
    } catch {
        let (t, m) = pythonError(error)
        XCTAssertEqual(t, type, "\(id): type", file: file, line: line)
        XCTAssertEqual(m, message, "\(id): message", file: file, line: line)
    }
}

/// PyTorch's `WithBuffers` test module (make_nn_core_fixtures.py).
final class WithBuffers: Module {
    override init() {
        super.init()
        do {
            try registerModule("lin", Linear(2, 2))
            try registerBuffer("running", Tensor(zeros: [2]))
            try registerBuffer("scratch", Tensor.ones([3]), persistent: false)
            try registerBuffer("nothing", nil)
            try registerParameter("gamma", Tensor.ones([2]))
            try registerParameter("absent", nil)
        } catch {
            XCTFail("WithBuffers: \(error)")
        }
    }
}

final class ModuleTests: XCTestCase {
    func testRegistrationErrors() throws {
        let p = try Tensor.parameter(Tensor.ones([1]))
        let cases: [(String, (Module) throws -> Void)] = [
            ("param_dot", { try $0.registerParameter("a.b", p) }),
            ("param_empty", { try $0.registerParameter("", p) }),
            ("param_exists_buffer", { try $0.registerBuffer("x", Tensor.ones([1])); try $0.registerParameter("x", p) }),
            ("param_exists_module", { try $0.registerModule("sub", Identity()); try $0.registerParameter("sub", p) }),
            ("param_exists_builtin", { try $0.registerParameter("training", p) }),
            ("buffer_dot", { try $0.registerBuffer("a.b", Tensor.ones([1])) }),
            ("buffer_empty", { try $0.registerBuffer("", Tensor.ones([1])) }),
            ("buffer_exists_param", { try $0.registerBuffer("weight", Tensor.ones([1])) }),
            ("buffer_exists_builtin", { try $0.registerBuffer("forward", Tensor.ones([1])) }),
            ("module_dot", { try $0.registerModule("a.b", Identity()) }),
            ("module_empty", { try $0.registerModule("", Identity()) }),
            ("module_exists_param", { try $0.registerModule("bias", Identity()) }),
            ("setattr_tensor_as_param", { _ = try $0.assignAttribute("weight", .tensor(Tensor.ones([1]))) }),
            ("setattr_double_as_param", { _ = try $0.assignAttribute("weight", .tensor(Tensor.ones([1], dtype: .float64))) }),
            ("setattr_int_as_param", { _ = try $0.assignAttribute("bias", .other(typeName: "int")) }),
        ]
        for (id, body) in cases {
            let m = try Linear(2, 2)
            try assertFixtureError("register/\(id)") { try body(m) }
        }
        try assertFixtureError("parameter_error/int") { _ = try Tensor.parameter(Tensor([Int64(1), 2])) }
        try assertFixtureError("module_error/to_int") { try Linear(2, 2).to(.int64) }
        try assertFixtureError("module_error/no_forward") { _ = try ModuleList()(Tensor(zeros: [1])) }
    }

    func testRegistrationReplacesAndMarksParameters() throws {
        let m = Module()
        let t = try Tensor.ones([2])
        try m.registerParameter("w", t)
        XCTAssertTrue(t.isParameter)
        XCTAssertTrue(t.requiresGrad)
        try m.registerParameter("w", nil)            // replacing keeps the slot
        XCTAssertNil(m.parameter("w"))
        XCTAssertEqual(m.parameterEntries.map { $0.0 }, ["w"])
        XCTAssertTrue(try m.assignAttribute("w", .parameter(Tensor.parameter(Tensor.ones([3])))))
        XCTAssertEqual(m.parameter("w")?.shape, [3])
        XCTAssertFalse(try m.assignAttribute("plain", .other(typeName: "int")))
        XCTAssertTrue(try m.assignAttribute("child", .module(Identity())))
        XCTAssertNotNil(m.submodule("child"))
        XCTAssertTrue(m.deleteAttribute("child"))
        XCTAssertNil(m.registeredMember("child"))
        XCTAssertThrowsError(try m.registerParameter("nl", try Tensor.ones([1]).setRequiresGrad() * 2.0)) { e in
            XCTAssertEqual(pythonError(e).0, "ValueError")
        }
    }

    func testStateDictKeysAndNames() throws {
        let m = try Sequential([("feat", Sequential(Linear(4, 3), Identity())), ("wb", WithBuffers()), ("fc", Linear(3, 2))])
        let c = try NNCore.get("state_dict/nested")
        XCTAssertEqual(m.stateDict().map { $0.0 }, c["keys"] as? [String])
        XCTAssertEqual(m.namedParameters().map { $0.0 }, c["named_parameters"] as? [String])
        XCTAssertEqual(m.namedBuffers().map { $0.0 }, c["named_buffers"] as? [String])
        XCTAssertEqual(m.namedModules().map { $0.0 }, c["named_modules"] as? [String])
        XCTAssertEqual(m.namedModules(prefix: "net").map { $0.0 }, c["named_modules_prefix"] as? [String])
        XCTAssertEqual(m.namedChildren().map { $0.0 }, c["named_children"] as? [String])
        XCTAssertEqual(m.namedParameters(prefix: "model").map { $0.0 }, c["named_parameters_prefix"] as? [String])
        let wb = try XCTUnwrap(m.submodule("wb"))
        XCTAssertEqual(wb.namedParameters(recurse: false).map { $0.0 }, c["named_parameters_norecurse"] as? [String])
        XCTAssertEqual(WithBuffers().stateDict().map { $0.0 }, try NNCore.get("load/buffers_keys")["keys"] as? [String])
        // Detached by default, the same tensors with keepVars.
        let w = try XCTUnwrap(m.stateDict(keepVars: true).first?.1)
        XCTAssertTrue(w === m.parameters().first)
        XCTAssertFalse(try XCTUnwrap(m.stateDict().first?.1).requiresGrad)
    }

    func testSharedModulesAndParametersAppearOnce() throws {
        let shared = try Linear(2, 2)
        let s = Sequential(shared, Identity(), shared)
        let c = try NNCore.get("state_dict/shared_module")
        XCTAssertEqual(s.stateDict().map { $0.0 }, c["keys"] as? [String])
        XCTAssertEqual(s.namedParameters().map { $0.0 }, c["named_parameters"] as? [String])
        XCTAssertEqual(s.namedModules().map { $0.0 }, c["named_modules"] as? [String])
        XCTAssertEqual(s.namedModules(removeDuplicate: false).map { $0.0 }, c["named_modules_dup"] as? [String])
        XCTAssertEqual(s.namedChildren().map { $0.0 }, c["named_children"] as? [String])
        let a = try Linear(2, 2), b = try Linear(2, 2)
        XCTAssertTrue(try b.assignAttribute("weight", .parameter(XCTUnwrap(a.weight))))
        let s2 = Sequential(a, b)
        let c2 = try NNCore.get("state_dict/shared_param")
        XCTAssertEqual(s2.stateDict().map { $0.0 }, c2["keys"] as? [String])
        XCTAssertEqual(s2.namedParameters().map { $0.0 }, c2["named_parameters"] as? [String])
        XCTAssertEqual(s2.namedParameters(removeDuplicate: false).map { $0.0 }, c2["named_parameters_dup"] as? [String])
        XCTAssertEqual(s2.parameters().count, 3)
    }

    func testLoadStateDict() throws {
        func small() throws -> Sequential { Sequential(try Linear(4, 3), Identity(), try Linear(3, 2)) }
        let source = try small()
        let src = source.stateDict()
        let target = try small()
        let r = try target.loadStateDict(src)
        XCTAssertEqual(r.missingKeys, [])
        XCTAssertEqual(r.unexpectedKeys, [])
        XCTAssertEqual(target.parameters()[0].doubles, source.parameters()[0].doubles)
        XCTAssertEqual(target.parameters()[0].versionNumber, 2)  // init, then copy_ (as PyTorch)

        let part = src.filter { !$0.0.hasPrefix("2.") }
        try assertFixtureError("load/missing_strict") { try small().loadStateDict(part) }
        func check(_ id: String, _ result: (missingKeys: [String], unexpectedKeys: [String])) throws {
            let want = try XCTUnwrap(NNCore.get(id)["result"] as? [String: Any])
            XCTAssertEqual(result.missingKeys, want["missing"] as? [String], id)
            XCTAssertEqual(result.unexpectedKeys, want["unexpected"] as? [String], id)
        }
        try check("load/missing_loose", try small().loadStateDict(part, strict: false))
        let extra = src + [("3.weight", Tensor(zeros: [1])), ("0.extra", Tensor(zeros: [1])), ("top", Tensor(zeros: [1]))]
        try assertFixtureError("load/unexpected_strict") { try small().loadStateDict(extra) }
        try check("load/unexpected_loose", try small().loadStateDict(extra, strict: false))
        try assertFixtureError("load/both_strict") { try small().loadStateDict(part + [("extra", Tensor(zeros: [1]))]) }
        let bad = part.map { $0.0 == "0.weight" ? ($0.0, Tensor(zeros: [2, 4])) : $0 }
        try assertFixtureError("load/mismatch_strict") { try small().loadStateDict(bad) }
        try assertFixtureError("load/mismatch_loose") { try small().loadStateDict(bad, strict: false) }
        let sd = WithBuffers().stateDict() + [("scratch", Tensor(zeros: [3]))]
        try assertFixtureError("load/nonpersistent_unexpected") { try WithBuffers().loadStateDict(sd) }
    }

    func testForwardHooksOrderReplacementAndRemoval() throws {
        let m = Identity()
        var log: [String] = []
        let pre1 = m.registerForwardPreHook { _, args in log.append("pre1"); return [.tensor(try args[0].tensor! * 2.0)] }
        _ = m.registerForwardPreHook { _, _ in log.append("pre2"); return nil }
        let post1 = m.registerForwardHook { _, args, out in
            log.append("post1")
            XCTAssertEqual(args.first?.tensor?.doubles, [2])
            return .tensor(try out.tensor! + 1.0)
        }
        _ = m.registerForwardHook { _, _, _ in log.append("post2"); return nil }
        _ = m.registerForwardHook(prepend: true) { _, _, _ in log.append("post0"); return nil }
        XCTAssertEqual(try m(Tensor([1.0])).doubles, [3])
        XCTAssertEqual(log, ["pre1", "pre2", "post0", "post1", "post2"])
        pre1.remove()
        post1.remove()
        post1.remove()
        log = []
        XCTAssertEqual(try m(Tensor([1.0])).doubles, [1])
        XCTAssertEqual(log, ["pre2", "post0", "post2"])
        XCTAssertEqual(m.forwardHookCount.hooks, 2)
        XCTAssertEqual(m.forwardHookCount.preHooks, 1)
    }

    func testTrainEvalApplyZeroGradRequiresGrad() throws {
        let inner = Sequential(try Linear(2, 2))
        let m = Sequential(inner, try Linear(2, 1))
        m.eval()
        XCTAssertEqual(m.modules().map { $0.training }, [false, false, false, false])
        m.train()
        XCTAssertTrue(m.modules().allSatisfy { $0.training })
        var order: [String] = []
        m.apply { order.append($0.typeName) }
        XCTAssertEqual(order, ["Linear", "Sequential", "Linear", "Sequential"])

        let y = try m(Tensor([1.0, 2.0], shape: [1, 2], dtype: .float32)).sum()
        try y.backward()
        XCTAssertTrue(m.parameters().allSatisfy { $0.grad != nil })
        let g = try XCTUnwrap(m.parameters()[0].grad)
        m.zeroGrad(setToNone: false)
        XCTAssertTrue(m.parameters()[0].grad === g)
        XCTAssertEqual(g.doubles, [0, 0, 0, 0])
        m.zeroGrad()
        XCTAssertTrue(m.parameters().allSatisfy { $0.grad == nil })
        try m.setRequiresGrad(false)
        XCTAssertTrue(m.parameters().allSatisfy { !$0.requiresGrad })
    }

    func testToDoubleKeepsParameterIdentity() throws {
        let m = WithBuffers()
        let params = m.parameters()
        try (m.parameters()[0] * 2.0).sum().backward()
        try m.to(.float64)
        XCTAssertTrue(zip(params, m.parameters()).allSatisfy { $0 === $1 })
        XCTAssertTrue(m.parameters().allSatisfy { $0.dtype == .float64 && $0.isParameter && $0.requiresGrad })
        XCTAssertEqual(m.parameters()[0].grad?.dtype, .float64)
        XCTAssertTrue(m.buffers().allSatisfy { $0.dtype == .float64 })
        try m.float()
        XCTAssertEqual(m.parameters()[1].dtype, .float32)
    }

    func testCallArgumentErrorsAndDynamicForward() throws {
        let lin = try Linear(4, 3)
        try assertFixtureError("linear_error/arity") { _ = try lin.call([.tensor(Tensor(zeros: [2, 4])), .tensor(Tensor(zeros: [1]))]) }
        try assertFixtureError("linear_error/missing") { _ = try lin.call([]) }
        try assertFixtureError("linear_error/kw") { _ = try lin.call([], keywords: [("x", .tensor(Tensor(zeros: [2, 4])))]) }
        try assertFixtureError("linear_error/none") { _ = try lin.call([.none]) }
        let out = try lin.call([], keywords: [("input", .tensor(Tensor(zeros: [2, 4])))])
        XCTAssertEqual(out.tensor?.shape, [2, 3])
        XCTAssertThrowsError(try lin.bindArguments([], [], names: ["a", "b", "c"])) { e in
            XCTAssertEqual(pythonError(e).1, "Linear.forward() missing 3 required positional arguments: 'a', 'b', and 'c'")
        }
        XCTAssertThrowsError(try lin.bindArguments([.none, .none, .none], [], names: ["a", "b"], required: 1)) { e in
            XCTAssertEqual(pythonError(e).1, "Linear.forward() takes from 2 to 3 positional arguments but 4 were given")
        }
        XCTAssertThrowsError(try lin.bindArguments([.none], [("a", .none)], names: ["a"])) { e in
            XCTAssertEqual(pythonError(e).1, "Linear.forward() got multiple values for argument 'a'")
        }
        XCTAssertEqual(ModuleError(.key, "attribute 'x' already exists").description,
                       "KeyError: \"attribute 'x' already exists\"")
    }
}
