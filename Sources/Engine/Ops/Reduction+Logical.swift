/// `all` and `any`: bool reductions of any dtype (an element counts as true when nonzero;
/// NaN is nonzero). Not differentiable.
extension Tensor {
    /// `torch.all(self)`: true when every element is nonzero (true for an empty tensor).
    public func all() throws -> Tensor { try logical(dims: Array(0..<dim), keepdim: false, all: true) }

    /// `torch.all(self, dim, keepdim=False)` over one or more dims. As in PyTorch, an empty
    /// list reduces nothing: the result is the elementwise test.
    public func all(dims: [Int], keepdim: Bool = false) throws -> Tensor { try logical(dims: dims, keepdim: keepdim, all: true) }

    /// `torch.all(self, dim, keepdim=False)` over one dimension.
    public func all(dim d: Int, keepdim: Bool = false) throws -> Tensor { try logical(dims: [d], keepdim: keepdim, all: true) }

    /// `torch.any(self)`: true when some element is nonzero (false for an empty tensor).
    public func any() throws -> Tensor { try logical(dims: Array(0..<dim), keepdim: false, all: false) }

    /// `torch.any(self, dim, keepdim=False)` over one or more dims (an empty list reduces
    /// nothing).
    public func any(dims: [Int], keepdim: Bool = false) throws -> Tensor { try logical(dims: dims, keepdim: keepdim, all: false) }

    /// `torch.any(self, dim, keepdim=False)` over one dimension.
    public func any(dim d: Int, keepdim: Bool = false) throws -> Tensor { try logical(dims: [d], keepdim: keepdim, all: false) }

    private func logical(dims: [Int], keepdim: Bool, all: Bool) throws -> Tensor {
        let reduced: Set<Int>
        if dims.isEmpty && dim > 0 {
            reduced = []
        } else {
            reduced = try reductionDims(dims)
        }
        let layout = reductionLayout(reduced)
        func run<T: Element>(_: T.Type) -> [Bool] { layout.fold(LogicalFold<T>(all: all)) }
        let values: [Bool]
        switch dtype {
        case .float32: values = run(Float.self)
        case .float64: values = run(Double.self)
        case .int64: values = run(Int64.self)
        case .int32: values = run(Int32.self)
        case .bool: values = run(Bool.self)
        }
        return reductionResult(values, shape: reducedShape(reduced, keepdim: keepdim), dtype: .bool)
    }
}

/// `all` (every element nonzero) or `any` (some element nonzero) of a run.
struct LogicalFold<T: Element>: ReductionFold {
    let all: Bool
    var initial: Bool { all }
    @inline(__always) func combine(_ acc: inout Bool, _ x: T, _ k: Int) {
        let nonzero = x.asDouble != 0
        acc = all ? (acc && nonzero) : (acc || nonzero)
    }
}
