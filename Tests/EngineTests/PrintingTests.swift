import Foundation
import XCTest
@testable import Engine

/// Tensor printing against PyTorch 2.15's `repr`: every case of printing.json, every single
/// tensor `repr` of ops.json, and a few strings printed by torch and copied here.
final class PrintingTests: XCTestCase {
    /// PyTorch dtypes that wick does not have; their printing.json cases are skipped.
    static let foreignDTypes: Set<String> = ["float16", "int8", "int16", "uint8"]

    override func tearDown() {
        PrintOptions.current = PrintOptions()
        DType.defaultFloat = .float32
        super.tearDown()
    }

    func testPrintingFixtures() throws {
        let (checked, skipped) = try checkPrintingCases("printing.json")
        XCTAssertEqual(skipped, 4, "only the float16/int8/int16/uint8 cases are skipped")
        XCTAssertGreaterThan(checked, 100)
    }

    func testRandomizedPrintingFixtures() throws {
        let (checked, skipped) = try checkPrintingCases("printing_extra.json")
        XCTAssertEqual(skipped, 0)
        XCTAssertEqual(checked, 400)
    }

    /// Checks every case of a printing fixture file, with explicit options and through
    /// `PrintOptions.current`; returns how many cases ran and how many were skipped.
    func checkPrintingCases(_ file: String) throws -> (checked: Int, skipped: Int) {
        let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent(file))
        let cases = try JSONDecoder().decode(PrintingFile.self, from: data).cases
        var checked = 0, skipped = 0
        for c in cases {
            if Self.foreignDTypes.contains(c.tensor.dtype) { skipped += 1; continue }
            var t = try c.tensor.make()
            if c.requires_grad { try t.setRequiresGrad() }
            if c.transpose == true { t = try t.t() }
            if let name = c.grad_fn { try attachGradFn(name, to: t) }
            let o = c.options
            let options = PrintOptions(precision: o.precision, threshold: o.threshold, edgeitems: o.edgeitems ?? 3,
                                       linewidth: o.linewidth, sciMode: o.sci_mode)
            XCTAssertEqual(t.description(options: options), c.repr, c.id)
            // The global options give the same string, and str() == repr().
            PrintOptions.withOptions(options) { XCTAssertEqual("\(t)", c.repr, "\(c.id) via PrintOptions.current") }
            checked += 1
        }
        return (checked, skipped)
    }

    /// The autograd part of reprs whose case runs code (or returns its input) instead of
    /// recording `grad_fn`: what that code leaves on the printed tensor.
    static let codeCaseAutograd: [String: String] = [
        "__pos__/f32": "requires_grad", "contiguous/already": "requires_grad",
        "autograd/inplace_leaf_requires_grad_under_no_grad_ok": "requires_grad",
        "autograd/leaf_repr_requires_grad": "requires_grad",
        "autograd/sum_repr_grad_fn": "SumBackward0",
        "chain/transpose_contiguous": "TBackward0", "chain/view_grad_flows": "SliceBackward0",
        "__setitem__/nonleaf_grad": "CopySlices", "__setitem__/nonleaf_grad_value_too": "CopySlices",
        "autograd/inplace_not_saved_ok": "AddBackward0", "autograd/inplace_relu_then_backward": "ReluBackward0",
        "autograd/shared_input_grad_sums": "AddBackward0", "autograd/detach_cuts_graph": "MulBackward0",
    ]

    func testOpsFixtureReprs() throws {
        var checked = 0
        for c in try Fixtures.opCases() {
            guard let expected = c.repr else { continue }
            let output = (c.raw["output"] as? [String: Any]) ?? (c.raw["output"] as? [[String: Any]])?.first
            guard let spec = output, spec["values"] != nil else { continue }
            if Self.foreignDTypes.contains(spec["dtype"] as? String ?? "") { continue }
            let t = try signedZeroTensor(spec)
            var gradFn = c.gradFn
            var requiresGrad = c.kwargs["requires_grad"] as? Bool == true
            switch Self.codeCaseAutograd[c.id] {
            case "requires_grad"?: requiresGrad = true
            case let name?: gradFn = name
            case nil: break
            }
            if let gradFn {
                try attachGradFn(gradFn, to: t)
            } else if requiresGrad {
                try t.setRequiresGrad()
            }
            XCTAssertEqual(t.description(options: PrintOptions()), expected, c.id)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 1300)
    }

    func testFormatPythonFloat() {
        // Expected strings are Python 3's repr() of each double.
        let cases: [(Double, String)] = [
            (1e16, "1e+16"), (1e-5, "1e-05"), (0.1, "0.1"), (123456789012345680.0, "1.2345678901234568e+17"),
            (Double.leastNonzeroMagnitude, "5e-324"), (-0.0, "-0.0"), (1.5, "1.5"), (100.0, "100.0"), (.nan, "nan"),
            (.infinity, "inf"), (-.infinity, "-inf"), (1e-4, "0.0001"), (0.0001234, "0.0001234"),
            (9999999999999998.0, "9999999999999998.0"), (1e15, "1000000000000000.0"),
            (123456.789, "123456.789"), (1.7976931348623157e308, "1.7976931348623157e+308"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"), (0.30000000000000004, "0.30000000000000004"),
            (1.0 / 3, "0.3333333333333333"), (-2.5e-7, "-2.5e-07"), (1e22, "1e+22"), (1e23, "1e+23"),
            (4.35, "4.35"), (1152921504606846976.0, "1.152921504606847e+18"), (0.0, "0.0"),
            (Double(bitPattern: 2), "1e-323"), (-Double(bitPattern: 1), "-5e-324"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(formatPythonFloat(value), expected, "repr(\(expected))")
        }
    }

    func testGlobalOptionsAndProfiles() throws {
        let x = try Tensor([1.12345] as [Double], shape: [1], dtype: .float32)
        let big = try Tensor((0..<2000).map { Double($0) * 0.5 }, shape: [2000], dtype: .float32)
        PrintOptions.set(profile: .short)
        XCTAssertEqual("\(big)", "tensor([0.00e+00, 5.00e-01,  ..., 9.99e+02, 1.00e+03])")
        XCTAssertEqual("\(x)", "tensor([1.12])")
        PrintOptions.set(precision: 2, sciMode: true)
        XCTAssertEqual(PrintOptions.current.sciMode, true)
        PrintOptions.set(linewidth: 100)
        XCTAssertEqual(PrintOptions.current.sciMode, nil, "set_printoptions always assigns sci_mode")
        XCTAssertEqual(PrintOptions.current.precision, 2)
        PrintOptions.set(profile: .default)
        XCTAssertEqual(PrintOptions.current, PrintOptions())
        XCTAssertEqual("\(x)", "tensor([1.1235])")
        PrintOptions.set(profile: .full)
        let ints = try Tensor((0...1000).map { Int64($0) }, shape: [1001])
        XCTAssertTrue("\(ints)".hasSuffix("92,  993,  994,  995,\n         996,  997,  998,  999, 1000])"))
        XCTAssertEqual(PrintOptions(profile: .full).threshold, .infinity)
        PrintOptions.set(profile: .default)
        struct Boom: Error {}
        XCTAssertThrowsError(try PrintOptions.withOptions(PrintOptions(precision: 1)) {
            XCTAssertEqual("\(x)", "tensor([1.1])")
            throw Boom()
        })
        XCTAssertEqual(PrintOptions.current, PrintOptions(), "withOptions restores on throw")
    }

    func testTorchPrintedStrings() throws {
        let arange = try Tensor((0..<6).map { Double($0) }, shape: [2, 3], dtype: .float32)
        XCTAssertEqual(try arange.t().description, "tensor([[0., 3.],\n        [1., 4.],\n        [2., 5.]])")
        let row = try Tensor([1.5, -2] as [Double], shape: [2], dtype: .float32)
        XCTAssertEqual(try row.expand([3, 2]).description,
                       "tensor([[ 1.5000, -2.0000],\n        [ 1.5000, -2.0000],\n        [ 1.5000, -2.0000]])")
        let edge0 = PrintOptions(edgeitems: 0)
        let long = try Tensor((0..<2000).map { Double($0) }, shape: [2000], dtype: .float32)
        XCTAssertEqual(long.description(options: edge0), "tensor([...], size=(2000,))")
        XCTAssertEqual(try long.view([2, 1000]).description(options: edge0), "tensor([...], size=(2, 1000))")
        XCTAssertEqual(Tensor(scalar: 2.5).description(options: edge0), "tensor(2.5000, size=())")
        let five = try Tensor((0..<5).map { Double($0) }, shape: [5], dtype: .float32)
        XCTAssertEqual(five.description(options: edge0), "tensor([0., 1., 2., 3., 4.], size=(5,))")
        let narrow = PrintOptions(linewidth: 5)
        let quarter = try Tensor([0, 1.5, 3, 4.5] as [Double], shape: [4], dtype: .float32)
        XCTAssertEqual(quarter.description(options: narrow),
                       "tensor([0.0000,\n        1.5000,\n        3.0000,\n        4.5000])")
        let p0 = PrintOptions(precision: 0, sciMode: true)
        XCTAssertEqual(try Tensor([1.5, 2.5, 123] as [Double], shape: [3], dtype: .float32).description(options: p0),
                       "tensor([2e+00, 2e+00, 1e+02])")
        XCTAssertEqual(Tensor(zeros: [2]).description(options: p0), "tensor([0., 0.])")
        XCTAssertEqual(try Tensor([1e300, -1e-300] as [Double], shape: [2], dtype: .float64).description,
                       "tensor([ 1.0000e+300, -1.0000e-300], dtype=torch.float64)")
        XCTAssertEqual(try Tensor([0, 1e-8, -0.0] as [Double], shape: [3], dtype: .float32).description,
                       "tensor([0.0000e+00, 1.0000e-08, -0.0000e+00])")
        XCTAssertEqual(try Tensor([-1e10, 1, 0] as [Double], shape: [3], dtype: .float32).description,
                       "tensor([-1.0000e+10,  1.0000e+00,  0.0000e+00])")
        let wrapped = try Tensor([123456.5, 2.25, 3, 4, 5, 6, 7.25] as [Double], shape: [7], dtype: .float64)
        try wrapped.setRequiresGrad()
        XCTAssertEqual(wrapped.description, "tensor([1.2346e+05, 2.2500e+00, 3.0000e+00, 4.0000e+00, 5.0000e+00, 6.0000e+00,\n        7.2500e+00], dtype=torch.float64, requires_grad=True)")
    }

    func testDefaultDTypeFloat64() throws {
        DType.defaultFloat = .float64
        XCTAssertEqual(try Tensor([1, 2] as [Double], shape: [2], dtype: .float32).description,
                       "tensor([1., 2.], dtype=torch.float32)")
        XCTAssertEqual(try Tensor([1, 2] as [Double], shape: [2], dtype: .float64).description, "tensor([1., 2.])")
        XCTAssertEqual(Tensor(zeros: [0], dtype: .float32).description, "tensor([], dtype=torch.float32)")
        XCTAssertEqual(Tensor(zeros: [0], dtype: .float64).description, "tensor([])")
    }

    func testGradFnSuffixFromRealOps() throws {
        let x = try Tensor([1, 2] as [Double], shape: [2], dtype: .float32)
        try x.setRequiresGrad()
        XCTAssertEqual(try x.sum().description, "tensor(3., grad_fn=<SumBackward0>)")
        let y = try x * Tensor(scalar: 2.0)
        XCTAssertEqual(y.description(options: PrintOptions(linewidth: 5)),
                       "tensor([2.,\n        4.],\n       grad_fn=<MulBackward0>)")
        XCTAssertEqual(x.detach().description, "tensor([1., 2.])")
    }

    func testSummarizedHugeTensorIsFast() throws {
        let zeros = Tensor(zeros: [1000, 1000])
        let start = Date()
        let text = zeros.description
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.05)
        let row = "[0., 0., 0.,  ..., 0., 0., 0.]"
        let middle = [row, row, row, "...", row, row, row].joined(separator: ",\n        ")
        XCTAssertEqual(text, "tensor([" + middle + "])")
    }

    func testUnusualOptionsDoNotTrap() throws {
        let x = try Tensor([1.5, -2, 3e9] as [Double], shape: [3], dtype: .float64)
        for options in [PrintOptions(precision: -3), PrintOptions(threshold: -1, edgeitems: -5),
                        PrintOptions(edgeitems: Int.max), PrintOptions(linewidth: Int.min),
                        PrintOptions(linewidth: Int.max), PrintOptions(threshold: .nan, sciMode: false)] {
            XCTAssertTrue(x.description(options: options).hasPrefix("tensor(["))
        }
        XCTAssertEqual(x.description(options: PrintOptions(precision: -3)),
                       "tensor([ 2e+00, -2e+00,  3e+09], dtype=torch.float64)")
    }
}

/// `fixtureTensor`, except that float values keep the sign of zero: on Linux a JSON `-0.0`
/// also casts to `Bool`, which `fixtureDouble` tries before reading the number.
func signedZeroTensor(_ spec: [String: Any]) throws -> Tensor {
    let dtype = fixtureDType(spec["dtype"] as? String)
    guard dtype.isFloatingPoint else { return try fixtureTensor(spec) }
    let values = (spec["values"] as? [Any] ?? []).map { v -> Double in
        if let n = v as? NSNumber, !(v is String) { return n.doubleValue }
        return fixtureDouble(v)
    }
    return try Tensor(values, shape: spec["shape"] as? [Int] ?? [], dtype: dtype)
}

/// Makes `t` the output of a recorded op named `name` (its backward is never run).
func attachGradFn(_ name: String, to t: Tensor) throws {
    let leaf = Tensor(zeros: [], dtype: .float64)
    try leaf.setRequiresGrad()
    recordOp(name, inputs: [leaf], outputs: [t]) { _, _ in [nil] }
}

/// printing.json and printing_extra.json, read with JSONDecoder: JSONSerialization on Linux
/// can misread a double's last bits, which shows in 16-digit fixed-point output.
struct PrintingFile: Decodable {
    struct Options: Decodable {
        let precision: Int, threshold: Double, edgeitems: Int?, linewidth: Int, sci_mode: Bool?
    }
    struct Case: Decodable {
        let id: String, tensor: TensorSpec, requires_grad: Bool, options: Options, repr: String
        let transpose: Bool?, grad_fn: String?
    }
    let cases: [Case]
}

/// A fixture tensor: {"shape", "dtype", "values"} with "nan"/"inf"/"-inf" spelled as strings.
struct TensorSpec: Decodable {
    /// One JSON value of a "values" array.
    enum Value: Decodable {
        case bool(Bool), text(String), number(Double, exactInt: Int64?)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b); return }
            if let s = try? c.decode(String.self) { self = .text(s); return }
            self = .number(try c.decode(Double.self), exactInt: try? c.decode(Int64.self))
        }
        var double: Double {
            switch self {
            case .bool(let b): return b ? 1 : 0
            case .text(let s): return s == "nan" ? .nan : (s == "-inf" ? -.infinity : (s == "inf" ? .infinity : .nan))
            case .number(let d, _): return d
            }
        }
    }
    let shape: [Int], dtype: String, values: [Value]

    func make() throws -> Tensor {
        let dt = fixtureDType(dtype)
        if dt == .int64 {
            return try Tensor(values.map { v -> Int64 in
                if case .number(_, let i?) = v { return i }
                return Int64(v.double)
            }, shape: shape)
        }
        return try Tensor(values.map(\.double), shape: shape, dtype: dt)
    }
}
