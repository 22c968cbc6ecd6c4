import Engine
import Script

/// Counts of `torch.autograd.gradcheck` outcomes, for `wick check`'s table.
///
/// After `startCounting()`, each run's `torch.autograd.gradcheck` is wrapped: a call that
/// returns True counts as passed; one that returns False or raises counts as failed (the
/// result or error is passed on unchanged). Without it nothing is wrapped.
public enum CheckCounters {
    /// Gradient checks that passed.
    nonisolated(unsafe) public static var gradchecksPassed = 0
    /// Gradient checks that failed (returned False or raised).
    nonisolated(unsafe) public static var gradchecksFailed = 0
    nonisolated(unsafe) private static var counting = false

    /// Sets both counts to zero (before each lesson).
    public static func reset() {
        gradchecksPassed = 0
        gradchecksFailed = 0
    }

    /// Makes every later run count its gradient checks (once per process).
    public static func startCounting() {
        guard !counting else { return }
        counting = true
        TorchModule.extensions.append { torch in
            let autograd = TorchModule.submodule("torch.autograd", in: torch)
            guard let original = autograd["gradcheck"] else { return }
            let counted = wrap(original)
            autograd["gradcheck"] = counted
            TorchModule.gradcheckFunctionModule?["gradcheck"] = counted
        }
    }

    /// `original` with its outcomes counted.
    static func wrap(_ original: PyObject) -> PyObject {
        PyNativeFunction(name: "gradcheck") { a in
            do {
                let result = try Runtime.call(original, a.rest, a.keywords)
                if try Runtime.truthy(result) { gradchecksPassed += 1 } else { gradchecksFailed += 1 }
                return result
            } catch {
                gradchecksFailed += 1
                throw error
            }
        }
    }
}
