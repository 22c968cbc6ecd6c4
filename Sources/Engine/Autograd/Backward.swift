import Foundation

/// The backward engine: `tensor.backward()`, `Autograd.backward` and `Autograd.grad`.
public enum Autograd {
    /// Supplies a description of the current forward call site (the script's traceback) to
    /// nodes recorded in anomaly mode. Set by the script bindings.
    nonisolated(unsafe) public static var anomalyTraceProvider: (() -> String)?

    /// Receives the UserWarnings the autograd engine raises (PyTorch's wording). Set by the
    /// script bindings to route them to Python's `warnings`; nil prints them to stderr.
    nonisolated(unsafe) public static var warningHandler: ((String) -> Void)?

    /// Raises a UserWarning through `warningHandler`.
    public static func warn(_ message: String) {
        if let warningHandler {
            warningHandler(message)
        } else {
            FileHandle.standardError.write(Data("UserWarning: \(message)\n".utf8))
        }
    }

    /// `torch.autograd.backward`: accumulates d(roots)/d(leaf) into every leaf's `.grad`.
    public static func backward(_ roots: [Tensor], gradients: [Tensor?]? = nil, retainGraph: Bool? = nil,
                                createGraph: Bool = false) throws {
        if createGraph {
            warn("Using backward() with create_graph=True will create a reference cycle between the parameter and its gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to avoid this. If you have to use this function, make sure to reset the .grad fields of your parameters to None after use to break the cycle and avoid the leak.")
        }
        let run = try GraphRun(roots: roots, gradients: gradients, createGraph: createGraph,
                               retainGraph: retainGraph ?? createGraph, captures: nil)
        try run.execute()
    }

    /// `torch.autograd.grad`: returns d(outputs)/d(inputs) without touching any leaf's `.grad`.
    /// `materializeGrads` returns zeros instead of nil for unused inputs (and implies
    /// `allowUnused`).
    public static func grad(outputs: [Tensor], inputs: [Tensor], gradOutputs: [Tensor?]? = nil,
                            retainGraph: Bool? = nil, createGraph: Bool = false,
                            allowUnused: Bool? = nil, materializeGrads: Bool = false) throws -> [Tensor?] {
        if materializeGrads && allowUnused == false {
            throw TensorError.value("Expected allow_unused to be True or not passed when materialize_grads=True, but got: allow_unused=False.")
        }
        let allowUnused = allowUnused ?? materializeGrads
        guard !inputs.isEmpty else { throw TensorError.runtime("`inputs` argument to `grad()` cannot be empty.") }
        var captures: [(node: Node, inputNr: Int)] = []
        for input in inputs {
            guard let edge = input.gradientEdge() else {
                throw TensorError.runtime("One of the differentiated Tensors does not require grad")
            }
            captures.append(edge)
        }
        let run = try GraphRun(roots: outputs, gradients: gradOutputs, createGraph: createGraph,
                               retainGraph: retainGraph ?? createGraph, captures: captures)
        try run.execute()
        var result = run.captured
        for i in result.indices where result[i] == nil {
            guard allowUnused else {
                throw TensorError.runtime("The differentiated Tensor at index \(i) appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
            }
            if materializeGrads, inputs.indices.contains(i) {
                result[i] = Tensor(zeros: inputs[i].shape, dtype: inputs[i].dtype)
            }
        }
        return result
    }
}

extension Tensor {
    /// `tensor.backward(gradient=, retain_graph=, create_graph=)`.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool? = nil, createGraph: Bool = false) throws {
        try Autograd.backward([self], gradients: [gradient], retainGraph: retainGraph, createGraph: createGraph)
    }
}

/// `torch.Size([2, 3])`, as PyTorch prints shapes in messages.
public func formatSize(_ shape: [Int]) -> String {
    "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
}
