import Foundation
import XCTest
@testable import Engine

/// Factories, ranges and `torch.tensor(data)` against PyTorch: the creation ops of ops.json and
/// the extra cases of creation.json (Tests/Fixtures/make_creation_fixtures.py).
final class CreationTests: XCTestCase {
    static let opNames: Set<String> = ["tensor", "zeros", "ones", "full", "full_like", "zeros_like", "ones_like",
                                       "eye", "arange", "linspace", "logspace", "empty"]

    func testOpsFixtures() throws {
        let cases = CreationFixture.ops.filter { CreationTests.opNames.contains($0["op"] as? String ?? "") }
        XCTAssertGreaterThan(cases.count, 100)
        for c in cases { try checkCreationCase(c, inputs: CreationFixture.inputs(c)) }
    }

    func testCreationFixtures() throws {
        let cases = CreationFixture.cases(kind: "op").filter { CreationTests.opNames.contains($0["op"] as? String ?? "") }
        XCTAssertGreaterThan(cases.count, 70)
        for c in cases { try checkCreationCase(c, inputs: CreationFixture.inputs(c)) }
    }

    func testLiteralFixtures() throws {
        let cases = CreationFixture.cases(kind: "literal")
        XCTAssertGreaterThan(cases.count, 30)
        for c in cases {
            let id = c["id"] as? String ?? "?"
            let data = try PythonLiteralParser.parse(c["data"] as? String ?? "")
            let dtype = (c["dtype"] as? String).map { fixtureDType($0) }
            checkCreationFixture(id, c) { try Tensor(literal: data, dtype: dtype) }
        }
    }

    /// One creation case: compares the result bit for bit (logspace within PyTorch's tolerance:
    /// its vectorised pow may differ in the last bit) or the error.
    private func checkCreationCase(_ c: [String: Any], inputs: [Tensor]) throws {
        let id = c["id"] as? String ?? "?"
        let op = c["op"] as? String ?? "?"
        let args = (c["args"] as? [Any] ?? []).map { creationResolve($0, inputs) }
        let kwargs = (c["kwargs"] as? [String: Any] ?? [:]).mapValues { creationResolve($0, inputs) }
        checkCreationFixture(id, c, exact: op != "logspace") { try makeCreation(op, args, kwargs, inputs) }
    }

    private func makeCreation(_ op: String, _ args: [Any], _ kwargs: [String: Any], _ inputs: [Tensor]) throws -> Tensor {
        let dtype = creationDType(kwargs["dtype"])
        let requiresGrad = kwargs["requires_grad"] as? Bool ?? false
        func arg(_ i: Int, _ name: String) -> Any? { args.indices.contains(i) ? args[i] : kwargs[name] }
        func scalar(_ i: Int, _ name: String) -> Scalar? { creationScalar(arg(i, name)) }
        let shape = (args.first as? [Any]).map { $0.compactMap { creationScalar($0).map { Int($0.int64Value) } } }
            ?? args.compactMap { creationScalar($0).map { Int($0.int64Value) } }
        let out: Tensor
        switch op {
        case "tensor":
            return try Tensor(literal: creationLiteral(args.first ?? []), dtype: dtype, requiresGrad: requiresGrad)
        case "zeros": out = try Tensor.zeros(shape, dtype: dtype ?? DType.defaultFloat)
        case "ones": out = try Tensor.ones(shape, dtype: dtype ?? DType.defaultFloat)
        case "empty": out = try Tensor.empty(shape, dtype: dtype ?? DType.defaultFloat)
        case "full":
            out = try Tensor.full((args.first as? [Any] ?? []).compactMap { creationScalar($0).map { Int($0.int64Value) } },
                                  scalar(1, "fill_value") ?? 0, dtype: dtype)
        case "zeros_like": out = try inputs[0].zerosLike(dtype: dtype)
        case "ones_like": out = try inputs[0].onesLike(dtype: dtype)
        case "full_like": out = try inputs[0].fullLike(scalar(1, "fill_value") ?? 0, dtype: dtype)
        case "eye":
            out = try Tensor.eye(Int(scalar(0, "n")?.int64Value ?? 0), scalar(1, "m").map { Int($0.int64Value) },
                                 dtype: dtype ?? DType.defaultFloat)
        case "arange":
            let positional = args.compactMap(creationScalar)
            switch positional.count {
            case 0: out = try Tensor.arange(start: scalar(9, "start") ?? 0, end: scalar(9, "end") ?? 0,
                                            step: scalar(9, "step") ?? 1, dtype: dtype)
            case 1: out = try Tensor.arange(positional[0], dtype: dtype)
            case 2: out = try Tensor.arange(start: positional[0], end: positional[1], dtype: dtype)
            default: out = try Tensor.arange(start: positional[0], end: positional[1], step: positional[2], dtype: dtype)
            }
        case "linspace":
            out = try Tensor.linspace(start: scalar(0, "start") ?? 0, end: scalar(1, "end") ?? 0,
                                      steps: Int(scalar(2, "steps")?.int64Value ?? 0), dtype: dtype)
        case "logspace":
            out = try Tensor.logspace(start: scalar(0, "start") ?? 0, end: scalar(1, "end") ?? 0,
                                      steps: Int(scalar(2, "steps")?.int64Value ?? 0),
                                      base: scalar(3, "base")?.doubleValue ?? 10, dtype: dtype)
        default: throw FixtureError("unknown creation op \(op)")
        }
        if requiresGrad { try out.setRequiresGrad() }
        return out
    }

    // MARK: Swift-side behaviour

    func testFullAndLikes() throws {
        XCTAssertEqual(try Tensor.full([2], .bool(true)).dtype, .bool)
        XCTAssertEqual(try Tensor.full([2], .int(3)).dtype, .int64)
        XCTAssertEqual(try Tensor.full([2], .double(3)).dtype, .float32)
        XCTAssertEqual(try Tensor.full([1], .int(Int64.max), dtype: .float32).toArray(Float.self), [Float(Int64.max)])
        let x = try Tensor([1.0, 2.0], shape: [2], dtype: .float32).setRequiresGrad()
        for like in [try x.zerosLike(), try x.onesLike(), try x.emptyLike(), try x.fullLike(2)] {
            XCTAssertFalse(like.requiresGrad)
            XCTAssertEqual(like.shape, [2])
        }
        XCTAssertEqual(try Tensor.eye(2, 3).doubles, [1, 0, 0, 0, 1, 0])
    }

    func testDefaultDType() throws {
        XCTAssertEqual(Tensor.defaultDType, .float32)
        try Tensor.setDefaultDType(.float64)
        defer { try? Tensor.setDefaultDType(.float32) }
        XCTAssertEqual(try Tensor.arange(.double(3)).dtype, .float64)
        XCTAssertEqual(try Tensor(literal: [1, 2.5]).dtype, .float64)
        XCTAssertEqual(try Tensor.linspace(start: 0, end: 1, steps: 3).dtype, .float64)
        XCTAssertEqual(try Tensor(literal: [1, 2]).dtype, .int64)
        XCTAssertThrowsError(try Tensor.setDefaultDType(.int32)) {
            XCTAssertEqual($0 as? TensorError, .type("only floating-point types are supported as the default type"))
        }
    }

    func testRangesLarge() throws {
        // Longer than a vector block run and than PyTorch's parallel grain: still exact counts.
        let a = try Tensor.arange(start: 0, end: 5000, step: 0.5)
        XCTAssertEqual(a.shape, [10000])
        XCTAssertEqual(a.toArray(Float.self)[9999], 4999.5)
        let l = try Tensor.linspace(start: -1, end: 1, steps: 4097, dtype: .float64)
        XCTAssertEqual(l.doubles[2048], 0)
        XCTAssertEqual(l.doubles[4096], 1)
        XCTAssertThrowsError(try Tensor.arange(start: 0, end: 1, step: .double(.nan)))
        XCTAssertEqual(try Tensor.arange(start: .int(Int64.max - 2), end: .int(Int64.max), step: 1).toArray(Int64.self),
                       [Int64.max - 2, Int64.max - 1])
        XCTAssertThrowsError(try Tensor.arange(start: .int(Int64.min), end: .int(Int64.max), step: 1)) {
            XCTAssertEqual(($0 as? TensorError)?.message, "invalid size, possible overflow?")
        }
        XCTAssertThrowsError(try Tensor.arange(start: .int(0), end: .int(Int64.min), step: .int(-1)))
    }

    func testLiteralSwiftSyntaxAndTolist() throws {
        let t = try Tensor(literal: [[1, 2], [3, 4.5]])
        XCTAssertEqual(t.shape, [2, 2])
        XCTAssertEqual(t.dtype, .float32)
        XCTAssertEqual(t.tolist(), [[1.0, 2.0], [3.0, 4.5]])
        XCTAssertEqual(try Tensor(literal: [true, false]).tolist(), [true, false])
        let extremes: TensorLiteral = .list([.list([.scalar(.int(Int64.max))]), .list([.scalar(.int(Int64.min))])])
        XCTAssertEqual(try Tensor(literal: extremes).tolist(), extremes)
        XCTAssertEqual(try Tensor(literal: 2.5).tolist(), .scalar(.double(2.5)))
        XCTAssertEqual(try Tensor.zeros([2, 0]).tolist(), [[], []])
        XCTAssertEqual(try Tensor.zeros([0, 2]).tolist(), [])
        XCTAssertEqual(try Tensor(literal: [1, 2], dtype: .int32).tolist(), [1, 2])
        let transposed = try Tensor(literal: [[1, 2, 3], [4, 5, 6]]).t()
        XCTAssertEqual(transposed.tolist(), [[1, 4], [2, 5], [3, 6]])
        XCTAssertEqual(try Tensor(literal: [[1.5]], requiresGrad: true).requiresGrad, true)
        XCTAssertThrowsError(try Tensor(literal: [1, 2], requiresGrad: true)) {
            XCTAssertEqual(($0 as? TensorError)?.message, "Only Tensors of floating point and complex dtype can require gradients")
        }
        var deep: TensorLiteral = 1
        for _ in 0..<65 { deep = [deep] }
        XCTAssertThrowsError(try Tensor(literal: deep)) { XCTAssertEqual(($0 as? TensorError)?.kind, .value) }
    }
}

// MARK: - Shared fixture helpers for the creation, random and conversion tests

/// The cases of creation.json, and ops.json's creation cases, parsed exactly (Foundation's
/// JSONSerialization rounds some doubles and turns large integers into doubles).
enum CreationFixture {
    static let all: [[String: Any]] = load("creation.json")
    static let ops: [[String: Any]] = load("ops.json")

    static func cases(kind: String) -> [[String: Any]] { all.filter { $0["kind"] as? String == kind } }

    static func load(_ name: String) -> [[String: Any]] {
        let url = Fixtures.directory.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let root = try? ExactJSON.parse(text) as? [String: Any] else { return [] }
        return root["cases"] as? [[String: Any]] ?? []
    }

    static func inputs(_ c: [String: Any]) throws -> [Tensor] {
        try (c["inputs"] as? [[String: Any]] ?? []).map { spec in
            let t = try creationTensor(spec)
            if spec["requires_grad"] as? Bool == true { try t.setRequiresGrad() }
            return t
        }
    }
}

/// A JSON number kept as its text, so ints stay exact and doubles round correctly.
struct ExactNumber {
    let text: String
    var isFloat: Bool { text.contains(".") || text.contains("e") || text.contains("E") }
    var double: Double { Double(text) ?? .nan }
    var int64: Int64? { Int64(text) }
}

/// A small JSON parser producing Foundation-style values (`[String: Any]`, `[Any]`, `String`,
/// `Bool`, `NSNull`) with numbers as `ExactNumber`.
struct ExactJSON {
    private let bytes: [UInt8]
    private var i = 0

    static func parse(_ text: String) throws -> Any {
        var p = ExactJSON(bytes: Array(text.utf8))
        return try p.value()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skip() { while i < bytes.count, [9, 10, 13, 32].contains(bytes[i]) { i += 1 } }

    private mutating func expect(_ c: UInt8) throws {
        skip()
        guard i < bytes.count, bytes[i] == c else { throw FixtureError("bad JSON at \(i)") }
        i += 1
    }

    private mutating func value() throws -> Any {
        skip()
        guard i < bytes.count else { throw FixtureError("unexpected end of JSON") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var object: [String: Any] = [:]
            skip()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return object }
            repeat {
                skip()
                guard let key = try value() as? String else { throw FixtureError("bad JSON key") }
                try expect(UInt8(ascii: ":"))
                object[key] = try value()
                skip()
                i += 1
            } while i - 1 < bytes.count && bytes[i - 1] == UInt8(ascii: ",")
            return object
        case UInt8(ascii: "["):
            i += 1
            var array: [Any] = []
            skip()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return array }
            repeat {
                array.append(try value())
                skip()
                i += 1
            } while i - 1 < bytes.count && bytes[i - 1] == UInt8(ascii: ",")
            return array
        case UInt8(ascii: "\""):
            i += 1
            var out: [UInt8] = []
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                    i += 1
                    switch bytes[i] {
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "u"):
                        let hex = String(decoding: bytes[(i + 1)..<min(i + 5, bytes.count)], as: UTF8.self)
                        out += Array(String(UnicodeScalar(UInt32(hex, radix: 16) ?? 63).map(Character.init) ?? "?").utf8)
                        i += 4
                    default: out.append(bytes[i])
                    }
                } else {
                    out.append(bytes[i])
                }
                i += 1
            }
            i += 1
            return String(decoding: out, as: UTF8.self)
        default:
            let start = i
            while i < bytes.count, !",]} \n".utf8.contains(bytes[i]) { i += 1 }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            switch word {
            case "true": return true
            case "false": return false
            case "null": return NSNull()
            default: return ExactNumber(text: word)
            }
        }
    }
}

/// A fixture argument with {"t": k} replaced by `inputs[k]`.
func creationResolve(_ value: Any, _ inputs: [Tensor]) -> Any {
    if let d = value as? [String: Any], let k = (d["t"] as? ExactNumber)?.int64, inputs.indices.contains(Int(k)) {
        return inputs[Int(k)]
    }
    return value
}

/// A Python number from fixture JSON: a bool, an int, a float (JSON spelled with "." or an
/// exponent), or {"float": "nan"|"inf"|"-inf"}; nil for anything else.
func creationScalar(_ value: Any?) -> Scalar? {
    if let d = value as? [String: Any], let f = d["float"] { return .double(creationDouble(f)) }
    if let b = value as? Bool { return .bool(b) }
    guard let n = value as? ExactNumber else { return nil }
    if !n.isFloat, let i = n.int64 { return .int(i) }
    return .double(n.double)
}

/// A float fixture value: an exact number or "nan"/"inf"/"-inf".
func creationDouble(_ value: Any) -> Double {
    if let n = value as? ExactNumber { return n.double }
    if let b = value as? Bool { return b ? 1 : 0 }
    switch value as? String {
    case "inf": return .infinity
    case "-inf": return -.infinity
    default: return .nan
    }
}

/// The dtype of a {"dtype": name} argument.
func creationDType(_ value: Any?) -> DType? {
    ((value as? [String: Any])?["dtype"] as? String).map { fixtureDType($0) }
}

/// Nested fixture JSON as a tensor literal.
func creationLiteral(_ value: Any) -> TensorLiteral {
    if let list = value as? [Any] { return .list(list.map(creationLiteral)) }
    return .scalar(creationScalar(value) ?? .int(0))
}

/// A tensor from an exactly parsed {"shape", "dtype", "values"} object.
func creationTensor(_ spec: [String: Any]) throws -> Tensor {
    let shape = (spec["shape"] as? [Any] ?? []).compactMap { ($0 as? ExactNumber)?.int64 }.map { Int($0) }
    let dtype = fixtureDType(spec["dtype"] as? String)
    let values = spec["values"] as? [Any] ?? []
    switch dtype {
    case .int64: return try Tensor(values.map { ($0 as? ExactNumber)?.int64 ?? 0 }, shape: shape)
    case .float32: return try Tensor(values.map { Float(creationDouble($0)) }, shape: shape)
    default: return try Tensor(values.map(creationDouble), shape: shape, dtype: dtype)
    }
}

/// Asserts shape, dtype and every element bit for bit (NaNs match NaNs; float32 compared after
/// widening, which is exact), or within `tolerance` relative error.
func assertCreationExact(_ actual: Tensor?, _ expected: [String: Any]?, _ context: String, tolerance: Double = 0,
                         file: StaticString = #filePath, line: UInt = #line) {
    guard let actual, let expected, let want = try? creationTensor(expected) else {
        XCTAssertTrue(actual == nil && expected == nil, "\(context): tensor presence", file: file, line: line)
        return
    }
    XCTAssertEqual(actual.shape, want.shape, "\(context): shape", file: file, line: line)
    XCTAssertEqual(actual.dtype, want.dtype, "\(context): dtype", file: file, line: line)
    guard actual.shape == want.shape else { return }
    var failures = 0
    func fail(_ i: Int, _ g: Any, _ w: Any) {
        failures += 1
        if failures <= 3 { XCTFail("\(context): element \(i) is \(g), expected \(w)", file: file, line: line) }
    }
    if actual.dtype == .int64 {
        for (i, (g, w)) in zip(actual.toArray(Int64.self), want.toArray(Int64.self)).enumerated() where g != w { fail(i, g, w) }
    } else {
        for (i, (g, w)) in zip(actual.doubles, want.doubles).enumerated() {
            let same = g.bitPattern == w.bitPattern || (g.isNaN && w.isNaN)
            if !same && !(Swift.abs(g - w) <= tolerance * Swift.abs(w)) { fail(i, g, w) }
        }
    }
    if failures > 3 { XCTFail("\(context): \(failures) elements differ", file: file, line: line) }
}

extension XCTestCase {
    /// Runs `body` and compares with the case's "output" (exactly, or with the fixtures'
    /// tolerance) or its "error" {type, message}.
    func checkCreationFixture(_ id: String, _ c: [String: Any], exact: Bool = true, file: StaticString = #filePath,
               line: UInt = #line, _ body: () throws -> Tensor) {
        do {
            let out = try body()
            if let e = c["error"] as? [String: Any] {
                XCTFail("\(id): expected \(e["type"] ?? "") \(e["message"] ?? ""), got a result", file: file, line: line)
            } else {
                assertCreationExact(out, c["output"] as? [String: Any], id, tolerance: exact ? 0 : (out.dtype == .float64 ? 1e-15 : 1e-6),
                                    file: file, line: line)
            }
        } catch let error as TensorError {
            guard let e = c["error"] as? [String: Any] else {
                XCTFail("\(id): unexpected \(error)", file: file, line: line)
                return
            }
            XCTAssertEqual(error.kind.rawValue, e["type"] as? String, "\(id): error type", file: file, line: line)
            XCTAssertEqual(error.message, e["message"] as? String, "\(id): error message", file: file, line: line)
        } catch {
            XCTFail("\(id): unexpected \(error)", file: file, line: line)
        }
    }
}

/// Parses the Python literal text of creation.json's literal cases: nested lists of ints,
/// floats, True/False, nan, inf and -inf.
struct PythonLiteralParser {
    private let chars: [Character]
    private var i = 0

    static func parse(_ text: String) throws -> TensorLiteral {
        var p = PythonLiteralParser(chars: Array(text))
        return try p.value()
    }

    private init(chars: [Character]) { self.chars = chars }

    private mutating func skipSpaces() { while i < chars.count && chars[i] == " " { i += 1 } }

    private mutating func value() throws -> TensorLiteral {
        skipSpaces()
        guard i < chars.count else { throw FixtureError("unexpected end of literal") }
        if chars[i] == "[" {
            i += 1
            var items: [TensorLiteral] = []
            skipSpaces()
            if i < chars.count && chars[i] == "]" { i += 1; return .list(items) }
            while true {
                items.append(try value())
                skipSpaces()
                guard i < chars.count else { throw FixtureError("unterminated list") }
                let c = chars[i]
                i += 1
                if c == "]" { return .list(items) }
                guard c == "," else { throw FixtureError("expected , in literal") }
            }
        }
        var token = ""
        while i < chars.count && !",] ".contains(chars[i]) { token.append(chars[i]); i += 1 }
        switch token {
        case "True": return .scalar(.bool(true))
        case "False": return .scalar(.bool(false))
        case "nan": return .scalar(.double(.nan))
        case "inf": return .scalar(.double(.infinity))
        case "-inf": return .scalar(.double(-.infinity))
        default:
            if !token.contains("."), !token.contains("e"), let v = Int64(token) { return .scalar(.int(v)) }
            guard let d = Double(token) else { throw FixtureError("bad number \(token)") }
            return .scalar(.double(d))
        }
    }
}
