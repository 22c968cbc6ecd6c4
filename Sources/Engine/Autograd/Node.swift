/// A hook on a gradient: returns a replacement gradient, or nil to keep it.
public typealias GradientHook = (Tensor) throws -> Tensor?

/// The backward formula of an op: gradients of the op's outputs in (zeros filled in for
/// outputs that got none), the tensors saved in forward, and out the gradients of its inputs
/// (nil where an input needs none).
public typealias BackwardFormula = (_ gradOutputs: [Tensor], _ saved: [Tensor]) throws -> [Tensor?]

/// A tensor kept for backward, with the version it had when saved, so that backward can
/// refuse to use it after an in-place change.
struct SavedTensor {
    let tensor: Tensor
    let savedVersion: Int
    /// The producing node's name when the saved tensor is that node's own output.
    let outputOf: String?

    func unpack(for node: Node) throws -> Tensor {
        if tensor.version.value != savedVersion {
            let what = outputOf.map { ", which is output 0 of \($0)," } ?? ""
            throw TensorError.runtime("one of the variables needed for gradient computation has been modified by an inplace operation: [\(tensor.dtype.legacyTypeName) \(formatShapeList(tensor.shape))]\(what) is at version \(tensor.version.value); expected version \(savedVersion) instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).")
        }
        return tensor
    }
}

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
    /// Nil once backward has released the graph (`retain_graph=False`).
    var formula: BackwardFormula?
    var saved: [SavedTensor]
    /// Order of creation; backward runs ready nodes newest first, as PyTorch does.
    let sequenceNr: Int
    /// For AccumulateGrad: the leaf it accumulates into.
    public internal(set) var variable: Tensor?
    /// Hooks on the gradient of output i before the formula runs (tensor hooks of non-leaves).
    var preHooks: [Int: [(id: Int, hook: GradientHook)]] = [:]
    /// Non-leaf tensors that asked `retainGrad()`, per output, held weakly.
    var retainGradTargets: [Int: WeakTensor] = [:]
    /// Hooks after the node ran (`grad_fn.register_hook`): inputs' grads, outputs' grads.
    var postHooks: [([Tensor?], [Tensor]) throws -> Void] = []
    /// The forward call site recorded in anomaly mode.
    var anomalyTrace: String?

    nonisolated(unsafe) static var nextSequenceNr = 0

    init(name: String, nextEdges: [(node: Node, inputNr: Int)?], inputMeta: [(shape: [Int], dtype: DType)],
         outputMeta: [(shape: [Int], dtype: DType)], saved: [SavedTensor], formula: BackwardFormula?) {
        self.name = name
        self.nextEdges = nextEdges
        self.inputMeta = inputMeta
        self.outputMeta = outputMeta
        self.saved = saved
        self.formula = formula
        sequenceNr = Node.nextSequenceNr
        Node.nextSequenceNr += 1
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

    /// `next_functions`: each input's node and output number (nil, 0 where none).
    public var nextFunctions: [(node: Node?, inputNr: Int)] {
        nextEdges.map { $0.map { ($0.node, $0.inputNr) } ?? (nil, 0) }
    }

    /// True for the node that sums gradients into a leaf's `.grad`.
    public var isAccumulateGrad: Bool { variable != nil }

    /// Registers a hook called after this node computes its input gradients.
    public func registerHook(_ hook: @escaping ([Tensor?], [Tensor]) throws -> Void) {
        postHooks.append(hook)
    }
}

/// A weak reference, so the graph does not keep alive tensors that asked to retain grads.
final class WeakTensor {
    weak var tensor: Tensor?
    init(_ tensor: Tensor) { self.tensor = tensor }
}
