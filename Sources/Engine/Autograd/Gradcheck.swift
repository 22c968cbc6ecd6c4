/// `torch.autograd.gradcheck` (slow mode): compares the Jacobian that backward computes with
/// central differences, with PyTorch's checks and failure messages.
///
/// Both Jacobians have PyTorch's layout: for output i and input j, a tensor of shape
/// [numel of input j, numel of output i] (row r holds the derivatives of every output element
/// with respect to element r of the input). Inputs and outputs are counted as PyTorch counts
/// them in "Jacobian mismatch for output i with respect to input j": only outputs and
/// inputs that require grad.
///
/// Differences from PyTorch: inputs are tensors only (bind other arguments in `fn`); wick has
/// no undefined gradients (a missing output gradient is zero-filled), so
/// `check_undefined_grad` reduces to the zero-`grad_output` check that always runs; fast
/// mode, forward AD, batched and sparse checks do not exist.

/// The error gradcheck raises on a failed check (`torch.autograd.GradcheckError`, a subclass
/// of `RuntimeError`).
public struct GradcheckError: Error, CustomStringConvertible {
    /// PyTorch's message, such as "Jacobian mismatch for output 0 with respect to input 0,…".
    public let message: String
    /// What was computed up to the failure (nil for failures before any Jacobian).
    public let result: GradcheckResult?

    /// An error with PyTorch's `message` and what was computed before the failure.
    public init(_ message: String, result: GradcheckResult? = nil) {
        self.message = message
        self.result = result
    }

    /// `GradcheckError: message`, as Python prints it.
    public var description: String { "GradcheckError: \(message)" }
}

/// What `gradcheck` found.
public struct GradcheckResult {
    /// True when every check passed.
    public var passed: Bool
    /// Largest |analytical − numerical| over every Jacobian element.
    public var maxAbsError: Double
    /// Largest |analytical − numerical| / |numerical| over the elements whose numerical value
    /// is not zero (where it is zero, `maxAbsError` tells).
    public var maxRelError: Double
    /// numerical[i][j]: by central differences, output i with respect to input j.
    public var numerical: [[Tensor]]
    /// analytical[i][j]: from backward with one-hot `grad_outputs`, output i w.r.t. input j.
    public var analytical: [[Tensor]]
    /// The GradcheckError message of the first failed check, nil when passed.
    public var failure: String?
    /// UserWarnings raised (also sent to `Autograd.warn`), such as the one for float32 inputs.
    public var warnings: [String]
}

/// `torch.autograd.gradcheck(fn, inputs, eps=, atol=, rtol=, raise_exception=, nondet_tol=)`
/// for a function with several outputs. With `raiseException` a failed check throws
/// `GradcheckError`; without, it is reported in the result. Errors of `fn` itself and of
/// misuse (no input requiring grad, inputs with stride 0) are thrown either way.
///
/// Inputs that require grad should be float64: PyTorch only warns for others (and the check
/// then usually fails, as eps = 1e-6 is below float32 resolution); wick does the same.
@discardableResult
public func gradcheck(_ fn: ([Tensor]) throws -> [Tensor], inputs: [Tensor], eps: Double = 1e-6,
                      atol: Double = 1e-5, rtol: Double = 1e-3, raiseException: Bool = true,
                      nondetTol: Double = 0) throws -> GradcheckResult {
    let result = try withoutActuallyEscaping(fn) { fn in
        var checker = GradientChecker(fn: fn, inputs: inputs, eps: eps, atol: atol, rtol: rtol, nondetTol: nondetTol)
        return try checker.run()
    }
    if raiseException, let failure = result.failure { throw GradcheckError(failure, result: result) }
    return result
}

/// `torch.autograd.gradcheck` for a function with one output.
@discardableResult
public func gradcheck(_ fn: ([Tensor]) throws -> Tensor, inputs: [Tensor], eps: Double = 1e-6,
                      atol: Double = 1e-5, rtol: Double = 1e-3, raiseException: Bool = true,
                      nondetTol: Double = 0) throws -> GradcheckResult {
    try gradcheck({ [try fn($0)] }, inputs: inputs, eps: eps, atol: atol, rtol: rtol,
                  raiseException: raiseException, nondetTol: nondetTol)
}

/// The steps of slow-mode gradcheck, in PyTorch's order.
private struct GradientChecker {
    let fn: ([Tensor]) throws -> [Tensor]
    let inputs: [Tensor]
    let eps, atol, rtol, nondetTol: Double
    var result = GradcheckResult(passed: true, maxAbsError: 0, maxRelError: 0, numerical: [],
                                 analytical: [], failure: nil, warnings: [])

    init(fn: @escaping ([Tensor]) throws -> [Tensor], inputs: [Tensor], eps: Double, atol: Double,
         rtol: Double, nondetTol: Double) {
        self.fn = fn
        self.inputs = inputs
        self.eps = eps
        self.atol = atol
        self.rtol = rtol
        self.nondetTol = nondetTol
    }

    mutating func run() throws -> GradcheckResult {
        try checkInputs()
        let funcOut = try fn(inputs)
        let outputs = funcOut.filter { $0.requiresGrad }
        let diffInputs = inputs.filter { $0.requiresGrad }
        // Numerical Jacobians of every output; only those of outputs requiring grad are compared.
        let allNumerical = try numericalJacobians(diffInputs, funcOut)
        guard !outputs.isEmpty else {
            if allNumerical.joined().contains(where: { $0.doubles.contains { $0 != 0 } }) {
                fail("Numerical gradient for function expected to be zero")
            }
            return result
        }
        result.numerical = funcOut.indices.filter { funcOut[$0].requiresGrad }.map { allNumerical[$0] }
        for (i, output) in outputs.enumerated() {
            let analytical = try analyticalJacobian(output, diffInputs)
            result.analytical.append(analytical)
            for (j, a) in analytical.enumerated() {
                let n = result.numerical[i][j]
                let (close, absError, relError) = compare(a, n)
                result.maxAbsError = absError.isNaN || result.maxAbsError.isNaN ? .nan : Swift.max(result.maxAbsError, absError)
                result.maxRelError = relError.isNaN || result.maxRelError.isNaN ? .nan : Swift.max(result.maxRelError, relError)
                if !close {
                    fail("Jacobian mismatch for output \(i) with respect to input \(j),\nnumerical:\(String(describing: n))\nanalytical:\(String(describing: a))\n")
                }
            }
        }
        try checkBackwardMultipliedByGradOutput(outputs, diffInputs)
        return result
    }

    /// Records the first failure (later ones are not reported, as PyTorch stops at the first).
    private mutating func fail(_ message: String) {
        if result.failure == nil { result.failure = message }
        result.passed = false
    }

    /// `_check_inputs`: dtype warning, stride-0 inputs, at least one input requiring grad.
    private mutating func checkInputs() throws {
        var anyRequiresGrad = false
        for (idx, input) in inputs.enumerated() where input.requiresGrad {
            if input.dtype != .float64 {
                let warning = "Input #\(idx) requires gradient and is not a double precision floating point or complex. This check will likely fail if all the inputs are not of double precision floating point or complex. "
                result.warnings.append(warning)
                Autograd.warn(warning)
            }
            if zip(input.strides, input.shape).contains(where: { $0.0 <= 0 && $0.1 > 1 }) {
                throw TensorError.runtime("The \(idx)th input has a dimension with stride 0. gradcheck only supports inputs that are non-overlapping to be able to compute the numerical gradients correctly. You should call .contiguous on the input before passing it to gradcheck.")
            }
            anyRequiresGrad = true
        }
        guard anyRequiresGrad else {
            throw TensorError.value("gradcheck expects at least one input tensor to require gradient, but none of them have requires_grad=True.")
        }
    }

    /// Central differences: each element of each input is moved by ±eps in place (through
    /// its storage, like PyTorch's `.data`, so versions do not change) and `fn` is re-run.
    /// Returns jacobians[output][input], each of shape [input numel, output numel].
    private func numericalJacobians(_ diffInputs: [Tensor], _ funcOut: [Tensor]) throws -> [[Tensor]] {
        var columns = funcOut.map { _ in [[Double]]() }  // [output][input] → flat row-major buffer
        for input in diffInputs {
            let n = input.numel
            var perOutput = funcOut.map { [Double](repeating: 0, count: n * $0.numel) }
            for (row, index) in logicalIndices(input.shape).enumerated() {
                let offset = zip(index, input.strides).reduce(input.storageOffset) { $0 &+ $1.0 &* $1.1 }
                let original = input.storage.doubleValue(at: offset)
                input.storage.setDouble(perturbed(original, -eps, input.dtype), at: offset)
                let before = try evaluate()
                input.storage.setDouble(perturbed(original, eps, input.dtype), at: offset)
                let after = try evaluate()
                input.storage.setDouble(original, at: offset)
                guard before.count == after.count, before.count == funcOut.count else {
                    throw TensorError.runtime("gradcheck: fn returned a different number of outputs when its inputs were perturbed")
                }
                for k in funcOut.indices {
                    try checkSameShape(before[k], after[k], index)
                    let a = before[k], b = after[k]
                    let width = funcOut[k].numel
                    guard a.numel == width else { continue }
                    let column = centralDifference(a, b)
                    for c in 0..<width { perOutput[k][row * width + c] = column[c] }
                }
            }
            for k in funcOut.indices { columns[k].append(perOutput[k]) }
        }
        return try funcOut.indices.map { k in
            try diffInputs.indices.map { j in
                let dtype = funcOut[k].dtype.isFloatingPoint ? funcOut[k].dtype : DType.defaultFloat
                return try Tensor(columns[k][j], shape: [diffInputs[j].numel, funcOut[k].numel], dtype: dtype)
            }
        }
    }

    /// `fn` on the current inputs, outputs copied (`a.clone()` in PyTorch).
    private func evaluate() throws -> [Tensor] {
        try fn(inputs).map { $0.contiguousCopy() }
    }

    /// `_check_outputs_same_dtype_and_shape`.
    private func checkSameShape(_ a: Tensor, _ b: Tensor, _ index: [Int]) throws {
        let idx = "(" + index.map(String.init).joined(separator: ", ") + (index.count == 1 ? ",)" : ")")
        if a.shape != b.shape {
            throw TensorError.runtime("Expected `func` to return outputs with the same shape when inputs are perturbed on index \(idx) by \(formatPythonFloat(eps)), but got: shapes \(formatSize(a.shape)) and \(formatSize(b.shape)).")
        }
        if a.dtype != b.dtype {
            throw TensorError.runtime("Expected `func` to return outputs with the same dtype when inputs are perturbed on index \(idx) by \(formatPythonFloat(eps)), but got: dtypes \(a.dtype) and \(b.dtype).")
        }
    }

    /// (b − a) / (2·eps) in the outputs' dtype, as PyTorch computes it.
    private func centralDifference(_ a: Tensor, _ b: Tensor) -> [Double] {
        let x = a.doubles, y = b.doubles
        switch a.dtype {
        case .float32:
            let h = Float(2 * eps)
            return zip(x, y).map { Double((Float($0.1) - Float($0.0)) / h) }
        case .float64:
            return zip(x, y).map { ($0.1 - $0.0) / (2 * eps) }
        case .int32, .int64, .bool:
            let h = Float(2 * eps)
            return zip(x, y).map { Double(Float($0.1 - $0.0) / h) }
        }
    }

    /// `orig ± eps` rounded to the input's dtype.
    private func perturbed(_ value: Double, _ delta: Double, _ dtype: DType) -> Double {
        dtype == .float32 ? Double(Float(value) + Float(delta)) : value + delta
    }

    /// Backward once per output element with a one-hot `grad_outputs`, twice over to check
    /// that backward is deterministic. Returns one Jacobian per differentiable input.
    private mutating func analyticalJacobian(_ output: Tensor, _ diffInputs: [Tensor]) throws -> [Tensor] {
        let first = try analyticalRows(output, diffInputs)
        let second = try analyticalRows(output, diffInputs)
        var sizesOK = true, typesOK = true
        var jacobians: [Tensor] = []
        var reentrant = true
        for j in diffInputs.indices {
            let input = diffInputs[j]
            var values = [Double](repeating: 0, count: input.numel * output.numel)
            for (k, grads) in first.enumerated() {
                guard let g = grads[j] else { continue }
                if g.shape != input.shape { sizesOK = false } else if g.dtype != input.dtype { typesOK = false }
                let flat = g.doubles
                guard flat.count == input.numel else { continue }
                for r in 0..<input.numel { values[r * output.numel + k] = flat[r] }
            }
            for k in second.indices {
                let a = first[k][j].map { $0.doubles } ?? [Double](repeating: 0, count: input.numel)
                let b = second[k][j].map { $0.doubles } ?? [Double](repeating: 0, count: input.numel)
                if input.numel > 0 && zip(a, b).contains(where: { !(abs($0.0 - $0.1) <= nondetTol) }) { reentrant = false }
            }
            jacobians.append(try Tensor(values, shape: [input.numel, output.numel], dtype: input.dtype))
        }
        // PyTorch unpacks _stack_and_check_tensors' (sizes, types) flags as (types, sizes), so a
        // wrong dtype reports "incorrect size"; a wrong size reports only with check_grad_dtypes.
        if !typesOK {
            fail("Analytical gradient has incorrect size")
        } else if !reentrant {
            fail("Backward is not reentrant, i.e., running backward with same input and grad_output multiple times gives different values, although analytical gradient matches numerical gradient.The tolerance for nondeterminism was \(formatPythonFloat(nondetTol)).\(nondeterminismNote)")
        }
        _ = sizesOK
        return jacobians
    }

    /// rows[k][j]: gradient of input j for the one-hot grad_output at output element k.
    private func analyticalRows(_ output: Tensor, _ diffInputs: [Tensor]) throws -> [[Tensor?]] {
        try (0..<output.numel).map { k in
            var oneHot = [Double](repeating: 0, count: output.numel)
            oneHot[k] = 1
            let gradOutput = try Tensor(oneHot, shape: output.shape, dtype: output.dtype)
            return try Autograd.grad(outputs: [output], inputs: diffInputs, gradOutputs: [gradOutput],
                                     retainGraph: true, allowUnused: true).map { $0?.contiguousCopy() }
        }
    }

    /// `torch.allclose(a, n, rtol, atol)` with the error sizes for the report.
    private func compare(_ a: Tensor, _ n: Tensor) -> (close: Bool, abs: Double, rel: Double) {
        var close = true, maxAbs = 0.0, maxRel = 0.0
        for (x, y) in zip(a.doubles, n.doubles) {
            let diff = abs(x - y)
            if !(diff <= atol + rtol * abs(y)) { close = false }
            if diff.isNaN { maxAbs = .nan; maxRel = .nan; continue }
            maxAbs = Swift.max(maxAbs, diff)
            if y != 0 { maxRel = Swift.max(maxRel, diff / abs(y)) }
        }
        return (close, maxAbs, maxRel)
    }

    /// `_test_backward_mul_by_grad_output`: zero grad_outputs must give zero gradients of the
    /// inputs' dtypes and shapes. Frees the graph, as PyTorch's call does.
    private mutating func checkBackwardMultipliedByGradOutput(_ outputs: [Tensor], _ diffInputs: [Tensor]) throws {
        let zeros = outputs.map { Tensor(zeros: $0.shape, dtype: $0.dtype) }
        let grads = try Autograd.grad(outputs: outputs, inputs: diffInputs, gradOutputs: zeros, allowUnused: true)
        for (g, input) in zip(grads, diffInputs) {
            guard let g else { continue }
            if g.doubles.contains(where: { $0 != 0 }) {
                fail("backward not multiplied by grad_output")
            } else if g.dtype != input.dtype {
                fail("grad is incorrect type")
            } else if g.shape != input.shape {
                fail("grad is incorrect size")
            }
        }
    }
}

/// Every index of `shape` in row-major order (one empty index for a 0-d shape).
private func logicalIndices(_ shape: [Int]) -> [[Int]] {
    let count = shape.reduce(1, *)
    guard count > 0 else { return [] }
    var result: [[Int]] = []
    result.reserveCapacity(count)
    var index = [Int](repeating: 0, count: shape.count)
    for _ in 0..<count {
        result.append(index)
        var d = shape.count - 1
        while d >= 0 {
            index[d] += 1
            if index[d] < shape[d] { break }
            index[d] = 0
            d -= 1
        }
    }
    return result
}

private extension Storage {
    /// Element `i` as a Double (floating dtypes; others read as their value).
    func doubleValue(at i: Int) -> Double {
        switch dtype {
        case .float32: return Double(pointer(Float.self)[i])
        case .float64: return pointer(Double.self)[i]
        case .int64: return Double(pointer(Int64.self)[i])
        case .int32: return Double(pointer(Int32.self)[i])
        case .bool: return pointer(Bool.self)[i] ? 1 : 0
        }
    }

    /// Writes element `i` (only floating inputs require grad, so only those are perturbed).
    func setDouble(_ value: Double, at i: Int) {
        switch dtype {
        case .float32: pointer(Float.self)[i] = Float(value)
        case .float64: pointer(Double.self)[i] = value
        case .int64, .int32, .bool: break
        }
    }
}

/// PyTorch's FAILED_NONDET_MSG, appended to the reentrancy failure.
private let nondeterminismNote = """
\n
NOTE: If your op relies on non-deterministic operations i.e., it is listed here:
https://pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html
this failure might be expected.

If you are adding a new operator, please file an issue and then use one of the
workarounds. The workaround depends on how your test invokes gradcheck/gradgradcheck.
If the test
- manually invokes gradcheck/gradgradcheck, then call gradcheck/gradgradcheck
  with `nondet_tol=<tol>` as a keyword argument.
- is OpInfo-based (e.g., in test_ops_gradients.py), then modify the OpInfo for the test
  to have `gradcheck_nondet_tol=<tol>`.
- is a Module test (e.g., in common_nn.py), then modify the corresponding
  module_test entry to have `gradcheck_nondet_tol=<tol>`

"""
