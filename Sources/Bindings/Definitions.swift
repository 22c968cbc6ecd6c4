import Engine
import Script

/// One body defines both `Tensor.name(self, …)` and `torch.name(input, …)`, as PyTorch
/// generates both from one declaration. Arguments index 0 is `self`/`input`.
///
/// The `torch.` functions are made once per process and put into every run's torch module.
enum Definitions {
    /// Functions of the `torch` module, in definition order.
    nonisolated(unsafe) static var torchFunctions: [(String, PyObject)] = []

    /// Defines a tensor method and/or a `torch.` function from one body; `parameters` omits
    /// `self`/`input`. The body gets the bound arguments and the call site (for messages).
    static func both(_ name: String, _ parameters: String = "", method: Bool = true, function: Bool = true,
                     _ body: @escaping (Arguments, ArgumentSite) throws -> PyObject) {
        if method {
            let site = ArgumentSite(name, isMethod: true, parameters: parameters)
            TensorObject.tensorClass.method(name, parameters.isEmpty ? "self" : "self, " + parameters) { a in
                try body(a, site)
            }
        }
        if function {
            let site = ArgumentSite(name, isMethod: false, parameters: parameters)
            let f = PyNativeFunction(name: name, parameters: parameters.isEmpty ? "input" : "input, " + parameters) { a in
                try bridge { try body(a, site) }
            }
            torchFunctions.append((name, f))
        }
    }

    /// Defines a `torch.` function only (no tensor receiver).
    static func function(_ name: String, _ parameters: String = "", _ body: @escaping (Arguments) throws -> PyObject) {
        let f = PyNativeFunction(name: name, parameters: parameters) { a in try bridge { try body(a) } }
        torchFunctions.append((name, f))
    }

    /// Adds `alias` for an already defined function and method.
    static func alias(_ alias: String, _ name: String, method: Bool = true, function: Bool = true) {
        if method, let m = TensorObject.tensorClass.namespace[name] { TensorObject.tensorClass.setAttribute(alias, m) }
        if function, let f = torchFunctions.last(where: { $0.0 == name }) { torchFunctions.append((alias, f.1)) }
    }
}

extension ArgumentSite {
    /// `self` of a method, or the `input` tensor argument of a function.
    @inline(__always)
    func input(_ a: Arguments) throws -> Tensor {
        if isMethod { return try receiver(a) }
        return try Args.tensor(a[0], self, "input", 0)
    }
}

/// Small result helpers.
@inline(__always) func wrap(_ t: Tensor) -> PyObject { TensorObject.wrap(t) }

/// Applies a tensor-or-number operand to the matching engine overload.
@inline(__always)
func apply(_ other: TensorOrScalar, _ tensor: (Tensor) throws -> Tensor, _ scalar: (Scalar) throws -> Tensor) throws -> Tensor {
    switch other {
    case .tensor(let t): return try tensor(t)
    case .scalar(let s): return try scalar(s)
    }
}
