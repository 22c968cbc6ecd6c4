/// Walking the module tree: parameters, buffers, children and modules (with PyTorch's
/// de-duplication of shared members), and the whole-tree state changes: train/eval,
/// zero_grad, requires_grad_, apply and dtype conversion.
extension Module {
    /// `named_modules(prefix=, remove_duplicate=)`: this module and every descendant, depth
    /// first in registration order, each shared module once (unless `removeDuplicate` is false).
    public func namedModules(prefix: String = "", removeDuplicate: Bool = true) -> [(String, Module)] {
        var memo = Set<ObjectIdentifier>()
        var out: [(String, Module)] = []
        collectModules(prefix: prefix, removeDuplicate: removeDuplicate, memo: &memo, into: &out)
        return out
    }

    private func collectModules(prefix: String, removeDuplicate: Bool, memo: inout Set<ObjectIdentifier>,
                                into out: inout [(String, Module)]) {
        guard !memo.contains(ObjectIdentifier(self)) else { return }
        if removeDuplicate { memo.insert(ObjectIdentifier(self)) }
        out.append((prefix, self))
        for (name, module) in moduleSlots.entries {
            guard let module else { continue }
            module.collectModules(prefix: prefix + (prefix.isEmpty ? "" : ".") + name,
                                  removeDuplicate: removeDuplicate, memo: &memo, into: &out)
        }
    }

    /// `modules()`: this module and every descendant, each once.
    public func modules(removeDuplicate: Bool = true) -> [Module] {
        namedModules(removeDuplicate: removeDuplicate).map { $0.1 }
    }

    /// `named_children()`: the direct children (not None), each module object once.
    public func namedChildren() -> [(String, Module)] {
        var memo = Set<ObjectIdentifier>()
        var out: [(String, Module)] = []
        for (name, module) in moduleSlots.entries {
            guard let module, memo.insert(ObjectIdentifier(module)).inserted else { continue }
            out.append((name, module))
        }
        return out
    }

    /// `children()`: the direct children, each once.
    public func children() -> [Module] { namedChildren().map { $0.1 } }

    /// PyTorch's `_named_members`: the members of every module, dotted names, shared tensors once.
    private func namedMembers(prefix: String, recurse: Bool, removeDuplicate: Bool,
                              _ members: (Module) -> [(key: String, value: Tensor?)]) -> [(String, Tensor)] {
        let modules = recurse ? namedModules(prefix: prefix, removeDuplicate: removeDuplicate) : [(prefix, self)]
        var memo = Set<ObjectIdentifier>()
        var out: [(String, Tensor)] = []
        for (modulePrefix, module) in modules {
            for (name, value) in members(module) {
                guard let value, !memo.contains(ObjectIdentifier(value)) else { continue }
                if removeDuplicate { memo.insert(ObjectIdentifier(value)) }
                out.append((modulePrefix + (modulePrefix.isEmpty ? "" : ".") + name, value))
            }
        }
        return out
    }

    /// `named_parameters(prefix=, recurse=, remove_duplicate=)`: dotted names ("0.weight") with
    /// their parameters; a parameter shared by several modules appears once, under its first name.
    public func namedParameters(prefix: String = "", recurse: Bool = true,
                                removeDuplicate: Bool = true) -> [(String, Tensor)] {
        namedMembers(prefix: prefix, recurse: recurse, removeDuplicate: removeDuplicate) { $0.parameterSlots.entries }
    }

    /// `parameters(recurse=)`: what an optimizer is given.
    public func parameters(recurse: Bool = true) -> [Tensor] {
        namedParameters(recurse: recurse).map { $0.1 }
    }

    /// `named_buffers(prefix=, recurse=, remove_duplicate=)`.
    public func namedBuffers(prefix: String = "", recurse: Bool = true,
                             removeDuplicate: Bool = true) -> [(String, Tensor)] {
        namedMembers(prefix: prefix, recurse: recurse, removeDuplicate: removeDuplicate) { $0.bufferSlots.entries }
    }

    /// `buffers(recurse=)`.
    public func buffers(recurse: Bool = true) -> [Tensor] {
        namedBuffers(recurse: recurse).map { $0.1 }
    }

    // MARK: Tree-wide state

    /// `eval()`: `train(false)`.
    @discardableResult
    public func eval() -> Self { train(false) }

    /// `requires_grad_(flag)`: switches gradient tracking of every parameter.
    @discardableResult
    public func setRequiresGrad(_ flag: Bool = true) throws -> Self {
        for p in parameters() { try p.setRequiresGrad(flag) }
        return self
    }

    /// `zero_grad(set_to_none=True)`: drops every parameter's gradient, or zeroes it in place
    /// (detached from any graph) when `setToNone` is false.
    public func zeroGrad(setToNone: Bool = true) {
        for p in parameters() {
            guard let g = p.grad else { continue }
            if setToNone {
                p.grad = nil
            } else {
                if g.gradFn != nil { _ = try? g.detachInPlace() } else { g.leafRequiresGrad = false }
                _ = try? noGrad { try g.zeroInPlace() }
            }
        }
    }

    /// `apply(fn)`: calls `fn` on every child's subtree first (children first), then on self.
    @discardableResult
    public func apply(_ fn: (Module) throws -> Void) rethrows -> Self {
        for child in children() { try child.apply(fn) }
        try fn(self)
        return self
    }

    /// `to(dtype)` (also `float()`/`double()`): converts floating-point parameters (keeping
    /// each parameter object, as PyTorch's `param.data = …`), their gradients and floating
    /// buffers. Non-floating tensors are left alone.
    @discardableResult
    public func to(_ dtype: DType) throws -> Self {
        guard dtype.isFloatingPoint else {
            throw TensorError.type("nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=\(dtype)")
        }
        try applyToTensors { t in t.dtype.isFloatingPoint ? try t.to(dtype) : t }
        return self
    }

    /// `float()`: floating-point parameters and buffers to float32.
    @discardableResult
    public func float() throws -> Self { try to(.float32) }

    /// `double()`: floating-point parameters and buffers to float64.
    @discardableResult
    public func double() throws -> Self { try to(.float64) }

    /// `cpu()`: a no-op (every tensor lives on the CPU).
    @discardableResult
    public func cpu() -> Self { self }

    /// PyTorch's `_apply(fn)`: children first; each parameter gets `fn`'s result as its new
    /// data (same object), its gradient too; buffers are replaced by `fn`'s result.
    public func applyToTensors(_ fn: (Tensor) throws -> Tensor) throws {
        for child in children() { try child.applyToTensors(fn) }
        for (_, param) in parameterSlots.entries {
            guard let param else { continue }
            let applied = try noGrad { try fn(param) }
            if applied !== param { try param.setData(applied) }
            if let grad = param.grad {
                let gradApplied = try noGrad { try fn(grad) }
                if gradApplied !== grad { try grad.setData(gradApplied) }
            }
        }
        for (key, buf) in bufferSlots.entries {
            guard let buf else { continue }
            bufferSlots.set(key, try fn(buf))
        }
    }
}
