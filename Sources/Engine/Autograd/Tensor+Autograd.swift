/// The autograd surface of a tensor: detach, `.data`, retain_grad and hooks.
extension Tensor {
    /// `detach()`: the same data, cut from the graph. Shares storage and version counter, so
    /// an in-place change through the detached tensor is still caught by backward.
    public func detach() -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: storageOffset, version: version)
    }

    /// `detach_()`: cuts this tensor from the graph in place, making it a leaf that does not
    /// require grad.
    @discardableResult
    public func detachInPlace() throws -> Tensor {
        if base != nil {
            throw TensorError.runtime("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.")
        }
        gradFn = nil
        outputNr = 0
        leafRequiresGrad = false
        return self
    }

    /// `.data`: the same data with a fresh version counter and no autograd history, so that
    /// changes made through it are invisible to autograd (the old way to update weights).
    public var data: Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: storageOffset)
    }

    /// `t.data = other`: makes this tensor view `other`'s data, keeping its autograd identity.
    public func setData(_ other: Tensor) throws {
        guard other.dtype == dtype || isLeaf else {
            throw TensorError.runtime("data set to a tensor that requires gradients must be floating point or complex dtype")
        }
        storage = other.storage
        shape = other.shape
        strides = other.strides
        storageOffset = other.storageOffset
    }

    /// PyTorch's `_version`: how many in-place changes this tensor's data has seen.
    public var versionNumber: Int { version.value }

    /// `retain_grad()`: keeps the gradient of a non-leaf in `.grad` after backward (a no-op on
    /// leaves, which keep theirs anyway).
    public func retainGrad() throws {
        guard requiresGrad else {
            throw TensorError.runtime("can't retain_grad on Tensor that has requires_grad=False")
        }
        guard let fn = gradFn, !retainsGrad else { return }
        fn.retainGradTargets[outputNr] = WeakTensor(self)
        retainsGrad = true
    }

    /// `register_hook(fn)`: `fn` sees (and may replace) this tensor's gradient during
    /// backward; hooks run in registration order, before the gradient is accumulated into a
    /// leaf's `.grad` or a retained non-leaf's `.grad`. `name` is what PyTorch's messages
    /// call the hook (a Python function's `__name__`). Returns an id for `removeHook`.
    @discardableResult
    public func registerHook(name: String = "hook", _ hook: @escaping GradientHook) throws -> Int {
        guard requiresGrad else {
            throw TensorError.runtime("cannot register a hook on a tensor that doesn't require gradient")
        }
        Node.nextHookId &+= 1
        let id = Node.nextHookId
        let checked: GradientHook = { g in
            guard let replaced = try hook(g) else { return nil }
            if replaced.shape != g.shape {
                throw TensorError.runtime("hook '\(name)' has changed the size of value")
            }
            if replaced.dtype != g.dtype {
                throw TensorError.runtime("hook '\(name)' has changed the type of value (was \(g.dtype.legacyTypeName) got \(replaced.dtype.legacyTypeName))")
            }
            return replaced
        }
        if let fn = gradFn {
            fn.preHooks[outputNr, default: []].append((id, checked))
        } else {
            leafHooks.append((id, checked))
        }
        return id
    }

    /// Removes a hook registered with `registerHook` (`handle.remove()`).
    public func removeHook(_ id: Int) {
        leafHooks.removeAll { $0.id == id }
        if let fn = gradFn { fn.preHooks[outputNr]?.removeAll { $0.id == id } }
    }
}
