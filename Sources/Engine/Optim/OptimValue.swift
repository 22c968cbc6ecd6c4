/// A value held in an optimizer's or scheduler's Python dictionaries: a parameter group's
/// options (`'lr': 0.1`, `'betas': (0.9, 0.999)`, `'foreach': None`), a parameter's state
/// (`'step': tensor(3.)`, `'exp_avg': tensor([...])`) or a scheduler's `state_dict()` entries.
///
/// The cases are the Python types these dictionaries hold, one to one, so the script bindings
/// convert them directly and the pickle writer can write exactly what `torch.save` writes
/// (an `int` stays an `int`: `SGD(lr=1)` keeps `'lr': 1`).
public enum OptimValue: CustomStringConvertible {
    /// `None`.
    case none
    /// A Python `bool`.
    case bool(Bool)
    /// A Python `int`.
    case int(Int64)
    /// A Python `float`.
    case float(Double)
    /// A Python `str`.
    case string(String)
    /// A tensor (state buffers, the `step` counter).
    case tensor(Tensor)
    /// A Python `tuple` (`betas`).
    case tuple([OptimValue])
    /// A Python `list` (`params` index lists, `base_lrs`).
    case list([OptimValue])
    /// A Python `dict` with string keys (nested scheduler state).
    case dict(OptionDict)

    /// The value of a Python number.
    public init(_ scalar: Scalar) {
        switch scalar {
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .float(d)
        }
    }

    /// The value as a Python number, or nil when it is not one.
    public var scalar: Scalar? {
        switch self {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .double(d)
        default: return nil
        }
    }

    /// The value as a double when it is a number (bools count as 0/1, as in Python).
    public var doubleValue: Double? { scalar?.doubleValue }

    /// The Python type name, for error messages.
    public var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .tensor: return "Tensor"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        }
    }

    /// Python's `str()` of the value (what `print(optimizer)` shows).
    public var description: String {
        if case .string(let s) = self { return s }
        return repr
    }

    /// Python's `repr()` of the value.
    public var repr: String {
        switch self {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return formatPythonFloat(d)
        case .string(let s): return "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        case .tensor(let t): return t.description
        case .tuple(let items):
            return "(" + items.map(\.repr).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case .list(let items): return "[" + items.map(\.repr).joined(separator: ", ") + "]"
        case .dict(let d): return "{" + d.map { "'\($0.key)': \($0.value.repr)" }.joined(separator: ", ") + "}"
        }
    }
}

extension OptimValue: Equatable {
    /// Python equality for numbers (`1 == 1.0 == True`), structural for containers, identity
    /// for tensors.
    public static func == (a: OptimValue, b: OptimValue) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.string(let x), .string(let y)): return x == y
        case (.tensor(let x), .tensor(let y)): return x === y
        case (.tuple(let x), .tuple(let y)), (.list(let x), .list(let y)): return x == y
        case (.dict(let x), .dict(let y)): return x == y
        default:
            if let x = a.scalar, let y = b.scalar { return x.doubleValue == y.doubleValue }
            return false
        }
    }
}

extension OptimValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
                      ExpressibleByStringLiteral, ExpressibleByNilLiteral {
    /// `0.1` is a Python float.
    public init(floatLiteral value: Double) { self = .float(value) }
    /// `1` is a Python int.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// `true` is Python's `True`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `"name"` is a Python str.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `nil` is Python's `None`.
    public init(nilLiteral: ()) { self = .none }
}

/// A dictionary with string keys that remembers insertion order, as Python's `dict` does:
/// a parameter group's options, a parameter's optimizer state, a scheduler's state.
public struct OptionDict: Sequence, Equatable, ExpressibleByDictionaryLiteral {
    /// The keys in insertion order.
    public private(set) var keys: [String] = []
    private var storage: [String: OptimValue] = [:]

    /// An empty dictionary.
    public init() {}

    /// A dictionary holding `pairs` in order (a later duplicate key overwrites the value).
    public init(_ pairs: [(String, OptimValue)]) {
        for (k, v) in pairs { self[k] = v }
    }

    /// `["lr": 0.1, "momentum": 0.9]`, in the literal's order.
    public init(dictionaryLiteral elements: (String, OptimValue)...) { self.init(elements) }

    /// The value for `key`; assigning nil removes the key, assigning a new key appends it.
    public subscript(key: String) -> OptimValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Python's `dict.setdefault`: stores `value` only when `key` is absent.
    public mutating func setDefault(_ key: String, _ value: OptimValue) {
        if storage[key] == nil { self[key] = value }
    }

    /// True when `key` is present.
    public func contains(_ key: String) -> Bool { storage[key] != nil }

    /// Number of entries.
    public var count: Int { keys.count }
    /// True when there are no entries.
    public var isEmpty: Bool { keys.isEmpty }

    /// The entries in insertion order.
    public func makeIterator() -> AnyIterator<(key: String, value: OptimValue)> {
        var i = 0
        return AnyIterator {
            guard i < keys.count, let v = storage[keys[i]] else { return nil }
            defer { i += 1 }
            return (keys[i], v)
        }
    }

    /// Equal when the same keys map to equal values (order is ignored, as for Python dicts).
    public static func == (a: OptionDict, b: OptionDict) -> Bool { a.storage == b.storage }
}

extension OptionDict {
    /// The number stored under `key`, or a TypeError/KeyError-worded error.
    func number(_ key: String) throws -> Double {
        guard let value = self[key] else { throw TensorError.runtime("KeyError: '\(key)'") }
        guard let d = value.doubleValue else {
            throw TensorError.type("'\(key)' must be a number, but got \(value.typeName)")
        }
        return d
    }

    /// The truth value stored under `key` (Python truthiness of numbers and None).
    func flag(_ key: String) -> Bool {
        switch self[key] {
        case .bool(let b)?: return b
        case .int(let i)?: return i != 0
        case .float(let d)?: return d != 0
        case .string(let s)?: return !s.isEmpty
        case .tuple(let t)?, .list(let t)?: return !t.isEmpty
        case .tensor?, .dict?: return true
        case .none?, nil: return false
        }
    }
}
