import Foundation
import XCTest
@testable import Engine

/// Access to Tests/Fixtures/layers.json (made by make_layers_fixtures.py): functional cases
/// run through the Engine's API and compared with PyTorch (values, grad_fn graph, gradients,
/// running statistics, error texts).
enum LayerFixtures {
    /// Every case of layers.json, in file order.
    static let cases: [[String: Any]] = (try? Fixtures.load("layers.json"))?["cases"] as? [[String: Any]] ?? []

    /// The case with this id.
    static func named(_ id: String) throws -> [String: Any] {
        guard let c = cases.first(where: { $0["id"] as? String == id }) else { throw FixtureError("layers.json has no case \(id)") }
        return c
    }

    /// The functional cases whose `fn` is one of `fns`.
    static func functional(_ fns: Set<String>) -> [[String: Any]] {
        cases.filter { ($0["fn"] as? String).map(fns.contains) ?? false }
    }
}

/// `Name(child, child)` with `None` for a missing edge, as the fixture script writes graphs.
func layerGraph(_ node: Node?) -> String {
    guard let node else { return "None" }
    let name = node.isAccumulateGrad ? "AccumulateGrad" : node.name
    let kids = node.nextFunctions.map { layerGraph($0.node) }
    return kids.isEmpty ? name : name + "(" + kids.joined(separator: ", ") + ")"
}

/// Reads int-or-tuple keyword arguments as lists.
private func ints(_ v: Any?, _ fallback: [Int]) -> [Int] {
    if let i = v as? Int { return [i] }
    if let l = v as? [Int] { return l }
    return fallback
}

/// Runs functional case `c` on fresh inputs (by name); returns the outputs.
func runLayerCase(_ c: [String: Any], _ inputs: [String: Tensor]) throws -> [Tensor] {
    let fn = c["fn"] as? String ?? ""
    let kw = c["kwargs"] as? [String: Any] ?? [:]
    let x = inputs["input"] ?? Tensor(zeros: [])
    let w = inputs["weight"], b = inputs["bias"]
    func weight() throws -> Tensor {
        guard let w else { throw FixtureError("\(fn): no weight") }
        return w
    }
    func padding() -> ConvPadding {
        if let s = kw["padding"] as? String { return (try? ConvPadding(s)) ?? .sizes([-999]) }
        return .sizes(ints(kw["padding"], [0]))
    }
    switch fn {
    case "conv1d", "conv2d":
        if let s = kw["padding"] as? String { _ = try ConvPadding(s) }
        let f = fn == "conv1d" ? Tensor.conv1d : Tensor.conv2d
        return [try f(x, try weight(), b, ints(kw["stride"], [1]), padding(), ints(kw["dilation"], [1]), kw["groups"] as? Int ?? 1)]
    case "conv_transpose1d", "conv_transpose2d":
        let f = fn == "conv_transpose1d" ? Tensor.convTranspose1d : Tensor.convTranspose2d
        return [try f(x, try weight(), b, ints(kw["stride"], [1]), ints(kw["padding"], [0]), ints(kw["output_padding"], [0]),
                      kw["groups"] as? Int ?? 1, ints(kw["dilation"], [1]))]
    case "max_pool2d":
        let r = try x.maxPool2dWithIndices(kernelSize: ints(kw["kernel_size"], []), stride: ints(kw["stride"], []),
                                           padding: ints(kw["padding"], [0]), dilation: ints(kw["dilation"], [1]),
                                           ceilMode: kw["ceil_mode"] as? Bool ?? false)
        return kw["return_indices"] as? Bool == true ? [r.output, r.indices] : [r.output]
    case "max_pool1d":
        let r = try x.maxPool1dWithIndices(kernelSize: kw["kernel_size"] as? Int ?? 0, stride: kw["stride"] as? Int,
                                           padding: kw["padding"] as? Int ?? 0, dilation: kw["dilation"] as? Int ?? 1,
                                           ceilMode: kw["ceil_mode"] as? Bool ?? false)
        return kw["return_indices"] as? Bool == true ? [r.output, r.indices] : [r.output]
    case "avg_pool2d":
        return [try x.avgPool2d(kernelSize: ints(kw["kernel_size"], []), stride: ints(kw["stride"], []),
                                padding: ints(kw["padding"], [0]), ceilMode: kw["ceil_mode"] as? Bool ?? false,
                                countIncludePad: kw["count_include_pad"] as? Bool ?? true,
                                divisorOverride: kw["divisor_override"] as? Int)]
    case "adaptive_avg_pool2d":
        let size: [Int?] = (kw["output_size"] as? [Any]).map { $0.map { $0 as? Int } } ?? [kw["output_size"] as? Int]
        return [try x.adaptiveAvgPool2d(size)]
    case "batch_norm":
        return [try Tensor.batchNorm(x, runningMean: inputs["running_mean"], runningVar: inputs["running_var"], weight: w,
                                     bias: b, training: kw["training"] as? Bool ?? false,
                                     momentum: kw["momentum"] as? Double ?? 0.1, eps: kw["eps"] as? Double ?? 1e-5)]
    case "layer_norm":
        return [try Tensor.layerNorm(x, normalizedShape: ints(kw["normalized_shape"], []), weight: w, bias: b,
                                     eps: kw["eps"] as? Double ?? 1e-5)]
    case "embedding":
        return [try Tensor.embedding(x, try weight(), paddingIdx: kw["padding_idx"] as? Int)]
    case "pad":
        return [try x.pad(ints(kw["pad"], []), mode: kw["mode"] as? String ?? "constant", value: kw["value"] as? Double)]
    default:
        throw FixtureError("unknown fn \(fn)")
    }
}

/// Runs every functional case of `fns` and checks it against PyTorch; `skipGraph` names cases
/// whose graph below the top node is not compared; `float32Atol` widens the absolute tolerance
/// of float32 values (sums of many products cancel: PyTorch's own result is off by a few 1e-6
/// there, in another summation order). Returns the number of cases checked.
@discardableResult
func checkLayerCases(_ fns: Set<String>, skipGraph: Set<String> = [], float32Atol: Double? = nil, file: StaticString = #filePath,
                     line: UInt = #line) -> Int {
    let cases = LayerFixtures.functional(fns)
    XCTAssertFalse(cases.isEmpty, "no fixtures for \(fns)", file: file, line: line)
    for c in cases {
        let id = c["id"] as? String ?? "?"
        var inputs: [String: Tensor] = [:]
        do {
            for spec in c["inputs"] as? [[String: Any]] ?? [] {
                let t = try fixtureTensor(spec)
                if spec["requires_grad"] as? Bool == true { try t.setRequiresGrad() }
                inputs[spec["name"] as? String ?? ""] = t
            }
        } catch {
            XCTFail("\(id): \(error)", file: file, line: line)
            continue
        }
        if let e = c["error"] as? [String: Any] {
            do {
                _ = try runLayerCase(c, inputs)
                XCTFail("\(id): expected \(e["message"] ?? "")", file: file, line: line)
            } catch let err as TensorError {
                XCTAssertEqual(err.message, e["message"] as? String, id, file: file, line: line)
                XCTAssertEqual(err.kind.rawValue, e["type"] as? String, id, file: file, line: line)
            } catch {
                XCTFail("\(id): \(error)", file: file, line: line)
            }
            continue
        }
        do {
            let outs = try runLayerCase(c, inputs)
            let expected = (c["output"] as? [[String: Any]]) ?? [c["output"] as? [String: Any] ?? [:]]
            XCTAssertEqual(outs.count, expected.count, id, file: file, line: line)
            func atol(_ t: Tensor?) -> Double? { t?.dtype == .float32 ? float32Atol : nil }
            for (o, e) in zip(outs, expected) { assertMatches(o, e, "\(id).output", atol: atol(o), file: file, line: line) }
            guard let first = outs.first else { continue }
            XCTAssertEqual(first.gradFn?.name, c["grad_fn"] as? String, "\(id).grad_fn", file: file, line: line)
            if !skipGraph.contains(id) {
                XCTAssertEqual(layerGraph(first.gradFn), c["graph"] as? String, "\(id).graph", file: file, line: line)
            }
            if let go = c["grad_output"] as? [String: Any] {
                try first.backward(gradient: fixtureTensor(go))
                for (name, g) in c["grads"] as? [String: Any] ?? [:] {
                    let grad = inputs[name]?.grad
                    assertMatches(grad, g as? [String: Any], "\(id).grad[\(name)]", atol: atol(grad), file: file, line: line)
                }
            }
            for (name, t) in c["after"] as? [String: Any] ?? [:] {
                assertMatches(inputs[name], t as? [String: Any], "\(id).after[\(name)]", file: file, line: line)
            }
        } catch {
            XCTFail("\(id): \(error)", file: file, line: line)
        }
    }
    return cases.count
}
