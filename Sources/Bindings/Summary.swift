import Engine
import Foundation
import Script

/// The `torchsummary` package for scripts: `summary(model, input_size, batch_size=-1,
/// device="cuda")` prints the package's table (see `ModelSummary` in the engine).
///
/// wick has no CUDA; like the package on a machine without CUDA, `device="cuda"` (its default)
/// is accepted and the model runs on the CPU, so tutorials run unchanged. Any other device
/// string than "cuda"/"cpu" (any case) raises the package's AssertionError.
public enum SummaryBindings {
    /// Where the table is printed; nil (the default) writes to the running script's stdout.
    nonisolated(unsafe) public static var output: ((String) -> Void)?

    /// Makes `import torchsummary` / `from torchsummary import summary` work (once per process).
    public static func install() { _ = installed }

    private static let installed: Bool = {
        NativeModules.register("torchsummary") { module() }
        NativeModules.register("torchsummary.torchsummary") { module(name: "torchsummary.torchsummary") }
        return true
    }()

    static func write(_ text: String) {
        if let output { output(text) } else { ScriptRunner.writeOutput(text) }
    }

    /// A fresh `torchsummary` module.
    static func module(name: String = "torchsummary") -> PyModule {
        let m = PyModule(name: name)
        m.function("summary", "model, input_size, batch_size=, device=") { a in
            try summary(model: a[0], inputSize: a[1], batchSize: a.optional(2), device: a.optional(3))
            return PyNone.shared
        }
        return m
    }

    /// The package's steps, in its order: device check, input sizes, forward pass, table.
    static func summary(model: PyObject, inputSize: PyObject, batchSize: PyObject?, device: PyObject?) throws {
        let deviceName: String
        if let device, !(device is PyNone) {
            guard let s = device as? PyStr else {
                throw PyError.attribute("'\(Runtime.typeName(device))' object has no attribute 'lower'")
            }
            deviceName = try Runtime.str(s).lowercased()
        } else if device == nil {
            deviceName = "cuda"
        } else {
            throw PyError.attribute("'NoneType' object has no attribute 'lower'")
        }
        guard deviceName == "cuda" || deviceName == "cpu" else {
            throw PyError.assertion("Input device is not valid, please specify 'cuda' or 'cpu'")
        }
        var batch = -1
        if let batchSize {
            guard let b = batchSize as? PyInt else {
                throw PyError.type("unsupported batch_size type '\(Runtime.typeName(batchSize))' (wick's torchsummary takes an int)")
            }
            batch = Int(b.value)
        }
        let sizes = try inputSizes(inputSize)
        guard let object = model as? ModuleObject else {
            throw PyError.attribute("'\(Runtime.typeName(model))' object has no attribute 'apply'")
        }
        let lookup: ModelSummary.AttributeLookup = { module, name in
            guard let value = try? Runtime.getAttribute(ModuleObject.wrap(module), name) else { return nil }
            return (value as? TensorObject)?.tensor
        }
        let result = try nnBridge {
            try ModelSummary.summary(object.module, inputSizes: sizes, batchSize: batch, attribute: lookup)
        }
        write(result.text)
        if let failure = result.failure {
            if let e = failure as? ModuleError, e.kind == .attribute { throw PyError.attribute(e.message) }
            try nnBridge { () throws -> Void in throw failure }
        }
    }

    /// `input_size`: one tuple, or an iterable of shapes (multiple inputs).
    static func inputSizes(_ o: PyObject) throws -> [[Int]] {
        let shapes: [PyObject] = o is PyTuple ? [o] : try Runtime.toArray(o)
        return try shapes.map { shape in
            guard shape is PyTuple || shape is PyList else {
                if shape is PyInt { throw PyError.type("Value after * must be an iterable, not int") }
                throw PyError.type("Value after * must be an iterable, not \(Runtime.typeName(shape))")
            }
            return try Runtime.toArray(shape).enumerated().map { i, item in
                guard let n = item as? PyInt else {
                    throw PyError.type("rand(): argument 'size' failed to unpack the object at pos \(i + 2) with error \"type must be tuple of ints,but got \(Runtime.typeName(item))\"")
                }
                return Int(n.value)
            }
        }
    }
}
