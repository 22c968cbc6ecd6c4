import Engine
import Script

/// The script-visible `torch.Tensor`: a Python object around one engine `Tensor`.
///
/// A tensor has one wrapper while the script holds it (`Tensor.hostObject`), so `x.grad is
/// x.grad` and attributes set on a tensor survive. Parameters (`Tensor.isParameter`) wrap as
/// `torch.nn.parameter.Parameter`, a subclass of `Tensor`.
public final class TensorObject: PyObject {
    /// The engine tensor.
    public internal(set) var tensor: Tensor

    init(_ tensor: Tensor, cls: PyClass) {
        self.tensor = tensor
        super.init(cls: cls)
        tensor.hostObject = self
    }

    /// The script object for `tensor`: its existing wrapper, or a new one.
    @inline(__always)
    public static func wrap(_ tensor: Tensor) -> TensorObject {
        if let existing = tensor.hostObject as? TensorObject { return existing }
        return TensorObject(tensor, cls: tensor.isParameter ? parameterClass : tensorClass)
    }

    /// The wrapper of an optional tensor, or None.
    public static func wrapOptional(_ tensor: Tensor?) -> PyObject {
        tensor.map { wrap($0) } ?? PyNone.shared
    }

    /// A tuple of wrapped tensors.
    public static func wrapTuple(_ tensors: [Tensor]) -> PyObject {
        PyTuple(tensors.map { wrap($0) })
    }

    /// The class `torch.Tensor`.
    public static let tensorClass: PyClass = {
        let c = PyClass(name: "Tensor", bases: [Builtin.objectType], module: "torch")
        c.allocator = { cls in TensorObject(Tensor(zeros: [0]), cls: cls) }
        return c
    }()

    /// The class `torch.nn.parameter.Parameter` (exported as `torch.nn.Parameter` by the nn
    /// bindings): `Parameter(data=None, requires_grad=True)`.
    public static let parameterClass: PyClass = {
        let c = PyClass(name: "Parameter", bases: [tensorClass], module: "torch.nn.parameter")
        c.allocator = { cls in TensorObject(Tensor(zeros: [0]), cls: cls) }
        return c
    }()

    /// Makes `tensor` (a leaf sharing `data`'s storage) a parameter, as `nn.Parameter(data)`.
    public static func makeParameter(_ data: Tensor, requiresGrad: Bool = true, cls: PyClass? = nil) throws -> TensorObject {
        let t = data.detach()
        t.isParameter = true
        try bridge { try t.setRequiresGrad(requiresGrad && t.dtype.isFloatingPoint ? true : requiresGrad) }
        let object = TensorObject(t, cls: cls ?? parameterClass)
        return object
    }

    /// Installs methods, properties and operators on `torch.Tensor` (once per process).
    static let installed: Bool = {
        installAttributes()
        installMethods()
        installReductions()
        installShapeMethods()
        installOperators()
        installIndexing()
        installParameter()
        return true
    }()
}

/// The receiver of a tensor method (`self`), with the engine tensor inside.
@inline(__always)
func receiver(_ a: Arguments) throws -> Tensor {
    if let t = a.values.first ?? nil, let o = t as? TensorObject { return o.tensor }
    if let t = a.rest.first as? TensorObject { return t.tensor }
    throw PyError.type("descriptor requires a 'torch._C.TensorBase' object")
}

extension TensorObject {
    /// Attributes: shape, dtype, device, grad, requires_grad, grad_fn, is_leaf, data, T, mT, ndim.
    static func installAttributes() {
        let c = tensorClass
        c.method("__new__", "cls, *args") { a in
            let cls = (a[0] as? PyClass) ?? tensorClass
            let t: Tensor
            if a.rest.count == 1, !(a.rest[0] is PyInt) {
                if let other = a.rest[0] as? TensorObject { t = other.tensor.detach() }
                else { t = try TensorFactory.fromData(a.rest[0], dtype: DType.defaultFloat) }
            } else {
                t = try Tensor.empty(try Args.size(nil, a.rest, ArgumentSite("Tensor", isMethod: false)))
            }
            return TensorObject(t, cls: cls)
        }
        c.property("shape") { o in TorchSize.make(try tensorOf(o).shape) }
        c.property("dtype") { o in DTypeObject.of(try tensorOf(o).dtype) }
        c.property("device") { _ in DeviceObject.cpu }
        c.property("is_cuda") { _ in PyBool.falseValue }
        c.property("ndim") { o in PyInt.make(try tensorOf(o).dim) }
        c.property("is_leaf") { o in PyBool.make(try tensorOf(o).isLeaf) }
        c.property("layout") { _ in PyStr("torch.strided") }
        c.property("requires_grad", get: { o in PyBool.make(try tensorOf(o).requiresGrad) }, set: { o, v in
            let t = try tensorOf(o)
            guard let flag = v as? PyInt else { throw PyError.type("requires_grad must be a bool, not \(pythonTypeName(v))") }
            if t.gradFn != nil && flag.value == 0 {
                throw PyError.runtime("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
            }
            if flag.value != 0 && !t.dtype.isFloatingPoint {
                throw PyError.runtime("only Tensors of floating point and complex dtype can require gradients")
            }
            try t.setRequiresGrad(flag.value != 0)
        })
        c.property("grad", get: { o in wrapOptional(try tensorOf(o).grad) }, set: { o, v in
            let t = try tensorOf(o)
            if v is PyNone { t.grad = nil; return }
            guard let g = v as? TensorObject else { throw PyError.type("assigned grad expected to be a Tensor or None but got grad of type \(pythonTypeName(v))") }
            guard g.tensor.shape == t.shape else {
                throw PyError.runtime("attempting to assign a gradient of size '\(formatShapeList(g.tensor.shape))' to a tensor of size '\(formatShapeList(t.shape))'. Please ensure that the gradient and the tensor are the same size")
            }
            guard g.tensor.dtype == t.dtype else {
                throw PyError.runtime("attempting to assign a gradient with dtype '\(cppName(g.tensor.dtype))' to a tensor with grad_dtype '\(t.dtype.scalarTypeName)'. The gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set the tensor's grad_dtype attribute with a specific dtype, or None to allow any dtype. Set grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may break downstream systems that assume they match.")
            }
            t.grad = g.tensor
        })
        c.property("grad_fn") { o in NodeObject.wrapOptional(try tensorOf(o).gradFn) }
        c.property("data", get: { o in wrap(try tensorOf(o).data) }, set: { o, v in
            guard let other = v as? TensorObject else { throw PyError.type("data must be a Tensor, not \(pythonTypeName(v))") }
            try tensorOf(o).setData(other.tensor)
        })
        c.property("T") { o in wrap(try tensorOf(o).T) }
        c.property("mT") { o in wrap(try tensorOf(o).mT) }
        c.property("_version") { o in PyInt.make(try tensorOf(o).versionNumber) }
        c.property("is_sparse") { _ in PyBool.falseValue }
        c.property("_base") { o in wrapOptional(try tensorOf(o).base) }
        c.property("retains_grad") { o in PyBool.make(try tensorOf(o).retainsGrad) }
        c.method("__repr__", "") { a in PyStr(try describe(receiver(a))) }
        c.method("__str__", "") { a in PyStr(try describe(receiver(a))) }
        c.method("__hash__", "") { a in PyInt.make(Int64(ObjectIdentifier(TensorObject.wrap(try receiver(a))).hashValue)) }
        c.attributeSetHook = { o, name, value in
            // Arbitrary attributes on tensors (PyTorch allows them): a __dict__ made on demand.
            if o.attributes == nil { o.attributes = AttributeTable() }
            o.attributes?[name] = value
            if value == nil { o.attributes?[name] = nil }
            return true
        }
        c.attributeFallback = { o, name in
            if TensorObject.knownUnsupported.contains(name) { throw TorchErrors.unsupportedAttribute("Tensor.\(name)") }
            return nil
        }
    }

    /// `repr(tensor)`, with PyTorch's `Parameter containing:` header for parameters.
    static func describe(_ t: Tensor) -> String {
        t.isParameter ? "Parameter containing:\n" + t.description : t.description
    }

    /// Parameter's constructor and repr.
    static func installParameter() {
        let p = parameterClass
        p.method("__new__", "cls, data=, requires_grad=") { a in
            let cls = (a[0] as? PyClass) ?? parameterClass
            let data = try a.optional(1).map { try Args.tensor($0, ArgumentSite("Parameter", isMethod: false), "data", 0) } ?? Tensor(zeros: [0])
            let rg = try a.optional(2).map { try Runtime.truthy($0) } ?? true
            return try makeParameter(data, requiresGrad: rg, cls: cls)
        }
    }

    /// Tensor methods PyTorch has that wick does not: they raise NotImplementedError.
    static let knownUnsupported: Set<String> = [
        "sort", "topk", "unique", "kthvalue", "median", "mode", "cummax", "cummin", "cumprod", "logcumsumexp",
        "cholesky", "inverse", "det", "logdet", "slogdet", "svd", "qr", "eig", "lu", "pinverse", "matrix_power",
        "matrix_exp", "triangular_solve", "einsum", "diag", "diagonal", "diag_embed", "trace", "kron", "roll",
        "rot90", "histc", "bincount", "nonzero", "argsort", "searchsorted", "bucketize", "put_", "index_add",
        "index_add_", "index_copy", "index_copy_", "index_fill", "index_fill_", "masked_scatter", "masked_select",
        "take", "take_along_dim", "unfold", "as_strided", "storage", "untyped_storage", "pin_memory",
        "share_memory_", "to_sparse", "to_dense", "half", "bfloat16", "cfloat", "cdouble", "byte", "char", "short",
        "sinh", "cosh", "asin", "acos", "atan", "atan2", "asinh", "acosh", "atanh", "log10", "exp2", "erfc",
        "erfinv", "lgamma", "digamma", "polygamma", "sinc", "logit", "hypot", "frac", "trunc", "fix", "nan_to_num",
        "logaddexp", "logaddexp2", "xlogy", "heaviside", "gcd", "lcm", "signbit", "copysign", "nextafter",
        "renorm", "addcmul", "addcdiv", "addmv", "addr", "baddbmm", "addbmm", "cross", "dist", "cov", "corrcoef",
        "nansum", "nanmean", "count_nonzero", "var_mean", "std_mean", "aminmax",
        "relu6", "hardtanh", "hardshrink", "softshrink", "tile", "movedim", "moveaxis", "swapaxes", "swapdims",
        "squeeze_", "unsqueeze_", "transpose_", "t_", "resize_", "resize_as_", "set_", "apply_", "map_",
        "exponential_", "geometric_", "log_normal_", "cauchy_", "random_", "is_pinned", "record_stream",
    ]
}

/// The engine tensor of a receiver object.
@inline(__always)
func tensorOf(_ o: PyObject) throws -> Tensor {
    if let t = o as? TensorObject { return t.tensor }
    throw PyError.type("descriptor requires a 'torch._C.TensorBase' object but received a '\(pythonTypeName(o))'")
}

/// `[2, 3]`, as PyTorch prints a size list in messages.
func formatShapeList(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}

/// The C++ type name PyTorch prints for a dtype in some messages (`double`, `float`).
func cppName(_ dtype: DType) -> String {
    switch dtype {
    case .bool: return "bool"
    case .int32: return "int"
    case .int64: return "long int"
    case .float32: return "float"
    case .float64: return "double"
    }
}
