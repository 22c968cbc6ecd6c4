import Foundation
import XCTest
@testable import Engine

/// Compares loaded checkpoints with the descriptions `make_pth_fixtures.py` writes, and writes
/// descriptions in the same format for its `--check` mode.
enum PTHDescription {
    /// `Tests/Fixtures/pth/`.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/pth")

    /// The parsed `expected.json`.
    static func expected() throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Flattened element values of `t` as doubles.
    static func values(_ t: Tensor) -> [Double] {
        var out: [Double] = []
        var index = [Int](repeating: 0, count: t.dim)
        let n = t.numel
        guard n > 0 else { return [] }
        for _ in 0..<n {
            var offset = t.storageOffset
            for d in 0..<t.dim { offset += index[d] * t.strides[d] }
            switch t.dtype {
            case .float32: out.append(Double(t.storage.pointer(Float.self)[offset]))
            case .float64: out.append(t.storage.pointer(Double.self)[offset])
            case .int64: out.append(Double(t.storage.pointer(Int64.self)[offset]))
            case .int32: out.append(Double(t.storage.pointer(Int32.self)[offset]))
            case .bool: out.append(t.storage.pointer(Bool.self)[offset] ? 1 : 0)
            }
            var d = t.dim - 1
            while d >= 0 { index[d] += 1; if index[d] < t.shape[d] { break }; index[d] = 0; d -= 1 }
        }
        return out
    }

    /// Asserts that `value` is what `expected` describes; storages are numbered in order of
    /// first appearance, so storage sharing is compared too.
    static func assertMatches(_ value: IOValue, _ expected: Any, storages: inout [ObjectIdentifier: Int], path: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        guard let e = expected as? [String: Any], let kind = e["kind"] as? String else { return XCTFail("\(path): bad expectation", file: file, line: line) }
        func fail(_ what: String) { XCTFail("\(path): \(what)", file: file, line: line) }
        switch (value, kind) {
        case (.none, "none"): break
        case (.bool(let b), "bool"): if b != (e["value"] as? Bool) { fail("bool \(b)") }
        case (.int(let i), "int"): if i != (e["value"] as? NSNumber)?.intValue { fail("int \(i)") }
        case (.float(let d), "float"): if !(abs(d - ((e["value"] as? NSNumber)?.doubleValue ?? .nan)) <= 1e-15 * abs(d)) { fail("float \(d)") }
        case (.string(let s), "string"): if s != (e["value"] as? String) { fail("string \(s)") }
        case (.list(let items), "list"), (.tuple(let items), "tuple"):
            let want = e["items"] as? [Any] ?? []
            guard items.count == want.count else { return fail("count \(items.count) vs \(want.count)") }
            for (i, (v, w)) in zip(items, want).enumerated() { assertMatches(v, w, storages: &storages, path: "\(path)[\(i)]", file: file, line: line) }
        case (.dict(let pairs), "dict"), (.orderedDict(let pairs), "orderedDict"):
            let want = e["items"] as? [[Any]] ?? []
            guard pairs.count == want.count else { return fail("count \(pairs.count) vs \(want.count)") }
            for (i, (p, w)) in zip(pairs, want).enumerated() {
                assertMatches(p.key, w[0], storages: &storages, path: "\(path).key\(i)", file: file, line: line)
                assertMatches(p.value, w[1], storages: &storages, path: "\(path).value\(i)", file: file, line: line)
            }
        case (.tensor(let t), "tensor"):
            let id = ObjectIdentifier(t.storage)
            if storages[id] == nil { storages[id] = storages.count }
            if t.dtype.shortName != (e["dtype"] as? String) { fail("dtype \(t.dtype)") }
            if t.shape != (e["shape"] as? [Int]) { fail("shape \(t.shape)") }
            if t.strides != (e["stride"] as? [Int]) { fail("stride \(t.strides)") }
            if t.storageOffset != (e["offset"] as? Int) { fail("offset \(t.storageOffset)") }
            if t.requiresGrad != (e["requires_grad"] as? Bool) { fail("requires_grad \(t.requiresGrad)") }
            if t.isParameter != (e["parameter"] as? Bool) { fail("parameter \(t.isParameter)") }
            if storages[id] != (e["storage"] as? Int) { fail("storage \(storages[id] ?? -1)") }
            let want = (e["values"] as? [NSNumber] ?? []).map(\.doubleValue)
            // Foundation's JSON parser can be off in the last bit, so float32 values compare
            // after rounding to Float and float64 values to 1e-15 relative.
            let got = values(t)
            let same = got.count == want.count && zip(got, want).allSatisfy { g, w in
                t.dtype == .float32 ? Float(g) == Float(w) : (g == w || abs(g - w) <= 1e-15 * abs(w))
            }
            if !same { fail("values \(got) vs \(want)") }
        default: fail("kind \(value) vs \(kind)")
        }
    }

    /// `value` described as `make_pth_fixtures.py` describes loaded objects (JSON text).
    static func json(_ value: IOValue, storages: inout [ObjectIdentifier: Int]) -> String {
        func str(_ s: String) -> String {
            let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed])) ?? Data("[\"\"]".utf8)
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        }
        func num(_ d: Double) -> String { d.isFinite ? "\(d)" : (d.isNaN ? "NaN" : (d > 0 ? "Infinity" : "-Infinity")) }
        switch value {
        case .none: return "{\"kind\": \"none\"}"
        case .bool(let b): return "{\"kind\": \"bool\", \"value\": \(b)}"
        case .int(let i): return "{\"kind\": \"int\", \"value\": \(i)}"
        case .float(let d): return "{\"kind\": \"float\", \"value\": \(num(d))}"
        case .string(let s): return "{\"kind\": \"string\", \"value\": \(str(s))}"
        case .list(let items), .tuple(let items):
            let kind = { if case .list = value { return "list" } else { return "tuple" } }()
            return "{\"kind\": \"\(kind)\", \"items\": [" + items.map { json($0, storages: &storages) }.joined(separator: ", ") + "]}"
        case .dict(let pairs), .orderedDict(let pairs):
            let kind = { if case .dict = value { return "dict" } else { return "orderedDict" } }()
            return "{\"kind\": \"\(kind)\", \"items\": [" + pairs.map { "[" + json($0.key, storages: &storages) + ", " + json($0.value, storages: &storages) + "]" }.joined(separator: ", ") + "]}"
        case .tensor(let t):
            let id = ObjectIdentifier(t.storage)
            if storages[id] == nil { storages[id] = storages.count }
            let vals = values(t).map { t.dtype.isFloatingPoint ? num($0) : String(Int($0)) }
            return "{\"kind\": \"tensor\", \"dtype\": \"\(t.dtype.shortName)\", \"shape\": \(t.shape), \"stride\": \(t.strides), \"offset\": \(t.storageOffset), \"requires_grad\": \(t.requiresGrad), \"parameter\": \(t.isParameter), \"storage\": \(storages[id] ?? 0), \"values\": [\(vals.joined(separator: ", "))]}"
        }
    }
}
