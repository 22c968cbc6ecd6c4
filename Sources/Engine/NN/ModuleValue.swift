/// A value passing through a module call: Swift callers pass tensors, scripts pass arbitrary
/// objects (the bindings box those they do not translate as `.opaque`).
public indirect enum ModuleValue {
    /// A tensor.
    case tensor(Tensor)
    /// A Python tuple, such as LSTM's `(output, (h, c))`.
    case tuple([ModuleValue])
    /// Python's `None`.
    case none
    /// Any other object a script passes. If it conforms to `ModuleOpaqueValue`, its Python
    /// type name appears in error messages.
    case opaque(AnyObject)

    /// The tensor held by `.tensor`, else nil.
    public var tensor: Tensor? {
        if case .tensor(let t) = self { return t }
        return nil
    }

    /// The elements of `.tuple`, else nil.
    public var tupleElements: [ModuleValue]? {
        if case .tuple(let items) = self { return items }
        return nil
    }

    /// True for `.none`.
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// The Python type name of the value as PyTorch's argument parser prints it ("Tensor",
    /// "tuple", "NoneType", or the opaque object's own type name).
    public var pythonTypeName: String {
        switch self {
        case .tensor: return "Tensor"
        case .tuple: return "tuple"
        case .none: return "NoneType"
        case .opaque(let object): return (object as? ModuleOpaqueValue)?.pythonTypeName ?? "object"
        }
    }
}

/// An object the script bindings box as `ModuleValue.opaque`, able to name its Python type
/// (`"int"`, `"str"`, `"list"`) for error messages.
public protocol ModuleOpaqueValue: AnyObject {
    /// The Python type name of the boxed object.
    var pythonTypeName: String { get }
}

/// An error of `nn.Module` bookkeeping whose Python type is not among `TensorError.Kind`:
/// `KeyError` (bad names in `register_*`/`add_module`) and `AttributeError` (missing attributes).
public struct ModuleError: Error, CustomStringConvertible, Equatable {
    /// The Python exception class.
    public enum Kind: String, Sendable {
        case key = "KeyError"
        case attribute = "AttributeError"
    }

    /// Which Python exception this is.
    public let kind: Kind
    /// The exception's argument (for KeyError Python prints it quoted, as its repr).
    public let message: String

    /// An error of the given kind.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `KeyError: "message"` / `AttributeError: message`, as a traceback's last line.
    public var description: String {
        kind == .key ? "\(kind.rawValue): \(pythonStringRepr(message))" : "\(kind.rawValue): \(message)"
    }
}

/// Python's `repr()` of a string: single quotes unless the text holds a single quote and no
/// double quote; backslashes, quotes and control characters escaped.
public func pythonStringRepr(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for ch in s {
        switch ch {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case quote: out += "\\" + String(quote)
        default: out.append(ch)
        }
    }
    out.append(quote)
    return out
}

// MARK: - Binding call arguments as CPython does

extension Module {
    /// Binds the arguments of a call to a Python-style signature `(self, names...)` whose first
    /// `required` parameters have no default, raising CPython's TypeErrors for wrong arity,
    /// unknown or repeated keywords ("Linear.forward() takes 2 positional arguments but 3 were
    /// given"). Returns one entry per name, nil where an optional parameter was not passed.
    public func bindArguments(_ inputs: [ModuleValue], _ keywords: [(String, ModuleValue)],
                              names: [String], required: Int? = nil,
                              function: String = "forward") throws -> [ModuleValue?] {
        let required = Swift.min(required ?? names.count, names.count)
        let qualified = "\(typeName).\(function)()"
        guard inputs.count <= names.count else {
            let takes = required == names.count
                ? "\(names.count + 1) positional argument\(names.count + 1 == 1 ? "" : "s")"
                : "from \(required + 1) to \(names.count + 1) positional arguments"
            let given = inputs.count + 1
            throw TensorError.type("\(qualified) takes \(takes) but \(given) \(given == 1 ? "was" : "were") given")
        }
        var bound: [ModuleValue?] = inputs.map { $0 } + Array(repeating: nil, count: names.count - inputs.count)
        for (key, value) in keywords {
            guard let i = names.firstIndex(of: key) else {
                throw TensorError.type("\(qualified) got an unexpected keyword argument '\(key)'")
            }
            if bound[i] != nil {
                throw TensorError.type("\(qualified) got multiple values for argument '\(key)'")
            }
            bound[i] = value
        }
        let missing = (0..<required).filter { bound[$0] == nil }.map { "'\(names[$0])'" }
        if !missing.isEmpty {
            let list: String
            switch missing.count {
            case 1: list = missing[0]
            case 2: list = missing[0] + " and " + missing[1]
            default: list = missing.dropLast().joined(separator: ", ") + ", and " + (missing.last ?? "")
            }
            let noun = missing.count == 1 ? "argument" : "arguments"
            throw TensorError.type("\(qualified) missing \(missing.count) required positional \(noun): \(list)")
        }
        return bound
    }

    /// The single tensor argument of a `forward(self, input)`: binds as `bindArguments` does
    /// and checks the value is a tensor ("linear(): argument 'input' (position 1) must be
    /// Tensor, not NoneType", with `function` the functional op the layer calls).
    public func singleTensorArgument(_ inputs: [ModuleValue], _ keywords: [(String, ModuleValue)],
                                     name: String = "input", function: String) throws -> Tensor {
        let bound = try bindArguments(inputs, keywords, names: [name])
        return try Module.tensorArgument(bound.first ?? nil, function: function, name: name, position: 1)
    }

    /// Checks that an argument is a tensor, with PyTorch's argument-parser message.
    public static func tensorArgument(_ value: ModuleValue?, function: String, name: String,
                                      position: Int) throws -> Tensor {
        let value = value ?? .none
        if case .tensor(let t) = value { return t }
        throw TensorError.type("\(function)(): argument '\(name)' (position \(position)) must be Tensor, not \(value.pythonTypeName)")
    }
}
