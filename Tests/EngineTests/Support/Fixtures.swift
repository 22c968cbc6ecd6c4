import Foundation
import XCTest
@testable import Engine

/// Golden values made with real PyTorch by `Tests/Fixtures/make_fixtures.py` (format in
/// `Tests/Fixtures/README.md`). Loaded once; tests never need Python.
enum Fixtures {
    /// `Tests/Fixtures/`, found from this source file's path.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Parses a JSON fixture file, failing the test clearly when it is missing.
    static func load(_ name: String) throws -> [String: Any] {
        let url = directory.appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureError("\(name) is not a JSON object")
        }
        return object
    }

    /// The cases of ops.json.
    static func opCases() throws -> [OpCase] {
        guard let cases = try load("ops.json")["cases"] as? [[String: Any]] else {
            throw FixtureError("ops.json has no cases")
        }
        return cases.map(OpCase.init)
    }

    /// The cases of ops.json whose op is one of `ops` (or whose id starts with one of them
    /// followed by "/").
    static func opCases(_ ops: Set<String>) throws -> [OpCase] {
        try opCases().filter { ops.contains($0.op) }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// One case of ops.json.
struct OpCase {
    let raw: [String: Any]
    var id: String { raw["id"] as? String ?? "?" }
    var op: String { raw["op"] as? String ?? "?" }
    var isMethod: Bool { raw["method"] as? Bool ?? false }
    var gradFn: String? { raw["grad_fn"] as? String }
    var repr: String? { raw["repr"] as? String }
    var args: [Any] { raw["args"] as? [Any] ?? [] }
    var kwargs: [String: Any] { raw["kwargs"] as? [String: Any] ?? [:] }
    var error: (type: String, message: String)? {
        guard let e = raw["error"] as? [String: Any] else { return nil }
        return (e["type"] as? String ?? "", e["message"] as? String ?? "")
    }

    /// Fresh leaf tensors for the inputs (new objects on every call, so cases stay independent).
    func inputs() throws -> [Tensor] {
        try (raw["inputs"] as? [[String: Any]] ?? []).map { spec in
            let t = try fixtureTensor(spec)
            if spec["requires_grad"] as? Bool == true { try t.setRequiresGrad() }
            return t
        }
    }

    /// Expected outputs: one entry, or several for tuple results.
    var outputs: [[String: Any]] {
        if let list = raw["output"] as? [[String: Any]] { return list }
        if let one = raw["output"] as? [String: Any] { return [one] }
        return []
    }

    var gradOutput: [String: Any]? { raw["grad_output"] as? [String: Any] }
    var grads: [[String: Any]?] { (raw["grads"] as? [Any] ?? []).map { $0 as? [String: Any] } }

    /// Positional argument i resolved against `inputs`: a tensor for {"t": k}, else the JSON value.
    func arg(_ i: Int, _ inputs: [Tensor]) -> Any? { resolve(args.indices.contains(i) ? args[i] : nil, inputs) }
    /// Keyword argument resolved the same way.
    func kwarg(_ name: String, _ inputs: [Tensor]) -> Any? { resolve(kwargs[name], inputs) }

    private func resolve(_ value: Any?, _ inputs: [Tensor]) -> Any? {
        if let dict = value as? [String: Any], let k = dict["t"] as? Int, inputs.indices.contains(k) { return inputs[k] }
        return value
    }
}

/// Decodes a fixture value ("nan", "inf", "-inf" strings; numbers; bools) to a double.
func fixtureDouble(_ v: Any) -> Double {
    switch v {
    case let s as String: return s == "nan" ? .nan : (s == "-inf" ? -.infinity : (s == "inf" ? .infinity : Double(s) ?? .nan))
    // NSNumber before Bool: on Linux a JSON -0.0 also converts to Bool, losing its sign.
    case let n as NSNumber: return n.doubleValue
    case let b as Bool: return b ? 1 : 0
    default: return .nan
    }
}

/// The dtype named in a fixture.
func fixtureDType(_ name: String?) -> DType {
    switch name {
    case "float64": return .float64
    case "int64": return .int64
    case "int32": return .int32
    case "bool": return .bool
    default: return .float32
    }
}

/// A tensor from a {"shape", "dtype", "values"} fixture object. int64 values are read exactly.
func fixtureTensor(_ spec: [String: Any]) throws -> Tensor {
    let shape = spec["shape"] as? [Int] ?? []
    let dtype = fixtureDType(spec["dtype"] as? String)
    let values = spec["values"] as? [Any] ?? []
    if dtype == .int64 {
        return try Tensor(values.map { ($0 as? NSNumber)?.int64Value ?? 0 }, shape: shape)
    }
    return try Tensor(values.map(fixtureDouble), shape: shape, dtype: dtype)
}

/// Asserts that `actual` has the fixture's shape, dtype and values: float32 within 1e-5
/// relative (TORCH_API.md), float64 within 1e-12, integers and bools exactly; NaNs match NaNs.
func assertMatches(_ actual: Tensor?, _ expected: [String: Any]?, _ context: String,
                   rtol: Double? = nil, atol: Double? = nil, file: StaticString = #filePath, line: UInt = #line) {
    guard let expected else { XCTAssertNil(actual, "\(context): expected no tensor", file: file, line: line); return }
    guard let actual else { XCTFail("\(context): expected a tensor, got none", file: file, line: line); return }
    let shape = expected["shape"] as? [Int] ?? []
    let dtype = fixtureDType(expected["dtype"] as? String)
    XCTAssertEqual(actual.shape, shape, "\(context): shape", file: file, line: line)
    XCTAssertEqual(actual.dtype, dtype, "\(context): dtype", file: file, line: line)
    guard actual.shape == shape else { return }
    let want = (expected["values"] as? [Any] ?? []).map(fixtureDouble)
    let got = actual.doubles
    let r = rtol ?? (dtype == .float64 ? 1e-12 : (dtype == .float32 ? 1e-5 : 0))
    let a = atol ?? (dtype == .float64 ? 1e-12 : (dtype == .float32 ? 1e-6 : 0))
    var failures = 0
    for (i, (g, w)) in zip(got, want).enumerated() {
        if g.isNaN && w.isNaN { continue }
        if g == w { continue }
        if Swift.abs(g - w) <= a + r * Swift.abs(w) { continue }
        failures += 1
        if failures <= 3 { XCTFail("\(context): element \(i) is \(g), expected \(w)", file: file, line: line) }
    }
    if failures > 3 { XCTFail("\(context): \(failures) elements differ", file: file, line: line) }
}
