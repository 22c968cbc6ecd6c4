/// How ops attach themselves to the autograd graph. Every op file calls `recordOp` (or
/// `recordInPlace`) right after computing its forward result, next to its backward formula.
extension Tensor {
    /// Where a gradient for this tensor goes: its grad_fn, or its leaf's AccumulateGrad, or
    /// nowhere for tensors that do not require grad.
    func gradientEdge() -> (node: Node, inputNr: Int)? {
        if base != nil { refreshStaleView() }
        if let fn = gradFn { return (fn, outputNr) }
        guard leafRequiresGrad else { return nil }
        if let cached = gradAccumulatorCache { return (cached, 0) }
        let accumulator = Node(accumulating: self)
        gradAccumulatorCache = accumulator
        return (accumulator, 0)
    }

    /// A view sharing this tensor's storage and version counter but not its grad_fn, for
    /// saving an op's own output without a reference cycle.
    func aliasForSaving() -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: storageOffset, version: version)
    }
}

/// True when an op with these inputs must be recorded.
@inline(__always) func needsGrad(_ inputs: [Tensor?]) -> Bool {
    GradMode.enabled && inputs.contains { $0?.requiresGrad == true }
}

/// Makes `name` the grad_fn of `outputs` when grad mode is on and an input requires grad.
///
/// `inputs` are the op's differentiable inputs in the order the formula returns their
/// gradients (nil for an argument that is not a tensor). `saving` are tensors the formula
/// reads; they are checked against in-place changes before backward uses them. An output may
/// be saved: it is kept as an alias, so no reference cycle forms.
func recordOp(_ name: String, inputs: [Tensor?], outputs: [Tensor], saving: [Tensor] = [],
              _ formula: @escaping BackwardFormula) {
    guard needsGrad(inputs) else { return }
    let saved = saving.map { t -> SavedTensor in
        let outputNr = outputs.firstIndex { $0 === t }
        var entry = SavedTensor(tensor: outputNr != nil ? t.aliasForSaving() : t, savedVersion: t.version.value,
                                outputOf: outputNr != nil ? name : (t.gradFn.map { $0.name }))
        entry.ownOutputNr = outputNr
        return entry
    }
    let node = Node(name: name, nextEdges: inputs.map { $0?.gradientEdge() },
                    inputMeta: inputs.map { ($0?.shape ?? [], $0?.dtype ?? .float32) },
                    outputMeta: outputs.map { ($0.shape, $0.dtype) }, saved: saved, formula: formula)
    if GradMode.detectAnomaly { node.anomalyTrace = Autograd.anomalyTraceProvider?() }
    for (i, out) in outputs.enumerated() {
        out.gradFn = node
        out.outputNr = i
    }
}

extension Tensor {
    /// Checks PyTorch's rules for modifying this tensor in place; call before writing.
    func checkInPlace() throws {
        guard GradMode.enabled else { return }
        if isLeaf && leafRequiresGrad {
            throw TensorError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        }
        if let base, base.isLeaf, base.leafRequiresGrad {
            throw TensorError.runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        }
        try checkViewInPlace()
    }

    /// Marks this tensor as modified in place (bumps the version shared with its views).
    func bumpVersion() { version.bump() }

    /// Records an in-place op on this tensor: its new grad_fn takes the old one's place.
    /// `others` are the op's other differentiable inputs; the formula returns gradients for
    /// [self-before-the-op] + others. On a view, the base gets PyTorch's `CopySlices` around
    /// the formula and the view `AsStridedBackward0` (Autograd/CopySlices.swift).
    func recordInPlace(_ name: String, others: [Tensor?], saving: [Tensor] = [],
                       _ formula: @escaping BackwardFormula) throws {
        guard needsGrad([self, base] + others) else { return }
        let saved = saving.map { SavedTensor(tensor: $0 === self ? $0.aliasForSaving() : $0,
                                             savedVersion: $0.version.value, outputOf: nil) }
        if let root = base {
            try recordCopySlices(name, root: root, others: others, saved: saved, formula)
            return
        }
        let inputs = [self] + others
        let node = Node(name: name, nextEdges: inputs.map { $0?.gradientEdge() },
                        inputMeta: inputs.map { ($0?.shape ?? [], $0?.dtype ?? .float32) },
                        outputMeta: [(shape, dtype)], saved: saved, formula: formula)
        if GradMode.detectAnomaly { node.anomalyTrace = Autograd.anomalyTraceProvider?() }
        gradFn = node
        outputNr = 0
    }
}
