/// Whether operations record the autograd graph (`torch.is_grad_enabled()`), and anomaly mode.
public enum GradMode {
    nonisolated(unsafe) static var enabled = true
    /// Anomaly detection (`torch.autograd.set_detect_anomaly`): backward checks every
    /// gradient for NaN and names the forward op whose backward produced it.
    nonisolated(unsafe) public static var detectAnomaly = false
    /// `check_nan` of anomaly mode: whether backward raises on NaN gradients.
    nonisolated(unsafe) public static var anomalyCheckNan = true

    /// True while operations record the graph.
    public static var isEnabled: Bool { enabled }

    /// `torch.set_grad_enabled(flag)`.
    public static func set(_ flag: Bool) { enabled = flag }

    /// Runs `body` with recording switched to `flag`, restoring the previous mode afterwards
    /// (also when `body` throws): `no_grad` is `with(false)`, `enable_grad` is `with(true)`,
    /// `set_grad_enabled(flag)` as a context manager is `with(flag)`.
    public static func with<R>(_ flag: Bool, _ body: () throws -> R) rethrows -> R {
        let previous = enabled
        enabled = flag
        defer { enabled = previous }
        return try body()
    }

    /// The warning PyTorch gives when anomaly detection is switched on.
    public static let anomalyWarning = "Anomaly Detection has been enabled. This mode will increase the runtime and should only be enabled for debugging."

    /// `torch.autograd.set_detect_anomaly(mode, check_nan=)` called as a function: switches
    /// anomaly mode globally (without a warning, as in PyTorch; `detect_anomaly()` warns).
    public static func setDetectAnomaly(_ mode: Bool, checkNan: Bool = true) {
        detectAnomaly = mode
        anomalyCheckNan = checkNan
    }

    /// `with torch.autograd.detect_anomaly(check_nan=)` / `set_detect_anomaly(mode, check_nan=)`
    /// as a context manager: runs `body` with anomaly mode set, restoring the previous mode.
    /// `detect_anomaly` warns when it is entered (pass `warn: true`); `set_detect_anomaly` does not.
    public static func withAnomaly<R>(_ mode: Bool = true, checkNan: Bool = true, warn: Bool = false,
                                      _ body: () throws -> R) rethrows -> R {
        if warn { Autograd.warn(anomalyWarning) }
        let previous = (detectAnomaly, anomalyCheckNan)
        detectAnomaly = mode
        anomalyCheckNan = checkNan
        defer { (detectAnomaly, anomalyCheckNan) = previous }
        return try body()
    }
}

/// `torch.no_grad()`: runs `body` without recording the autograd graph.
public func noGrad<R>(_ body: () throws -> R) rethrows -> R { try GradMode.with(false, body) }

/// `torch.enable_grad()`: runs `body` with graph recording on.
public func enableGrad<R>(_ body: () throws -> R) rethrows -> R { try GradMode.with(true, body) }

/// `torch.set_grad_enabled(flag)` as a context manager: runs `body` with recording set to `flag`.
public func setGradEnabled<R>(_ flag: Bool, _ body: () throws -> R) rethrows -> R { try GradMode.with(flag, body) }
