/// Forward hooks and forward pre-hooks (`register_forward_hook`, `register_forward_pre_hook`).
extension Module {
    /// `register_forward_hook(hook, prepend=False)`: `hook(module, args, output)` runs after
    /// every `forward`; a non-nil return replaces the output. Returns a handle that removes it.
    @discardableResult
    public func registerForwardHook(prepend: Bool = false, _ hook: @escaping ForwardHook) -> HookHandle {
        let id = HookHandle.nextID()
        if prepend { forwardHooks.insert((id, hook), at: 0) } else { forwardHooks.append((id, hook)) }
        return HookHandle(id: id) { [weak self] in self?.forwardHooks.removeAll { $0.id == id } }
    }

    /// `register_forward_pre_hook(hook, prepend=False)`: `hook(module, args)` runs before every
    /// `forward`; a non-nil return replaces the positional arguments. Returns a removal handle.
    @discardableResult
    public func registerForwardPreHook(prepend: Bool = false, _ hook: @escaping ForwardPreHook) -> HookHandle {
        let id = HookHandle.nextID()
        if prepend { forwardPreHooks.insert((id, hook), at: 0) } else { forwardPreHooks.append((id, hook)) }
        return HookHandle(id: id) { [weak self] in self?.forwardPreHooks.removeAll { $0.id == id } }
    }

    /// The number of forward hooks and pre-hooks registered (PyTorch's `len(m._forward_hooks)`).
    public var forwardHookCount: (hooks: Int, preHooks: Int) { (forwardHooks.count, forwardPreHooks.count) }
}

/// `torch.utils.hooks.RemovableHandle`: removes the hook it was returned for. Removing twice,
/// or after the module is gone, does nothing.
public final class HookHandle {
    /// The hook's id, unique in the process (PyTorch's `handle.id`).
    public let id: Int
    private var remover: (() -> Void)?

    init(id: Int, remover: @escaping () -> Void) {
        self.id = id
        self.remover = remover
    }

    /// `handle.remove()`.
    public func remove() {
        remover?()
        remover = nil
    }

    nonisolated(unsafe) private static var counter = 0

    /// The next id (PyTorch's `RemovableHandle.next_id`).
    static func nextID() -> Int {
        defer { counter += 1 }
        return counter
    }
}
