/// Custom autograd functions: PyTorch's `torch.autograd.Function` subclasses.
///
/// A Swift type conforms to `CustomFunction` and is called with `apply`; the script bindings
/// map a Python subclass onto `FunctionContext.apply(name:arguments:forward:backward:)`.
/// As in PyTorch, forward runs without recording the graph, the outputs get one node named
/// `<Name>Backward` (no number, as PyTorch names nodes of Python classes), and backward gets
/// one gradient per output and returns one per argument of `apply`.
///
/// ```swift
/// enum MyReLU: CustomFunction {
///     static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) throws -> [Tensor] {
///         ctx.saveForBackward(inputs[0])
///         return [try inputs[0].clamp(min: 0)]
///     }
///     static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor?]) throws -> [Tensor?] {
///         guard let g = gradOutputs[0], let x = try ctx.savedTensors()[0] else { return [nil] }
///         return [try g * x.gt(0)]
///     }
/// }
/// let y = try MyReLU.apply(x)   // y.gradFn?.name == "MyReLUBackward"
/// ```
public protocol CustomFunction {
    /// The class name PyTorch would show; the node is `<functionName>Backward`. Defaults to
    /// the Swift type's name.
    static var functionName: String { get }
    /// Computes the outputs (graph recording is off here). Saves what backward needs on `ctx`.
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) throws -> [Tensor]
    /// Gradients of the inputs from the gradients of the outputs (nil for an input that needs
    /// none). Output gradients are zero-filled unless `ctx.setMaterializeGrads(false)`.
    static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor?]) throws -> [Tensor?]
}

extension CustomFunction {
    /// The Swift type's name, as PyTorch uses the Python class's name.
    public static var functionName: String { String(describing: Self.self) }

    /// `Function.apply(*inputs)`: runs forward and attaches backward to the outputs.
    public static func apply(_ inputs: [Tensor]) throws -> [Tensor] {
        try FunctionContext.apply(name: functionName, arguments: inputs,
                                  forward: { ctx in try forward(ctx, inputs) }, backward: backward)
    }

    /// `Function.apply(*inputs)` for a function with one output.
    public static func apply(_ inputs: Tensor...) throws -> Tensor {
        let outputs = try apply(inputs)
        guard let first = outputs.first else {
            throw TensorError.runtime("\(functionName).forward returned no outputs")
        }
        return first
    }
}

/// The `ctx` object of a custom function: tensors saved for backward, flags, and any values
/// forward wants to hand to backward.
public final class FunctionContext {
    /// `ctx.needs_input_grad`: for each argument of `apply`, whether it is a tensor that
    /// requires grad.
    public internal(set) var needsInputGrad: [Bool] = []
    /// Arbitrary values forward keeps for backward (`ctx.k = 3` in Python).
    public var values: [String: Any] = [:]
    /// Whether missing output gradients reach backward as zeros (`set_materialize_grads`).
    public private(set) var materializeGrads = true

    /// What `saveForBackward` got, until the node takes it over.
    private var toSave: [Tensor?] = []
    /// Positions of the saved tensors in the node's list (nil for a saved `None`).
    private var savedLayout: [Int?] = []
    private var nonDifferentiable: [Tensor] = []
    private var dirty: [Tensor] = []
    /// The node, once `apply` made one; its saved tensors are the context's.
    private weak var node: Node?
    private var hasNode = false

    init() {}

    /// `ctx.save_for_backward(*tensors)`: keeps tensors for backward, checked against
    /// in-place changes when backward reads them (nil entries come back as nil).
    public func saveForBackward(_ tensors: Tensor?...) { toSave = tensors }

    /// `ctx.save_for_backward` with an array.
    public func saveForBackward(_ tensors: [Tensor?]) { toSave = tensors }

    /// `ctx.saved_tensors`: throws once backward without `retain_graph` freed them, or when
    /// one was modified in place since it was saved.
    public func savedTensors() throws -> [Tensor?] {
        guard hasNode else { return toSave }
        guard let node else { throw backwardTwiceError }
        let tensors = try node.savedTensors()
        return savedLayout.map { $0.flatMap { tensors.indices.contains($0) ? tensors[$0] : nil } }
    }

    /// `ctx.mark_non_differentiable(*outputs)`: these outputs do not require grad, and their
    /// gradients reach backward as zeros.
    public func markNonDifferentiable(_ outputs: Tensor...) { nonDifferentiable += outputs }

    /// `ctx.mark_dirty(*inputs)`: these inputs were modified in place by forward and are
    /// returned as outputs; they take the function's node as their grad_fn.
    public func markDirty(_ inputs: Tensor...) { dirty += inputs }

    /// `ctx.set_materialize_grads(flag)`.
    public func setMaterializeGrads(_ flag: Bool) { materializeGrads = flag }

    /// Runs a custom function: `arguments` are the arguments of `apply` (nil for those that
    /// are not tensors), `forward` computes the outputs with recording off, `backward` maps
    /// one gradient per output to one gradient per argument. The graph gets one node named
    /// `<name>Backward` when grad mode is on and a tensor argument requires grad.
    public static func apply(name: String, arguments: [Tensor?],
                             forward: (FunctionContext) throws -> [Tensor],
                             backward: @escaping (FunctionContext, [Tensor?]) throws -> [Tensor?]) throws -> [Tensor] {
        let ctx = FunctionContext()
        ctx.needsInputGrad = arguments.map { $0?.requiresGrad ?? false }
        let raw = try GradMode.with(false) { try forward(ctx) }
        defer { ctx.nonDifferentiable = []; ctx.dirty = [] }
        for d in ctx.dirty where !raw.contains(where: { $0 === d }) {
            throw TensorError.runtime("Some elements marked as dirty during the forward method were not returned as output. The inputs that are modified inplace must all be outputs of the Function.")
        }
        let tensorArgs = arguments.compactMap { $0 }
        let executable = needsGrad(tensorArgs)
        var outputs: [Tensor] = []
        for o in raw {
            if ctx.dirty.contains(where: { $0 === o }) {
                if executable && o.isLeaf && o.leafRequiresGrad {
                    throw TensorError.runtime("a leaf Variable that requires grad has been used in an in-place operation.")
                }
                if executable && o.base != nil {
                    throw TensorError.notImplemented("mark_dirty on a view is not supported by wick yet; clone() the tensor first")
                }
                o.bumpVersion()
                outputs.append(o)
            } else if o.gradFn != nil || o.leafRequiresGrad || tensorArgs.contains(where: { $0 === o }) {
                // An input (or any tensor with history) returned as is becomes a new view of it.
                outputs.append(Tensor(storage: o.storage, shape: o.shape, strides: o.strides,
                                      offset: o.storageOffset, version: o.version, base: o.base ?? o))
            } else {
                outputs.append(o)
            }
        }
        guard executable else {
            ctx.hasNode = false
            return outputs
        }
        let nodeName = name + "Backward"
        var saved: [SavedTensor] = []
        ctx.savedLayout = ctx.toSave.map { t -> Int? in
            guard let t else { return nil }
            if let k = raw.firstIndex(where: { $0 === t }) {
                saved.append(SavedTensor(tensor: outputs[k].aliasForSaving(), savedVersion: t.version.value, outputOf: nodeName))
            } else {
                saved.append(SavedTensor(tensor: t, savedVersion: t.version.value, outputOf: t.gradFn?.name))
            }
            return saved.count - 1
        }
        ctx.toSave = []
        let outputMeta = outputs.map { ($0.shape, $0.dtype) }
        let node = Node(name: nodeName, nextEdges: tensorArgs.map { $0.gradientEdge() },
                        inputMeta: tensorArgs.map { ($0.shape, $0.dtype) }, outputMeta: outputMeta,
                        saved: saved, formula: nil)
        let isTensor = arguments.map { $0 != nil }
        node.customFormula = { grads in
            let gradOutputs: [Tensor?] = ctx.materializeGrads
                ? outputMeta.indices.map { i in
                    (i < grads.count ? grads[i] : nil) ?? Tensor(zeros: outputMeta[i].0, dtype: outputMeta[i].1) }
                : grads
            var returned = try backward(ctx, gradOutputs)
            let expected = isTensor.count
            if returned.count > expected && returned[expected...].allSatisfy({ $0 == nil }) {
                returned.removeLast(returned.count - expected)
            }
            guard returned.count == expected else {
                throw TensorError.runtime("function \(nodeName) returned an incorrect number of gradients (expected \(expected), got \(returned.count))")
            }
            var result: [Tensor?] = []
            for (i, g) in returned.enumerated() {
                if isTensor[i] {
                    result.append(g)
                } else if g != nil {
                    throw TensorError.runtime("function \(nodeName) returned a gradient different than None at position \(i + 1), but the corresponding forward input was not a Variable")
                }
            }
            return result
        }
        if GradMode.detectAnomaly { node.anomalyTrace = Autograd.anomalyTraceProvider?() }
        ctx.node = node
        ctx.hasNode = true
        for (i, out) in outputs.enumerated() {
            let differentiable = out.dtype.isFloatingPoint && !ctx.nonDifferentiable.contains { $0 === out || $0 === raw[i] }
            guard differentiable else { continue }
            out.gradFn = node
            out.outputNr = i
        }
        return outputs
    }
}
