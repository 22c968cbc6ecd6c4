/// A value `torch.save` can write and `torch.load(weights_only=True)` can return: the Python
/// objects of checkpoints (numbers, strings, tensors and nested containers).
public indirect enum IOValue {
    /// `None`.
    case none
    /// `True` / `False`.
    case bool(Bool)
    /// A Python `int` that fits in 64 bits.
    case int(Int)
    /// A Python `float`.
    case float(Double)
    /// A Python `str`.
    case string(String)
    /// A tensor (or `nn.Parameter`, see `Tensor.isParameter`).
    case tensor(Tensor)
    /// A Python `list`.
    case list([IOValue])
    /// A Python `tuple` (also what a `torch.Size` loads as).
    case tuple([IOValue])
    /// A Python `dict`, in insertion order.
    case dict([(key: IOValue, value: IOValue)])
    /// A `collections.OrderedDict` (what `state_dict()` returns).
    case orderedDict([(key: IOValue, value: IOValue)])
}

/// An error of `torch.save` / `torch.load` whose Python class is not one of `TensorError`'s.
public struct SerializationError: Error, CustomStringConvertible {
    /// The Python exception class.
    public enum Kind: String, Sendable {
        /// `_pickle.UnpicklingError` (printed as `_pickle.UnpicklingError` in tracebacks).
        case unpickling = "UnpicklingError"
        /// `FileNotFoundError`.
        case fileNotFound = "FileNotFoundError"
        /// `EOFError` (pickle data ended before STOP).
        case eof = "EOFError"
        /// `OSError` for other file-system failures.
        case os = "OSError"
    }
    /// The exception class.
    public let kind: Kind
    /// The exception message.
    public let message: String
    /// `errno` for file-system errors.
    public let errno: Int32?
    /// The file name for file-system errors.
    public let filename: String?

    /// An error of `kind` with `message`.
    public init(_ kind: Kind, _ message: String, errno: Int32? = nil, filename: String? = nil) {
        self.kind = kind
        self.message = message
        self.errno = errno
        self.filename = filename
    }

    /// `Kind: message`, as Python prints it.
    public var description: String { "\(kind.rawValue): \(message)" }
}
