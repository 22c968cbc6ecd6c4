/// The backward engine: `tensor.backward()`, `Autograd.backward` and `Autograd.grad`.
public enum Autograd {
    /// Supplies a description of the current forward call site (the script's traceback) to
    /// nodes recorded in anomaly mode. Set by the script bindings.
    nonisolated(unsafe) public static var anomalyTraceProvider: (() -> String)?

    /// `torch.autograd.backward`: accumulates d(roots)/d(leaf) into every leaf's `.grad`.
    public static func backward(_ roots: [Tensor], gradients: [Tensor?]? = nil, retainGraph: Bool? = nil,
                                createGraph: Bool = false) throws {
        let run = try GraphRun(roots: roots, gradients: gradients, createGraph: createGraph,
                               retainGraph: retainGraph ?? createGraph, captures: nil)
        try run.execute()
    }

    /// `torch.autograd.grad`: returns d(outputs)/d(inputs) without touching any `.grad`.
    public static func grad(outputs: [Tensor], inputs: [Tensor], gradOutputs: [Tensor?]? = nil,
                            retainGraph: Bool? = nil, createGraph: Bool = false,
                            allowUnused: Bool = false) throws -> [Tensor?] {
        var captures: [(node: Node, inputNr: Int)] = []
        for (i, input) in inputs.enumerated() {
            guard let edge = input.gradientEdge() else {
                throw TensorError.runtime("One of the differentiated Tensors does not require grad")
            }
            _ = i
            captures.append(edge)
        }
        let run = try GraphRun(roots: outputs, gradients: gradOutputs, createGraph: createGraph,
                               retainGraph: retainGraph ?? createGraph, captures: captures)
        try run.execute()
        for (i, g) in run.captured.enumerated() where g == nil && !allowUnused {
            _ = i
            throw TensorError.runtime("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
        }
        return run.captured
    }
}

extension Tensor {
    /// `tensor.backward(gradient=, retain_graph=, create_graph=)`.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool? = nil, createGraph: Bool = false) throws {
        try Autograd.backward([self], gradients: [gradient], retainGraph: retainGraph, createGraph: createGraph)
    }
}

/// One execution of backward over the graph reachable from some roots.
private final class GraphRun {
    let createGraph: Bool
    let retainGraph: Bool
    /// For `autograd.grad`: the (node, output) slots whose gradients are returned.
    let captures: [(node: Node, inputNr: Int)]?
    var captured: [Tensor?] = []
    var dependencies: [ObjectIdentifier: Int] = [:]
    var buffers: [ObjectIdentifier: [Tensor?]] = [:]
    /// With captures: nodes from which a captured slot can be reached; others are skipped.
    var needed: Set<ObjectIdentifier> = []
    var ready = NodeHeap()

    init(roots: [Tensor], gradients: [Tensor?]?, createGraph: Bool, retainGraph: Bool,
         captures: [(node: Node, inputNr: Int)]?) throws {
        self.createGraph = createGraph
        self.retainGraph = retainGraph
        self.captures = captures
        captured = [Tensor?](repeating: nil, count: captures?.count ?? 0)
        if let gradients, gradients.count != roots.count {
            throw TensorError.runtime("grad requires one gradient per output: got \(gradients.count) gradients for \(roots.count) outputs")
        }
        var rootNodes: [Node] = []
        var seeds: [(Node, Int, Tensor)] = []
        for (i, root) in roots.enumerated() {
            guard let edge = root.gradientEdge() else {
                throw TensorError.runtime("element \(i) of tensors does not require grad and does not have a grad_fn")
            }
            let seed: Tensor
            if let g = gradients?[i] {
                guard g.shape == root.shape else {
                    throw TensorError.runtime("Mismatch in shape: grad_output[\(i)] has a shape of \(formatSize(g.shape)) and output[\(i)] has a shape of \(formatSize(root.shape)).")
                }
                // Copied: formulas may pass a gradient through unchanged, and `.grad` must
                // never alias a tensor the caller still holds.
                seed = g.contiguousCopy(dtype: root.dtype)
            } else {
                guard root.numel == 1 else {
                    throw TensorError.runtime("grad can be implicitly created only for scalar outputs")
                }
                guard root.dtype.isFloatingPoint else {
                    throw TensorError.runtime("grad can be implicitly created only for real scalar outputs but got \(root.dtype)")
                }
                seed = try Tensor.full(root.shape, .double(1), dtype: root.dtype)
            }
            rootNodes.append(edge.node)
            seeds.append((edge.node, edge.inputNr, seed))
        }
        discover(from: rootNodes)
        for (node, slot, seed) in seeds { try add(seed, to: node, slot: slot) }
        var pushed = Set<ObjectIdentifier>()
        for node in rootNodes where dependencies[ObjectIdentifier(node), default: 0] == 0 {
            if pushed.insert(ObjectIdentifier(node)).inserted { ready.push(node) }
        }
    }

    /// Counts, for every reachable node, how many edges lead into it; with captures, also
    /// marks the nodes that lead to a captured slot.
    private func discover(from roots: [Node]) {
        var seen = Set<ObjectIdentifier>()
        var order: [Node] = []
        var stack = roots
        for r in roots { seen.insert(ObjectIdentifier(r)) }
        while let node = stack.popLast() {
            order.append(node)
            for case let edge? in node.nextEdges {
                let id = ObjectIdentifier(edge.node)
                dependencies[id, default: 0] += 1
                if seen.insert(id).inserted { stack.append(edge.node) }
            }
        }
        guard let captures else { return }
        for c in captures { needed.insert(ObjectIdentifier(c.node)) }
        // Propagate "needed" from children to parents until nothing changes (graphs are DAGs;
        // reverse discovery order visits most children first, so this settles quickly).
        var changed = true
        while changed {
            changed = false
            for node in order.reversed() where !needed.contains(ObjectIdentifier(node)) {
                if node.nextEdges.contains(where: { $0.map { needed.contains(ObjectIdentifier($0.node)) } ?? false }) {
                    needed.insert(ObjectIdentifier(node))
                    changed = true
                }
            }
        }
    }

    private func add(_ grad: Tensor, to node: Node, slot: Int) throws {
        let id = ObjectIdentifier(node)
        var slots = buffers[id] ?? [Tensor?](repeating: nil, count: Swift.max(node.outputMeta.count, 1))
        if let existing = slots[slot] {
            slots[slot] = try GradMode.with(createGraph) { try existing.add(grad) }
        } else {
            slots[slot] = grad
        }
        buffers[id] = slots
    }

    func execute() throws {
        while let node = ready.pop() {
            let id = ObjectIdentifier(node)
            var grads = buffers.removeValue(forKey: id) ?? [Tensor?](repeating: nil, count: node.outputMeta.count)
            try runPreHooks(node, &grads)
            let inputGrads = try run(node, grads)
            for (i, edge) in node.nextEdges.enumerated() {
                guard let edge else { continue }
                let childId = ObjectIdentifier(edge.node)
                if i < inputGrads.count, let g = inputGrads[i] {
                    try add(g, to: edge.node, slot: edge.inputNr)
                }
                let remaining = dependencies[childId, default: 1] - 1
                dependencies[childId] = remaining
                if remaining == 0 { ready.push(edge.node) }
            }
        }
    }

    /// Tensor hooks, retain_grad and captures see the gradient of each output before the
    /// node's formula runs.
    private func runPreHooks(_ node: Node, _ grads: inout [Tensor?]) throws {
        for i in grads.indices {
            guard var g = grads[i] else { continue }
            for entry in node.preHooks[i] ?? [] {
                if let replaced = try entry.hook(g) { g = replaced }
            }
            if let target = node.retainGradTargets[i]?.tensor {
                try GradMode.with(createGraph) {
                    target.grad = try target.grad.map { try $0.add(g) } ?? (createGraph ? g : g.contiguousCopy())
                }
            }
            grads[i] = g
            if let captures {
                for (k, c) in captures.enumerated() where c.node === node && c.inputNr == i {
                    captured[k] = try captured[k].map { try $0.add(g) } ?? g
                }
            }
        }
    }

    /// Runs one node and returns the gradients for its inputs.
    private func run(_ node: Node, _ grads: [Tensor?]) throws -> [Tensor?] {
        if let variable = node.variable {
            if captures == nil, var g = grads[0] {
                for entry in variable.leafHooks {
                    if let replaced = try entry.hook(g) { g = replaced }
                }
                try accumulate(g, into: variable)
            }
            return []
        }
        if captures != nil && !needed.contains(ObjectIdentifier(node)) { return [] }
        if grads.allSatisfy({ $0 == nil }) { return [] }
        guard let formula = node.formula else {
            throw TensorError.runtime("Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.")
        }
        let filled = node.outputMeta.indices.map { i in
            (i < grads.count ? grads[i] : nil) ?? Tensor(zeros: node.outputMeta[i].shape, dtype: node.outputMeta[i].dtype)
        }
        let saved = try node.saved.map { try $0.unpack(for: node) }
        var result = try GradMode.with(createGraph) { try formula(filled, saved) }
        if !retainGraph {
            node.formula = nil
            node.saved = []
        }
        guard result.count == node.nextEdges.count else {
            throw TensorError.runtime("function \(node.name) returned an incorrect number of gradients (expected \(node.nextEdges.count), got \(result.count))")
        }
        for i in result.indices {
            guard let g = result[i], node.nextEdges[i] != nil else { result[i] = nil; continue }
            result[i] = try validate(g, node: node, index: i)
        }
        for hook in node.postHooks { try hook(result, filled) }
        return result
    }

    /// Checks a returned gradient against its input's shape and dtype, as PyTorch's
    /// validate_outputs does: sums broadcast dimensions away, converts the dtype, and
    /// names the node on a NaN in anomaly mode.
    private func validate(_ g: Tensor, node: Node, index: Int) throws -> Tensor {
        let meta = node.inputMeta[index]
        var g = g
        if g.shape != meta.shape {
            guard (try? broadcastShapes(meta.shape, g.shape)) == g.shape else {
                throw TensorError.runtime("Function \(node.name) returned an invalid gradient at index \(index) - got \(formatShapeList(g.shape)) but expected shape compatible with \(formatShapeList(meta.shape))")
            }
            g = try GradMode.with(createGraph) { try g.sumToSize(meta.shape) }
        }
        if g.dtype != meta.dtype && meta.dtype.isFloatingPoint {
            g = try GradMode.with(createGraph) { try g.to(meta.dtype) }
        }
        if GradMode.detectAnomaly && g.dtype.isFloatingPoint && g.doubles.contains(where: { $0.isNaN }) {
            var message = "Function '\(node.name)' returned nan values in its \(index)th output."
            if let trace = node.anomalyTrace { message += "\nTraceback of forward call that caused the error:\n" + trace }
            throw TensorError.runtime(message)
        }
        return g
    }

    /// Adds `g` into a leaf's `.grad`, reusing `g`'s buffer when nothing else holds it.
    private func accumulate(_ g: Tensor, into variable: Tensor) throws {
        guard g.shape == variable.shape else {
            throw TensorError.runtime("Function AccumulateGrad returned an invalid gradient at index 0 - got \(formatShapeList(g.shape)) but expected shape compatible with \(formatShapeList(variable.shape))")
        }
        var g = g.dtype == variable.dtype ? g : g.contiguousCopy(dtype: variable.dtype)
        if createGraph {
            variable.grad = try GradMode.with(true) { try variable.grad.map { try $0.add(g) } ?? g }
            return
        }
        if let existing = variable.grad {
            if existing.requiresGrad {
                variable.grad = try GradMode.with(false) { try existing.add(g) }
            } else {
                try GradMode.with(false) { _ = try existing.addInPlace(g) }
            }
            return
        }
        // A freshly computed, contiguous gradient whose buffer nothing else holds becomes
        // `.grad` without a copy. The new tensor object keeps two leaves that received the same
        // gradient object from apart: the second one sees a shared buffer and copies.
        let owned = isKnownUniquelyReferenced(&g.storage) && g.isContiguous && g.storageOffset == 0
            && g.storage.count == g.numel
        variable.grad = owned ? Tensor(storage: g.storage, shape: g.shape, strides: g.strides) : g.contiguousCopy()
    }
}

/// `torch.Size([2, 3])`, as PyTorch prints shapes in messages.
public func formatSize(_ shape: [Int]) -> String {
    "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
}

/// A max-heap of nodes by sequence number: the newest ready node runs first, and
/// AccumulateGrad nodes (sequence Int.max) run as soon as they are ready.
private struct NodeHeap {
    private var items: [Node] = []

    mutating func push(_ node: Node) {
        items.append(node)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[parent].sequenceNr < items[i].sequenceNr else { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> Node? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var largest = i
            if l < items.count && items[l].sequenceNr > items[largest].sequenceNr { largest = l }
            if r < items.count && items[r].sequenceNr > items[largest].sequenceNr { largest = r }
            if largest == i { break }
            items.swapAt(i, largest)
            i = largest
        }
        return top
    }
}
