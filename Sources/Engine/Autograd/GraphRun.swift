/// One execution of backward over the graph reachable from some roots, as PyTorch's
/// GraphTask: dependencies are counted first, then ready nodes run newest first, each with its
/// hooks, the captures of `autograd.grad`, validation of the gradients it returns, and
/// accumulation into leaves.
final class GraphRun {
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
    private var ready = NodeHeap()

    init(roots: [Tensor], gradients: [Tensor?]?, createGraph: Bool, retainGraph: Bool,
         captures: [(node: Node, inputNr: Int)]?) throws {
        self.createGraph = createGraph
        self.retainGraph = retainGraph
        self.captures = captures
        captured = [Tensor?](repeating: nil, count: captures?.count ?? 0)
        // PyTorch pairs roots with gradients by zip: extra gradients are ignored.
        if let gradients, gradients.count < roots.count {
            throw TensorError.runtime("got \(roots.count) tensors and \(gradients.count) gradients")
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
            // A kernel cut short by Ctrl-C (`Interruption`) computed part of `g`: keep it out
            // of `.grad` (the caller turns the pending request into KeyboardInterrupt).
            if Interruption.isRequested { throw TensorError.runtime("interrupted") }
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
            result = try GradMode.with(createGraph) {
                try formula(filled, try node.saved.map { try $0.unpack(for: node) })
            }
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
        guard node.inputMeta.indices.contains(index) else { return g }
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
        let owned = g.isContiguous && g.storageOffset == 0 && g.storage.count == g.numel && ownsStorage(g)
        variable.grad = owned ? Tensor(storage: g.storage, shape: g.shape, strides: g.strides) : g.contiguousCopy()
    }

    /// True when no tensor but `g` holds `g`'s storage. A view whose base only it holds (the
    /// weight gradient of a linear layer, which reaches AccumulateGrad as `(gradᵀ·x)ᵀ`
    /// viewed back through TBackward0) lets go of that base first, as `.grad` is no view
    /// in PyTorch either.
    private func ownsStorage(_ g: Tensor) -> Bool {
        if g.base != nil {
            guard isKnownUniquelyReferenced(&g.base), g.base?.base == nil, g.base?.storage === g.storage else {
                return false
            }
            g.base = nil
        }
        return isKnownUniquelyReferenced(&g.storage)
    }
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
