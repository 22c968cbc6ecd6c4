/// `print(model)`: PyTorch's nested `__repr__` layout.
extension Module {
    /// PyTorch's `Module.__repr__`: `Name(extra)` on one line when there are no children and
    /// `extraRepr()` is one line; otherwise one line per extra-repr line and per child
    /// (`(name): child`, indented by two spaces).
    public func moduleRepr() -> String {
        let extra = extraRepr()
        let extraLines = extra.isEmpty ? [] : extra.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var childLines: [String] = []
        for (key, module) in moduleSlots.entries {
            let modStr = addIndent(module?.description ?? "None", 2)
            childLines.append("(\(key)): \(modStr)")
        }
        let lines = extraLines + childLines
        var main = typeName + "("
        if !lines.isEmpty {
            if extraLines.count == 1 && childLines.isEmpty {
                main += extraLines[0]
            } else {
                main += "\n  " + lines.joined(separator: "\n  ") + "\n"
            }
        }
        return main + ")"
    }
}

/// PyTorch's `_addindent` (torch/nn/modules/module.py): indents every line but the first by
/// `spaces`, leaving blank lines empty.
func addIndent(_ s: String, _ spaces: Int) -> String {
    let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count > 1, let first = lines.first else { return s }
    let pad = String(repeating: " ", count: spaces)
    let rest = lines.dropFirst().map { $0.trimmingWhitespace.isEmpty ? "" : pad + $0 }
    return ([String(first)] + rest).joined(separator: "\n")
}

private extension Substring {
    /// The text without Python-`strip()` whitespace at either end.
    var trimmingWhitespace: Substring {
        let ws: Set<Character> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
        var s = self
        while let c = s.first, ws.contains(c) { s = s.dropFirst() }
        while let c = s.last, ws.contains(c) { s = s.dropLast() }
        return s
    }
}
