/// The autograd surface of a tensor: detach, `.data`, retain_grad and hooks.
extension Tensor {
    /// `detach()`: the same data, cut from the graph. Shares storage and version counter.
    public func detach() -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: storageOffset, version: version)
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

    /// `retain_grad()`: keeps the gradient of a non-leaf in `.grad` after backward.
    public func retainGrad() throws {
        guard requiresGrad else {
            throw TensorError.runtime("can't retain_grad on Tensor that has requires_grad=False")
        }
        guard let fn = gradFn, !retainsGrad else { return }
        fn.retainGradTargets[outputNr] = WeakTensor(self)
        retainsGrad = true
    }

    /// `register_hook(fn)`: `fn` sees (and may replace) this tensor's gradient during
    /// backward. Returns an id for `removeHook`.
    @discardableResult
    public func registerHook(_ hook: @escaping GradientHook) throws -> Int {
        guard requiresGrad else {
            throw TensorError.runtime("cannot register a hook on a tensor that doesn't require gradient")
        }
        Tensor.nextHookId += 1
        let id = Tensor.nextHookId
        if let fn = gradFn {
            fn.preHooks[outputNr, default: []].append((id, hook))
        } else {
            leafHooks.append((id, hook))
        }
        return id
    }

    /// Removes a hook registered with `registerHook` (`handle.remove()`).
    public func removeHook(_ id: Int) {
        leafHooks.removeAll { $0.id == id }
        if let fn = gradFn { fn.preHooks[outputNr]?.removeAll { $0.id == id } }
    }

    nonisolated(unsafe) static var nextHookId = 0
}
