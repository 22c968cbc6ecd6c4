/// How tensors print: PyTorch's `torch.set_printoptions` settings, with the same defaults.
///
/// `PrintOptions.current` is the global setting that `Tensor.description` uses;
/// `Tensor.description(options:)` prints with explicit options instead.
///
/// ```swift
/// PrintOptions.set(precision: 2)
/// print(x)                    // tensor([1.12, 2.00])
/// PrintOptions.set(profile: .default)
/// ```
public struct PrintOptions: Sendable, Equatable {
    /// Digits after the decimal point of floating-point elements (default 4).
    public var precision: Int
    /// Element count above which a tensor is summarized with `...` (default 1000;
    /// `.infinity` never summarizes, as the `full` profile does).
    public var threshold: Double
    /// Items kept at the start and end of each summarized dimension (default 3).
    public var edgeitems: Int
    /// Characters per line before elements wrap (default 80).
    public var linewidth: Int
    /// Forces scientific notation on (`true`) or off (`false`); nil lets the values decide.
    public var sciMode: Bool?

    /// Options with PyTorch's defaults unless given.
    public init(precision: Int = 4, threshold: Double = 1000, edgeitems: Int = 3, linewidth: Int = 80,
                sciMode: Bool? = nil) {
        self.precision = precision
        self.threshold = threshold
        self.edgeitems = edgeitems
        self.linewidth = linewidth
        self.sciMode = sciMode
    }

    /// The presets of `torch.set_printoptions(profile=...)`.
    public enum Profile: String, Sendable, CaseIterable {
        /// precision 4, threshold 1000, edgeitems 3, linewidth 80.
        case `default`
        /// precision 2, threshold 1000, edgeitems 2, linewidth 80.
        case short
        /// precision 4, no summarization, edgeitems 3, linewidth 80.
        case full
    }

    /// The options of a preset profile (scientific mode left automatic).
    public init(profile: Profile) {
        switch profile {
        case .default: self.init()
        case .short: self.init(precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80)
        case .full: self.init(precision: 4, threshold: .infinity, edgeitems: 3, linewidth: 80)
        }
    }

    /// The global options every `print(tensor)` uses (`torch._tensor_str.PRINT_OPTS`).
    nonisolated(unsafe) public static var current = PrintOptions()

    /// `torch.set_printoptions`: applies `profile` first (if any), then each option given.
    /// As in PyTorch, `sciMode` is always assigned, so omitting it resets it to automatic.
    public static func set(precision: Int? = nil, threshold: Double? = nil, edgeitems: Int? = nil,
                           linewidth: Int? = nil, profile: Profile? = nil, sciMode: Bool? = nil) {
        var options = current
        if let profile {
            let preset = PrintOptions(profile: profile)
            options.precision = preset.precision
            options.threshold = preset.threshold
            options.edgeitems = preset.edgeitems
            options.linewidth = preset.linewidth
        }
        if let precision { options.precision = precision }
        if let threshold { options.threshold = threshold }
        if let edgeitems { options.edgeitems = edgeitems }
        if let linewidth { options.linewidth = linewidth }
        options.sciMode = sciMode
        current = options
    }

    /// `with torch.printoptions(...)`: runs `body` with `options` as the global options and
    /// restores the previous ones afterwards, even when `body` throws.
    public static func withOptions<R>(_ options: PrintOptions, _ body: () throws -> R) rethrows -> R {
        let saved = current
        current = options
        defer { current = saved }
        return try body()
    }
}
