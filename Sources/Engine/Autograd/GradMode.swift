/// Whether operations record the autograd graph (`torch.is_grad_enabled()`).
public enum GradMode {
    nonisolated(unsafe) static var enabled = true
    /// Anomaly detection (`torch.autograd.set_detect_anomaly`): backward checks every
    /// gradient for NaN and names the forward op whose backward produced it.
    nonisolated(unsafe) public static var detectAnomaly = false

    /// True while operations record the graph.
    public static var isEnabled: Bool { enabled }

    /// `torch.set_grad_enabled(flag)`.
    public static func set(_ flag: Bool) { enabled = flag }

    /// Runs `body` with recording switched to `flag`, restoring the previous mode afterwards
    /// (also when `body` throws): `no_grad` is `with(false)`, `enable_grad` is `with(true)`.
    public static func with<R>(_ flag: Bool, _ body: () throws -> R) rethrows -> R {
        let previous = enabled
        enabled = flag
        defer { enabled = previous }
        return try body()
    }
}

/// `torch.no_grad()`: runs `body` without recording the autograd graph.
public func noGrad<R>(_ body: () throws -> R) rethrows -> R { try GradMode.with(false, body) }

/// `torch.enable_grad()`: runs `body` with graph recording on.
public func enableGrad<R>(_ body: () throws -> R) rethrows -> R { try GradMode.with(true, body) }
