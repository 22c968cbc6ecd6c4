/// A hook on a gradient: returns a replacement gradient, or nil to keep it.
public typealias GradientHook = (Tensor) throws -> Tensor?

/// A hook on a whole node (`grad_fn.register_prehook` / `register_hook`): sees the gradients
/// of the node's outputs (nil where none arrived), or, after the node ran, also the gradients
/// it computed for its inputs; returns replacements, or nil to keep them.
public typealias NodePreHook = (_ gradOutputs: [Tensor?]) throws -> [Tensor?]?
/// See `NodePreHook`: `(grad_inputs, grad_outputs) -> new grad_inputs or nil`.
public typealias NodePostHook = (_ gradInputs: [Tensor?], _ gradOutputs: [Tensor?]) throws -> [Tensor?]?

/// The backward formula of an op: gradients of the op's outputs in (zeros filled in for
/// outputs that got none), the tensors saved in forward, and out the gradients of its inputs
/// (nil where an input needs none).
public typealias BackwardFormula = (_ gradOutputs: [Tensor], _ saved: [Tensor]) throws -> [Tensor?]

/// A tensor kept for backward, with the version it had when saved, so that backward can
/// refuse to use it after an in-place change.
struct SavedTensor {
    /// The saved tensor itself when it is an input of the op (so its current grad_fn can be
    /// named), or an alias without grad_fn when it is the op's own output.
    let tensor: Tensor
    let savedVersion: Int
    /// Non-nil when the saved tensor had a grad_fn (or is the node's own output) at save time.
    let outputOf: String?
    /// Which output of the saving node this is, when it saved its own output.
    var ownOutputNr: Int? = nil

    /// The tensor, after checking that no in-place op changed it since it was saved.
    func unpack(for node: Node) throws -> Tensor {
        let current = tensor.version.value
        guard current == savedVersion else {
            // PyTorch names the tensor's grad_fn as it is now (for an input) or the node that
            // saved it (for an output, which is saved without its grad_fn), without "Backward0".
            var what = ""
            if let fn = tensor.gradFn {
                what = ", which is output \(tensor.outputNr) of \(opName(fn.name)),"
            } else if outputOf != nil {
                what = ", which is output 0 of \(opName(node.name)),"
            }
            throw TensorError.runtime("one of the variables needed for gradient computation has been modified by an inplace operation: [\(tensor.dtype.legacyTypeName) \(formatShapeList(tensor.shape))]\(what) is at version \(current); expected version \(savedVersion) instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")
        }
        // An output was saved without its grad_fn (no reference cycle); while differentiating
        // backward itself (create_graph) it gets the node back, as PyTorch's unpack does, so
        // formulas that read their own result (exp, sigmoid, tanh) have second derivatives.
        if let nr = ownOutputNr, GradMode.enabled {
            let alias = tensor.aliasForSaving()
            alias.gradFn = node
            alias.outputNr = nr
            return alias
        }
        return tensor
    }
}

/// `MulBackward0` → `Mul`, `MyFnBackward` → `MyFn`: a node's name as PyTorch shows it in the
/// in-place error message.
func opName(_ nodeName: String) -> String {
    var name = Substring(nodeName)
    while let last = name.last, last.isNumber { name = name.dropLast() }
    if name.hasSuffix("Backward") { name = name.dropLast("Backward".count) }
    return String(name)
}

/// The error PyTorch raises when backward runs through freed saved tensors.
let backwardTwiceError = TensorError.runtime("Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.")

/// One node of the autograd graph: the backward of one PyTorch op (`MulBackward0`), or the
/// `AccumulateGrad` sink of a leaf.
public final class Node {
    /// PyTorch's class name for this node, such as `AddmmBackward0`.
    public let name: String
    /// Where each input's gradient goes: the input's own node and its output number, or nil
    /// for inputs that do not require grad. PyTorch's `next_functions`.
    public internal(set) var nextEdges: [(node: Node, inputNr: Int)?]
    /// Shape and dtype of each output, to make zero gradients and check returned ones.
    let outputMeta: [(shape: [Int], dtype: DType)]
    /// Shape and dtype of each input, to validate the gradients the formula returns.
    let inputMeta: [(shape: [Int], dtype: DType)]
    /// The backward formula. Dropped together with the saved tensors when backward releases
    /// the graph (`retain_graph=False`); a node that saved nothing keeps it, so running
    /// backward through it again works as in PyTorch.
    var formula: BackwardFormula?
    /// For custom functions: the backward that gets the output gradients as they arrived
    /// (nil where none) and unpacks its saved tensors itself. Used instead of `formula`.
    var customFormula: (([Tensor?]) throws -> [Tensor?])?
    var saved: [SavedTensor]
    /// True once backward released the saved tensors.
    public internal(set) var savedReleased = false
    /// Order of creation; backward runs ready nodes newest first, as PyTorch does.
    let sequenceNr: Int
    /// For AccumulateGrad: the leaf it accumulates into.
    public internal(set) var variable: Tensor?
    /// Hooks on the gradient of output i before the formula runs (tensor hooks of non-leaves).
    var preHooks: [Int: [(id: Int, hook: GradientHook)]] = [:]
    /// Non-leaf tensors that asked `retainGrad()`, per output, held weakly.
    var retainGradTargets: [Int: WeakTensor] = [:]
    /// `grad_fn.register_prehook`: run after the tensor hooks, before the formula.
    var nodePreHooks: [(id: Int, name: String, hook: NodePreHook)] = []
    /// `grad_fn.register_hook`: run after the formula, may replace the input gradients.
    var postHooks: [(id: Int, name: String, hook: NodePostHook)] = []
    /// The forward call site recorded in anomaly mode.
    var anomalyTrace: String?

    nonisolated(unsafe) static var nextSequenceNr = 0
    nonisolated(unsafe) static var nextHookId = 0

    init(name: String, nextEdges: [(node: Node, inputNr: Int)?], inputMeta: [(shape: [Int], dtype: DType)],
         outputMeta: [(shape: [Int], dtype: DType)], saved: [SavedTensor], formula: BackwardFormula?) {
        self.name = name
        self.nextEdges = nextEdges
        self.inputMeta = inputMeta
        self.outputMeta = outputMeta
        self.saved = saved
        self.formula = formula
        sequenceNr = Node.nextSequenceNr
        Node.nextSequenceNr &+= 1
    }

    /// The AccumulateGrad node for leaf `variable`.
    init(accumulating variable: Tensor) {
        name = "AccumulateGrad"
        nextEdges = []
        inputMeta = []
        outputMeta = [(variable.shape, variable.dtype)]
        saved = []
        formula = nil
        sequenceNr = Int.max
        self.variable = variable
    }

    /// Frees the graph below this node without recursion, so that dropping the output of a
    /// chain of 100,000 ops does not overflow the stack: every node that only this chain
    /// holds hands its edges to a worklist before it is released.
    deinit {
        guard !nextEdges.isEmpty else { return }
        var stack = nextEdges.compactMap { $0?.node }
        nextEdges = []
        // Saved tensors and captured tensors refer to the nodes on the stack; releasing them
        // now only drops a count.
        formula = nil
        customFormula = nil
        saved = []
        while var node = stack.popLast() {
            guard isKnownUniquelyReferenced(&node) else { continue }
            stack.append(contentsOf: node.nextEdges.compactMap { $0?.node })
            node.nextEdges = []
            node.formula = nil
            node.customFormula = nil
            node.saved = []
        }
    }

    /// `next_functions`: each input's node and output number (nil, 0 where none).
    public var nextFunctions: [(node: Node?, inputNr: Int)] {
        nextEdges.map { $0.map { ($0.node, $0.inputNr) } ?? (nil, 0) }
    }

    /// True for the node that sums gradients into a leaf's `.grad`.
    public var isAccumulateGrad: Bool { variable != nil }

    /// The tensors this node saved for backward (`grad_fn.saved_tensors` style access), checked
    /// against in-place changes; throws once backward has freed them.
    public func savedTensors() throws -> [Tensor] {
        if savedReleased { throw backwardTwiceError }
        return try saved.map { try $0.unpack(for: self) }
    }

    /// Drops the saved tensors after a backward without `retain_graph`. The formula goes with
    /// them unless the node saved nothing (or is a custom function, whose context raises on
    /// access to its freed tensors instead).
    func releaseSaved() {
        guard !saved.isEmpty else { return }
        saved = []
        savedReleased = true
        if customFormula == nil { formula = nil }
    }

    /// `grad_fn.register_hook(fn)`: `fn(grad_inputs, grad_outputs)` runs after this node
    /// computed its input gradients and may return replacements. Returns an id for `removeHook`.
    @discardableResult
    public func registerHook(name: String = "hook", _ hook: @escaping NodePostHook) -> Int {
        Node.nextHookId &+= 1
        postHooks.append((Node.nextHookId, name, hook))
        return Node.nextHookId
    }

    /// `grad_fn.register_prehook(fn)`: `fn(grad_outputs)` runs before this node's formula
    /// (after the tensor hooks) and may return replacements. Returns an id for `removeHook`.
    @discardableResult
    public func registerPrehook(name: String = "hook", _ hook: @escaping NodePreHook) -> Int {
        Node.nextHookId &+= 1
        nodePreHooks.append((Node.nextHookId, name, hook))
        return Node.nextHookId
    }

    /// Removes a hook registered on this node (`handle.remove()`).
    public func removeHook(_ id: Int) {
        postHooks.removeAll { $0.id == id }
        nodePreHooks.removeAll { $0.id == id }
    }
}

/// A weak reference, so the graph does not keep alive tensors that asked to retain grads.
final class WeakTensor {
    weak var tensor: Tensor?
    init(_ tensor: Tensor) { self.tensor = tensor }
}
