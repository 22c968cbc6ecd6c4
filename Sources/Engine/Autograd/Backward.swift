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

/// One execution of backward over the graph reachable from some roots, as PyTorch's
/// GraphTask: dependencies are counted first, then ready nodes run newest first.
private final class GraphRun {
    let createGraph: Bool
    let retainGraph: Bool
    /// For `autograd.grad`: the (node, output) slots whose gradients are returned.
    let captures: [(node: Node, inputNr: Int)]?
    var captured: [Tensor?] = []
    var dependencies: [ObjectIdentifier: Int] = [:]
    var buffers: [ObjectIdentifier: [Tensor?]] = [:]
    /// With captures: nodes with a captured slot somewhere below them (they must run).
    var needed: Set<ObjectIdentifier> = []
    /// With captures: nodes that own a captured slot.
    var capturing: Set<ObjectIdentifier> = []
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
            if let gradients, let g = gradients[i] {
                guard g.shape == root.shape else {
                    throw TensorError.runtime("Mismatch in shape: grad_output[\(i)] has a shape of \(formatSize(g.shape)) and output[\(i)] has a shape of \(formatSize(root.shape)).")
                }
                // Copied: formulas may pass a gradient through unchanged, and `.grad` must
                // never alias a tensor the caller still holds. With create_graph the given
                // gradient stays in the graph (it may require grad itself).
                seed = createGraph && g.requiresGrad
                    ? try GradMode.with(true) { try g.to(root.dtype) }
                    : g.contiguousCopy(dtype: root.dtype)
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
        let order = discover(from: rootNodes)
        if let captures { markNeeded(order, captures) }
        for (node, slot, seed) in seeds where shouldExecute(node) { try add(seed, to: node, slot: slot) }
        var pushed = Set<ObjectIdentifier>()
        for node in rootNodes where dependencies[ObjectIdentifier(node), default: 0] == 0 && shouldExecute(node) {
            if pushed.insert(ObjectIdentifier(node)).inserted { ready.push(node) }
        }
    }

    /// Counts, for every reachable node, how many edges lead into it; returns the nodes in a
    /// topological order (every node before the nodes it leads to).
    private func discover(from roots: [Node]) -> [Node] {
        var seen = Set<ObjectIdentifier>()
        var stack: [Node] = []
        for r in roots where seen.insert(ObjectIdentifier(r)).inserted { stack.append(r) }
        var all: [Node] = []
        while let node = stack.popLast() {
            all.append(node)
            for case let edge? in node.nextEdges {
                let id = ObjectIdentifier(edge.node)
                dependencies[id, default: 0] += 1
                if seen.insert(id).inserted { stack.append(edge.node) }
            }
        }
        // Kahn's algorithm over the counted edges gives the topological order.
        var remaining = dependencies
        var order: [Node] = []
        order.reserveCapacity(all.count)
        var queue = all.filter { remaining[ObjectIdentifier($0), default: 0] == 0 }
        while let node = queue.popLast() {
            order.append(node)
            for case let edge? in node.nextEdges {
                let id = ObjectIdentifier(edge.node)
                let left = remaining[id, default: 1] - 1
                remaining[id] = left
                if left == 0 { queue.append(edge.node) }
            }
        }
        return order
    }

    /// PyTorch's exec_info: a node runs when a captured slot lies below it; a node that only
    /// owns a captured slot runs its tensor hooks and records the capture.
    private func markNeeded(_ order: [Node], _ captures: [(node: Node, inputNr: Int)]) {
        for c in captures { capturing.insert(ObjectIdentifier(c.node)) }
        for node in order.reversed() {
            let below = node.nextEdges.contains { edge in
                guard let edge else { return false }
                let id = ObjectIdentifier(edge.node)
                return needed.contains(id) || capturing.contains(id)
            }
            if below { needed.insert(ObjectIdentifier(node)) }
        }
    }

    private func shouldExecute(_ node: Node) -> Bool {
        guard captures != nil else { return true }
        let id = ObjectIdentifier(node)
        return needed.contains(id) || capturing.contains(id)
    }

    private func add(_ grad: Tensor, to node: Node, slot: Int) throws {
        let id = ObjectIdentifier(node)
        var slots = buffers[id] ?? [Tensor?](repeating: nil, count: Swift.max(node.outputMeta.count, 1))
        guard slots.indices.contains(slot) else { return }
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
            var grads = buffers.removeValue(forKey: id)
                ?? [Tensor?](repeating: nil, count: Swift.max(node.outputMeta.count, 1))
            let inputGrads = try evaluate(node, &grads)
            for (i, edge) in node.nextEdges.enumerated() {
                guard let edge else { continue }
                let child = edge.node
                guard shouldExecute(child) else { continue }
                let childId = ObjectIdentifier(child)
                if i < inputGrads.count, let g = inputGrads[i] {
                    try add(g, to: child, slot: edge.inputNr)
                }
                let remaining = dependencies[childId, default: 1] - 1
                dependencies[childId] = remaining
                if remaining == 0 { ready.push(child) }
            }
        }
    }

    /// Runs one node: tensor hooks, captures, node pre-hooks, the formula, post hooks.
    /// Returns the gradients for the node's inputs.
    private func evaluate(_ node: Node, _ grads: inout [Tensor?]) throws -> [Tensor?] {
        if let captures {
            let id = ObjectIdentifier(node)
            let isNeeded = needed.contains(id)
            if capturing.contains(id) {
                // As PyTorch: a node that does not run captures its hooked gradients, a node
                // that runs captures them as they arrived.
                var seen = grads
                if !isNeeded { try callTensorPreHooks(node, &seen) }
                for (k, c) in captures.enumerated() where c.node === node && seen.indices.contains(c.inputNr) {
                    captured[k] = seen[c.inputNr]
                }
            }
            if !isNeeded { return [] }
        }
        try callTensorPreHooks(node, &grads)
        for entry in node.nodePreHooks {
            if let replaced = try entry.hook(grads) {
                try checkHookCount(entry.name, replaced.count, grads.count)
                grads = replaced
            }
        }
        if let variable = node.variable {
            if let g = grads[0], variable.leafRequiresGrad { try accumulate(g, into: variable) }
            return []
        }
        do {
            var result = try apply(node, grads)
            for entry in node.postHooks {
                if let replaced = try entry.hook(result, grads) {
                    try checkHookCount(entry.name, replaced.count, result.count)
                    result = replaced
                }
            }
            if !retainGraph { node.releaseSaved() }
            return result
        } catch {
            if GradMode.detectAnomaly {
                if let trace = node.anomalyTrace {
                    Autograd.warn("Error detected in \(node.name). Traceback of forward call that caused the error:\n\(trace)")
                } else {
                    Autograd.warn("Error detected in \(node.name). No forward pass information available. Enable detect anomaly during forward pass for more information.")
                }
            }
            throw error
        }
    }

    /// Tensor hooks (a leaf's own hooks for AccumulateGrad), then retain_grad, per output.
    private func callTensorPreHooks(_ node: Node, _ grads: inout [Tensor?]) throws {
        for i in grads.indices {
            guard var g = grads[i] else { continue }
            if let variable = node.variable {
                for entry in variable.leafHooks {
                    if let replaced = try entry.hook(g) { g = replaced }
                }
            } else {
                for entry in node.preHooks[i] ?? [] {
                    if let replaced = try entry.hook(g) { g = replaced }
                }
            }
            if let target = node.retainGradTargets[i]?.tensor {
                let value = g
                try GradMode.with(createGraph) {
                    target.grad = try target.grad.map { try $0.add(value) } ?? (createGraph ? value.clone() : value.contiguousCopy())
                }
            }
            grads[i] = g
        }
    }

    private func checkHookCount(_ name: String, _ got: Int, _ expected: Int) throws {
        guard got == expected else {
            throw TensorError.runtime("hook '\(name)' has returned an incorrect number of values (got \(got), but expected \(expected))")
        }
    }

    /// The node's formula on its output gradients, with the results validated.
    private func apply(_ node: Node, _ grads: [Tensor?]) throws -> [Tensor?] {
        if grads.allSatisfy({ $0 == nil }) { return [] }
        var result: [Tensor?]
        if let custom = node.customFormula {
            result = try GradMode.with(createGraph) { try custom(grads) }
        } else {
            guard let formula = node.formula else { throw backwardTwiceError }
            let filled = node.outputMeta.indices.map { i in
                (i < grads.count ? grads[i] : nil) ?? Tensor(zeros: node.outputMeta[i].shape, dtype: node.outputMeta[i].dtype)
            }
            let saved = try node.saved.map { try $0.unpack(for: node) }
            result = try GradMode.with(createGraph) { try formula(filled, saved) }
        }
        guard result.count == node.nextEdges.count else {
            throw TensorError.runtime("function \(node.name) returned an incorrect number of gradients (expected \(node.nextEdges.count), got \(result.count))")
        }
        for i in result.indices {
            guard let g = result[i], node.nextEdges[i] != nil else { result[i] = nil; continue }
            result[i] = try validate(g, node: node, index: i)
        }
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
        if GradMode.detectAnomaly && GradMode.anomalyCheckNan && g.dtype.isFloatingPoint
            && g.doubles.contains(where: { $0.isNaN }) {
            throw TensorError.runtime("Function '\(node.name)' returned nan values in its \(index)th output.")
        }
        return g
    }

    /// Adds `g` into a leaf's `.grad`, reusing `g`'s buffer when nothing else holds it.
    private func accumulate(_ g: Tensor, into variable: Tensor) throws {
        guard g.shape == variable.shape else {
            throw TensorError.runtime("Function AccumulateGrad returned an invalid gradient at index 0 - got \(formatShapeList(g.shape)) but expected shape compatible with \(formatShapeList(variable.shape))")
        }
        let g = g.dtype == variable.dtype ? g : g.contiguousCopy(dtype: variable.dtype)
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
/// AccumulateGrad nodes (sequence Int.max) run as soon as they are ready. Ties (several
/// AccumulateGrad nodes) run in the order they became ready.
private struct NodeHeap {
    private var items: [(node: Node, order: Int)] = []
    private var pushes = 0

    private static func before(_ a: (node: Node, order: Int), _ b: (node: Node, order: Int)) -> Bool {
        a.node.sequenceNr != b.node.sequenceNr ? a.node.sequenceNr > b.node.sequenceNr : a.order < b.order
    }

    mutating func push(_ node: Node) {
        items.append((node, pushes))
        pushes += 1
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard NodeHeap.before(items[i], items[parent]) else { break }
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
            var best = i
            if l < items.count && NodeHeap.before(items[l], items[best]) { best = l }
            if r < items.count && NodeHeap.before(items[r], items[best]) { best = r }
            if best == i { break }
            items.swapAt(i, best)
            i = best
        }
        return top.node
    }
}
