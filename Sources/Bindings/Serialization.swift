import Engine
import Foundation
import Script

/// `torch.save(obj, f)` and `torch.load(f, map_location=None, weights_only=True)`: PyTorch's
/// own zip-based checkpoint format, read by a safe (weights-only) unpickler.
///
/// Installed through `SerializationBindings.install()` (a `TorchModule.extensions` builder).
public enum SerializationBindings {
    nonisolated(unsafe) private static var installed = false

    /// Adds `torch.save` / `torch.load` to every fresh torch module (calling again does nothing).
    public static func install() {
        guard !installed else { return }
        installed = true
        TorchModule.extensions.append { torch in build(torch) }
    }

    /// `_pickle.UnpicklingError` (pickle.UnpicklingError), an `Exception` subclass.
    public static let unpicklingErrorClass = PyClass(name: "UnpicklingError", bases: [Builtin.exceptionClassPublic], module: "_pickle")

    /// The interpreter's own OSError family, so `except FileNotFoundError` catches what load raises.
    static let fileNotFoundErrorClass = Builtin.fileNotFoundErrorClass
    static let osErrorClass = Builtin.osErrorClass
    static let eofErrorClass = Builtin.eofErrorClass

    static func build(_ torch: PyModule) {
        torch.define("save", "obj, f, pickle_module=, pickle_protocol=, _use_new_zipfile_serialization=, _disable_byteorder_record=") { a in
            let path = try pathArgument(a[1], "save")
            let value = try ioValue(a[0], depth: 0)
            try run { try Serialization.save(value, to: path) }
            return PyNone.shared
        }
        torch.define("load", "f, map_location=, pickle_module=, weights_only=, mmap=") { a in
            let path = try pathArgument(a[0], "load")
            try checkMapLocation(a.optional(1))
            if a.optional(2) != nil { throw TorchErrors.unsupported("torch.load(pickle_module=...)") }
            let value = try run { try Serialization.load(from: path) }
            return try object(value)
        }
    }

    /// The file name argument (a `str`; file objects are not supported).
    static func pathArgument(_ o: PyObject, _ function: String) throws -> String {
        if let s = o as? PyStr { return s.value }
        if let fspath = try? Runtime.getAttribute(o, "__fspath__"), let s = try? Runtime.call(fspath, []) as? PyStr { return s.value }
        throw PyError.notImplemented("torch.\(function) with a file object (\(Runtime.typeName(o))) is not supported by wick; pass a file name")
    }

    /// Accepts CPU locations; CUDA/MPS fail as on a CPU-only machine.
    static func checkMapLocation(_ o: PyObject?) throws {
        guard let o else { return }
        var name: String?
        if let s = o as? PyStr { name = s.value }
        if let d = o as? DeviceObject { name = d.type }
        guard let device = name else { throw TorchErrors.unsupported("torch.load(map_location=<\(Runtime.typeName(o))>)") }
        if device == "cpu" || device.hasPrefix("cpu:") { return }
        if device.hasPrefix("cuda") {
            throw PyError.runtime("Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.")
        }
        throw TorchErrors.unsupported("torch.load(map_location='\(device)')")
    }

    /// Runs engine serialization code, turning its errors into Python exceptions.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try bridge(body) } catch let e as SerializationError {
            switch e.kind {
            case .unpickling: throw PyError(unpicklingErrorClass, e.message)
            case .fileNotFound: throw PyError(fileNotFoundErrorClass, e.message)
            case .eof: throw PyError(eofErrorClass, e.message)
            case .os: throw PyError(osErrorClass, e.message)
            }
        }
    }

    /// A script object as a savable value.
    static func ioValue(_ o: PyObject, depth: Int) throws -> IOValue {
        guard depth < 1000 else { throw PyError.runtime("maximum recursion depth exceeded while pickling an object") }
        if o === PyNone.shared { return .none }
        if let t = o as? TensorObject { return .tensor(t.tensor) }
        if let i = o as? PyInt {
            if o.cls === Builtin.boolType { return .bool(i.value != 0) }
            return .int(Int(i.value))
        }
        if let f = o as? PyFloat { return .float(f.value) }
        if let s = o as? PyStr { return .string(s.value) }
        if let l = o as? PyList, o.cls === Builtin.listType { return .list(try l.items.map { try ioValue($0, depth: depth + 1) }) }
        if let t = o as? PyTuple { return .tuple(try t.items.map { try ioValue($0, depth: depth + 1) }) }
        if let d = o as? PyDict {
            let pairs = try d.table.pairs.map { (key: try ioValue($0.0.object, depth: depth + 1), value: try ioValue($0.1, depth: depth + 1)) }
            if o.cls === Builtin.dictType { return .dict(pairs) }
            if o.cls.name == "OrderedDict" { return .orderedDict(pairs) }
        }
        throw PyError.notImplemented("torch.save: wick can save tensors, numbers, strings, None and lists, tuples, dicts and OrderedDicts of them, not '\(Runtime.typeName(o))'")
    }

    /// A loaded value as a script object (`OrderedDict` for state dicts).
    static func object(_ v: IOValue) throws -> PyObject {
        switch v {
        case .none: return PyNone.shared
        case .bool(let b): return PyBool.make(b)
        case .int(let i): return PyInt.make(i)
        case .float(let d): return PyFloat(d)
        case .string(let s): return PyStr(s)
        case .tensor(let t): return TensorObject.wrap(t)
        case .list(let items): return PyList(try items.map(object))
        case .tuple(let items): return PyTuple(try items.map(object))
        case .dict(let pairs), .orderedDict(let pairs):
            let d: PyDict
            if case .orderedDict = v { d = PyDict(cls: NN.orderedDictClass) } else { d = PyDict() }
            for (k, value) in pairs { try d.set(try object(k), try object(value)) }
            return d
        }
    }
}
