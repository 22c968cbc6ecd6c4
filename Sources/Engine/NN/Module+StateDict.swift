/// `state_dict()` and `load_state_dict()` with PyTorch's key order and error reports.
extension Module {
    /// `state_dict(prefix=, keep_vars=)`: every parameter and persistent buffer (not None),
    /// module by module in registration order, under dotted keys ("0.weight", "fc.bias").
    /// Tensors are detached unless `keepVars`. A tensor shared by two modules appears under
    /// both keys.
    public func stateDict(prefix: String = "", keepVars: Bool = false) -> [(String, Tensor)] {
        var out: [(String, Tensor)] = []
        saveStateDict(prefix: prefix, keepVars: keepVars, into: &out)
        return out
    }

    private func saveStateDict(prefix: String, keepVars: Bool, into out: inout [(String, Tensor)]) {
        func put(_ key: String, _ t: Tensor) {
            let value = keepVars ? t : t.detach()
            if let i = out.firstIndex(where: { $0.0 == key }) { out[i].1 = value } else { out.append((key, value)) }
        }
        for (name, p) in parameterSlots.entries { if let p { put(prefix + name, p) } }
        for (name, b) in bufferSlots.entries where !nonPersistentBuffers.contains(name) {
            if let b { put(prefix + name, b) }
        }
        for (name, module) in moduleSlots.entries {
            module?.saveStateDict(prefix: prefix + name + ".", keepVars: keepVars, into: &out)
        }
    }

    /// `load_state_dict(state_dict, strict=True)`: copies every matching tensor into the
    /// module's parameters and persistent buffers (in place, without recording autograd).
    /// Returns the missing and unexpected keys. Size mismatches always raise; missing and
    /// unexpected keys raise only when `strict` — with PyTorch's "Error(s) in loading
    /// state_dict for Sequential:\n\t…" RuntimeError.
    @discardableResult
    public func loadStateDict(_ state: [(String, Tensor)], strict: Bool = true) throws
        -> (missingKeys: [String], unexpectedKeys: [String]) {
        var dict: [String: Tensor] = [:]
        var order: [String] = []
        for (k, v) in state {
            if dict.updateValue(v, forKey: k) == nil { order.append(k) }
        }
        var missing: [String] = [], unexpected: [String] = [], errors: [String] = []
        try loadTree(dict, order, prefix: "", &missing, &unexpected, &errors)
        if strict {
            if !unexpected.isEmpty {
                errors.insert("Unexpected key(s) in state_dict: \(unexpected.map { "\"\($0)\"" }.joined(separator: ", ")). ", at: 0)
            }
            if !missing.isEmpty {
                errors.insert("Missing key(s) in state_dict: \(missing.map { "\"\($0)\"" }.joined(separator: ", ")). ", at: 0)
            }
        }
        if !errors.isEmpty {
            throw TensorError.runtime("Error(s) in loading state_dict for \(typeName):\n\t" + errors.joined(separator: "\n\t"))
        }
        return (missing, unexpected)
    }

    private func loadTree(_ dict: [String: Tensor], _ order: [String], prefix: String,
                          _ missing: inout [String], _ unexpected: inout [String], _ errors: inout [String]) throws {
        let keys = order.filter { $0.hasPrefix(prefix) }
        try loadOwnState(dict, keys, prefix: prefix, &missing, &unexpected, &errors)
        for (name, child) in moduleSlots.entries {
            guard let child else { continue }
            try child.loadTree(dict, keys, prefix: prefix + name + ".", &missing, &unexpected, &errors)
        }
    }

    /// PyTorch's `_load_from_state_dict` (always called with strict=True by load_state_dict).
    private func loadOwnState(_ dict: [String: Tensor], _ keys: [String], prefix: String,
                              _ missing: inout [String], _ unexpected: inout [String], _ errors: inout [String]) throws {
        var local: [(String, Tensor)] = parameterSlots.entries.compactMap { e in e.value.map { (e.key, $0) } }
        for (name, b) in bufferSlots.entries where !nonPersistentBuffers.contains(name) {
            guard let b else { continue }
            if let i = local.firstIndex(where: { $0.0 == name }) { local[i].1 = b } else { local.append((name, b)) }
        }
        for (name, param) in local {
            let key = prefix + name
            guard var input = dict[key] else {
                missing.append(key)
                continue
            }
            if param.dim == 0 && input.dim == 1 && input.shape[0] == 1 { input = try input.reshape([]) }
            guard input.shape == param.shape else {
                errors.append("size mismatch for \(key): copying a param with shape \(torchSize(input.shape)) from checkpoint, the shape in current model is \(torchSize(param.shape)).")
                continue
            }
            do {
                try noGrad { _ = try param.copyInPlace(input) }
            } catch {
                let text = (error as? TensorError)?.message ?? String(describing: error)
                errors.append("While copying the parameter named \"\(key)\", whose dimensions in the model are \(torchSize(param.shape)) and whose dimensions in the checkpoint are \(torchSize(input.shape)), an exception occurred : (\(pythonStringRepr(text)),).")
            }
        }
        let localNames = Set(local.map { $0.0 })
        for key in keys where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            if let dot = rest.firstIndex(of: ".") {
                if !moduleSlots.contains(String(rest[..<dot])) { unexpected.append(key) }
            } else if !localNames.contains(String(rest)) {
                unexpected.append(key)
            }
        }
    }
}

/// `torch.Size([3, 4])`, as PyTorch prints a shape.
func torchSize(_ shape: [Int]) -> String {
    "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
}
