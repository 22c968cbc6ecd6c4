/// An error raised by a tensor operation, worded as PyTorch words it. `kind` names the Python
/// exception type that the script bindings raise for it.
public struct TensorError: Error, CustomStringConvertible, Equatable {
    /// The Python exception class that PyTorch raises for this error.
    public enum Kind: String, Sendable {
        case runtime = "RuntimeError"
        case index = "IndexError"
        case type = "TypeError"
        case value = "ValueError"
        case notImplemented = "NotImplementedError"
        case zeroDivision = "ZeroDivisionError"
        case key = "KeyError"
        case attribute = "AttributeError"
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A `RuntimeError`.
    public static func runtime(_ message: String) -> TensorError { TensorError(.runtime, message) }
    /// An `IndexError`.
    public static func index(_ message: String) -> TensorError { TensorError(.index, message) }
    /// A `TypeError`.
    public static func type(_ message: String) -> TensorError { TensorError(.type, message) }
    /// A `ValueError`.
    public static func value(_ message: String) -> TensorError { TensorError(.value, message) }
    /// A `NotImplementedError`.
    public static func notImplemented(_ message: String) -> TensorError { TensorError(.notImplemented, message) }

    /// `Kind: message`, as Python prints the last line of a traceback.
    public var description: String { "\(kind.rawValue): \(message)" }
}
