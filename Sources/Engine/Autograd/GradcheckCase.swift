/// One entry of the gradcheck registry: a differentiable op applied to random float64 inputs.
///
/// Every op file declares its entries next to the op (`extension GradcheckCase { static let
/// arithmetic = [...] }`); `GradcheckCase.all` gathers the families, so `wick gradcheck` and
/// the table-driven test check every op with one call.
public struct GradcheckCase {
    /// `op/variant`, such as `mul/broadcast`.
    public let name: String
    /// Makes the float64 inputs (leaves requiring grad) from a seeded generator.
    public let makeInputs: (Generator) throws -> [Tensor]
    /// The function whose Jacobian is checked, with all its outputs.
    public let outputs: ([Tensor]) throws -> [Tensor]
    /// Finite-difference step and tolerances passed to `gradcheck` (PyTorch's defaults unless
    /// the case needs otherwise, see `with(eps:atol:rtol:)`).
    public private(set) var eps = 1e-6, atol = 1e-5, rtol = 1e-3

    /// A case whose function has one output.
    public init(_ name: String, inputs makeInputs: @escaping (Generator) throws -> [Tensor],
                _ function: @escaping ([Tensor]) throws -> Tensor) {
        self.name = name
        self.makeInputs = makeInputs
        self.outputs = { [try function($0)] }
    }

    /// Convenience: inputs of the given shapes, uniform in [low, high).
    public init(_ name: String, shapes: [[Int]], range: ClosedRange<Double> = -1...1,
                _ function: @escaping ([Tensor]) throws -> Tensor) {
        self.init(name, inputs: { g in try shapes.map { try GradcheckCase.uniform($0, range, g) } }, function)
    }

    /// A case whose function has several outputs (every output that requires grad is checked).
    public init(_ name: String, inputs makeInputs: @escaping (Generator) throws -> [Tensor],
                outputs: @escaping ([Tensor]) throws -> [Tensor]) {
        self.name = name
        self.makeInputs = makeInputs
        self.outputs = outputs
    }

    /// Convenience: several outputs, inputs of the given shapes uniform in [low, high).
    public init(_ name: String, shapes: [[Int]], range: ClosedRange<Double> = -1...1,
                outputs: @escaping ([Tensor]) throws -> [Tensor]) {
        self.init(name, inputs: { g in try shapes.map { try GradcheckCase.uniform($0, range, g) } }, outputs: outputs)
    }

    /// The first output of the function (for single-output cases, the function itself).
    public var function: ([Tensor]) throws -> Tensor {
        let outputs = self.outputs
        return { inputs in
            guard let first = try outputs(inputs).first else {
                throw TensorError.runtime("gradcheck case returned no outputs")
            }
            return first
        }
    }

    /// This case with another finite-difference step or tolerances (nil keeps the current one).
    public func with(eps: Double? = nil, atol: Double? = nil, rtol: Double? = nil) -> GradcheckCase {
        var copy = self
        copy.eps = eps ?? self.eps
        copy.atol = atol ?? self.atol
        copy.rtol = rtol ?? self.rtol
        return copy
    }

    /// A float64 leaf requiring grad with elements uniform in `range`.
    public static func uniform(_ shape: [Int], _ range: ClosedRange<Double>, _ generator: Generator) throws -> Tensor {
        try checkShape(shape)
        let t = Tensor(zeros: shape, dtype: .float64)
        generator.fillUniform(UnsafeMutableBufferPointer(start: t.pointer(Double.self), count: t.numel),
                              from: range.lowerBound, to: range.upperBound)
        return try t.setRequiresGrad()
    }

    /// Runs gradcheck on this case with inputs drawn from a generator seeded with `seed`.
    /// Never throws: an error of the op itself (or a notImplemented) comes back as a failed
    /// result whose `failure` is the error's text.
    public func run(seed: UInt64 = 0) -> GradcheckResult {
        let failed = { (message: String) in
            GradcheckResult(passed: false, maxAbsError: .nan, maxRelError: .nan, numerical: [],
                            analytical: [], failure: message, warnings: [])
        }
        do {
            let inputs = try makeInputs(Generator(seed: seed))
            return try gradcheck(outputs, inputs: inputs, eps: eps, atol: atol, rtol: rtol, raiseException: false)
        } catch {
            return failed(String(describing: error))
        }
    }

    /// Every registered case, family by family.
    public static var all: [GradcheckCase] {
        arithmetic + views + reductions + pointwise + comparisonAndSelection + shapeOps + indexing + linearAlgebra
            + conversion + randomSampling + nnCore + activations + losses + convolution + pooling + normalization
            + embedding + recurrent
    }
}

extension GradcheckCase {
    /// add, sub, mul, div, neg (Ops/Arithmetic.swift).
    static let arithmetic: [GradcheckCase] = [
        GradcheckCase("add/same", shapes: [[2, 3], [2, 3]]) { try $0[0].add($0[1], alpha: 2) },
        GradcheckCase("add/broadcast", shapes: [[2, 3], [3]]) { try $0[0] + $0[1] },
        GradcheckCase("add/0d", shapes: [[], [2, 2]]) { try $0[0] + $0[1] },
        GradcheckCase("sub/broadcast", shapes: [[4, 1], [3]]) { try $0[0].sub($0[1], alpha: 0.5) },
        GradcheckCase("rsub/scalar", shapes: [[3]]) { try $0[0].rsub(2.0) },
        GradcheckCase("mul/broadcast", shapes: [[2, 1, 3], [4, 1]]) { try $0[0] * $0[1] },
        GradcheckCase("mul/scalar", shapes: [[3]]) { try $0[0] * 3.0 },
        GradcheckCase("mul/0d", shapes: [[], []]) { try $0[0] * $0[1] },
        GradcheckCase("div/broadcast", inputs: { g in
            [try uniform([2, 3], -1...1, g), try uniform([3], 0.5...2, g)] }) { try $0[0] / $0[1] },
        GradcheckCase("div/scalar", shapes: [[2, 2]]) { try $0[0] / 4.0 },
        GradcheckCase("neg", shapes: [[5]]) { try $0[0].neg() },
    ]

    /// View ops (Ops/View.swift).
    static let views: [GradcheckCase] = [
        GradcheckCase("view", shapes: [[2, 6]]) { try $0[0].view([3, -1]) },
        GradcheckCase("reshape/noncontiguous", shapes: [[3, 4]]) { try $0[0].t().reshape([12]) },
        GradcheckCase("expand", shapes: [[3, 1]]) { try $0[0].expand([2, 3, 4]) },
        GradcheckCase("unsqueeze", shapes: [[3]]) { try $0[0].unsqueeze(-1) },
        GradcheckCase("squeeze", shapes: [[1, 3, 1]]) { try $0[0].squeeze() },
        GradcheckCase("squeeze/dim", shapes: [[1, 3]]) { try $0[0].squeeze(0) },
        GradcheckCase("permute", shapes: [[2, 3, 4]]) { try $0[0].permute([2, 0, 1]) },
        GradcheckCase("transpose", shapes: [[2, 3, 4]]) { try $0[0].transpose(0, 2) },
        GradcheckCase("t", shapes: [[2, 3]]) { try $0[0].t() },
        GradcheckCase("clone", shapes: [[2, 3]]) { $0[0].clone() },
        GradcheckCase("sum/all", shapes: [[2, 3]]) { try $0[0].sum() },
        GradcheckCase("sum/dims", shapes: [[2, 3, 4]]) { try $0[0].sum(dims: [0, 2]) },
        GradcheckCase("sum/keepdim", shapes: [[2, 3]]) { try $0[0].sum(dims: [-1], keepdim: true) },
        // Through float32 the function is only accurate to ~1e-7: a larger step keeps the
        // central difference meaningful (eps=1e-6 fails in PyTorch as well).
        GradcheckCase("to/float32", shapes: [[3]]) { try $0[0].to(.float32).to(.float64) }.with(eps: 1e-3),
    ]
}
