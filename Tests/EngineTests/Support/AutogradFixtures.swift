import Foundation
import XCTest
@testable import Engine

/// Access to Tests/Fixtures/autograd.json (made by make_autograd_fixtures.py) for the
/// autograd, custom function and gradcheck tests: values and messages by case id.

/// The cases of autograd.json by id.
let autogradCases: [String: [String: Any]] = {
    let cases = (try? Fixtures.load("autograd.json"))?["cases"] as? [[String: Any]] ?? []
    return Dictionary(cases.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
}()

func case_(_ id: String) throws -> [String: Any] {
    guard let c = autogradCases[id] else { throw FixtureError("autograd.json has no case \(id)") }
    return c
}

func value(_ id: String, _ key: String) throws -> Any? {
    guard let values = try case_(id)["values"] as? [String: Any], let v = values[key] else {
        throw FixtureError("autograd.json case \(id) has no value \(key)")
    }
    return v
}

/// The warnings recorded for case `id`, without PyTorch's "(Triggered internally at …)" tail.
func fixtureWarnings(_ id: String) throws -> [String] {
    (try case_(id)["warnings"] as? [String] ?? []).map { w in
        guard let r = w.range(of: " (Triggered internally at ") else { return w }
        return String(w[..<r.lowerBound])
    }
}

func bools(_ id: String, _ key: String) throws -> [Bool] { try value(id, key) as? [Bool] ?? [] }
func bool(_ id: String, _ key: String) throws -> Bool? { try value(id, key) as? Bool }
func ints(_ id: String, _ key: String) throws -> [Int] { try value(id, key) as? [Int] ?? [] }
func int(_ id: String, _ key: String) throws -> Int? { try value(id, key) as? Int }
func strings(_ id: String, _ key: String) throws -> [String] { try value(id, key) as? [String] ?? [] }

/// Asserts that `tensor` matches the tensor recorded under `key` of case `id`.
func expect(_ id: String, _ key: String, _ tensor: Tensor?, file: StaticString = #filePath, line: UInt = #line) throws {
    assertMatches(tensor, try value(id, key) as? [String: Any], "\(id).\(key)", file: file, line: line)
}

/// Asserts that `body` throws the error recorded for case `id`, with PyTorch's exact message.
func expectError(_ id: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) throws {
    guard let error = try case_(id)["error"] as? [String: Any], let message = error["message"] as? String else {
        throw FixtureError("autograd.json case \(id) records no error")
    }
    do {
        try body()
        XCTFail("\(id): expected \(error["type"] ?? "an error"): \(message)", file: file, line: line)
    } catch let e as TensorError {
        XCTAssertEqual(e.message, message, id, file: file, line: line)
        XCTAssertEqual(e.kind.rawValue, error["type"] as? String, id, file: file, line: line)
    } catch let e as GradcheckError {
        XCTAssertEqual(e.message, message, id, file: file, line: line)
        XCTAssertEqual("GradcheckError", error["type"] as? String, id, file: file, line: line)
    }
}

func f32(_ values: [Double], shape: [Int]? = nil) throws -> Tensor {
    try Tensor(values, shape: shape ?? [values.count], dtype: .float32)
}

func f64(_ values: [Double], shape: [Int]? = nil) throws -> Tensor {
    try Tensor(values, shape: shape ?? [values.count], dtype: .float64)
}
