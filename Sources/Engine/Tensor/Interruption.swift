/// A request to stop long engine work early (Ctrl-C in the REPL or in `wick run`).
///
/// A front end sets it from its SIGINT handler (`Interruption.request()` is a single store, so it
/// is safe there); big kernels poll it between chunks of work (`parallelRanges`) and leave the
/// remaining chunks undone. The result of an op that ran while a request was pending is
/// therefore incomplete: whoever calls the engine must check `isRequested` after the op and
/// throw instead of using the result (the script bindings raise `KeyboardInterrupt`), then
/// `clear()` the request. The engine itself never throws for it and knows nothing of scripts.
public enum Interruption {
    /// The flag: one machine word behind a raw pointer, so a poll is one load and a signal
    /// handler can set it without locks or allocation.
    private static let flag: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// Whether an interruption was requested and not yet cleared (kernels poll this).
    @inline(__always)
    public static var isRequested: Bool { flag.pointee != 0 }

    /// Asks running kernels to stop early (async-signal-safe).
    public static func request() { flag.pointee = 1 }

    /// Forgets a request (once it has been turned into an error, or before new work starts).
    public static func clear() { flag.pointee = 0 }
}
