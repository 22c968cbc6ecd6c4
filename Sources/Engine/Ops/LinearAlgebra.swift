/// Matrix products: mm, bmm, addmm, mv, dot, outer (matmul, which dispatches to them, is in
/// LinearAlgebra+Matmul.swift). Each op checks its arguments in PyTorch's order and words,
/// runs its kernel (OpenBLAS for float32/float64, plain loops for integers) and records its
/// grad_fn with the backward formula written in Tensor ops.
extension Tensor {
    /// `torch.mm(self, mat2)`: the product of two matrices of one dtype.
    public func mm(_ mat2: Tensor) throws -> Tensor {
        guard dim == 2 else { throw TensorError.runtime("mm: self must be a matrix, got \(dim)-D tensor") }
        guard mat2.dim == 2 else { throw TensorError.runtime("mm: mat2 must be a matrix, got \(mat2.dim)-D tensor") }
        guard shape[1] == mat2.shape[0] else {
            throw TensorError.runtime("mm: mat1 and mat2 shapes cannot be multiplied (\(shape[0])x\(shape[1]) and \(mat2.shape[0])x\(mat2.shape[1]))")
        }
        try checkSameDtypeForMm(mat2)
        let out = productOutput([shape[0], mat2.shape[1]], dtype, inner: shape[1])
        if out.numel > 0 && shape[1] > 0 {
            guard dtype != .bool else { throw notImplementedForBool("addmm_impl_cpu_") }
            batchedProduct(dtype, batch: 1, MatrixOperand(self), MatrixOperand(mat2), into: out)
        }
        let (needA, needB) = (requiresGrad, mat2.requiresGrad)
        let (aColumnMajor, bColumnMajor) = (isColumnMajor, mat2.isColumnMajor)
        recordOp("MmBackward0", inputs: [self, mat2], outputs: [out], saving: productSaving(self, mat2)) { g, saved in
            [needA ? try mat1Gradient(g[0], saved[0], columnMajor: aColumnMajor) : nil,
             needB ? try mat2Gradient(g[0], saved[saved.count - 1], columnMajor: bColumnMajor) : nil]
        }
        return out
    }

    /// `torch.bmm(self, mat2)`: products of two batches of matrices, batch by batch.
    public func bmm(_ mat2: Tensor) throws -> Tensor {
        guard dim == 3 else { throw TensorError.runtime("batch1 must be a 3D tensor") }
        guard mat2.dim == 3 else { throw TensorError.runtime("batch2 must be a 3D tensor") }
        guard mat2.shape[0] == shape[0] && mat2.shape[1] == shape[2] else {
            throw TensorError.runtime("Expected size for first two dimensions of batch2 tensor to be: [\(shape[0]), \(shape[2])] but got: [\(mat2.shape[0]), \(mat2.shape[1])].")
        }
        let out = productOutput([shape[0], shape[1], mat2.shape[2]], mat2.dtype, inner: shape[2])
        if out.numel > 0 && shape[2] > 0 {
            guard dtype != .bool else { throw notImplementedForBool("bmm") }
            guard dtype == mat2.dtype else {
                throw TensorError.runtime("expected scalar type \(dtype.scalarTypeName) but found \(mat2.dtype.scalarTypeName)")
            }
            batchedProduct(dtype, batch: shape[0], MatrixOperand(self), MatrixOperand(mat2), into: out)
        }
        let (needA, needB) = (requiresGrad, mat2.requiresGrad)
        recordOp("BmmBackward0", inputs: [self, mat2], outputs: [out], saving: productSaving(self, mat2)) { g, saved in
            [needA ? try g[0].bmm(saved[0].transpose(1, 2)) : nil,
             needB ? try saved[saved.count - 1].transpose(1, 2).bmm(g[0]) : nil]
        }
        return out
    }

    /// `self.addmm(mat1, mat2, beta=, alpha=)`: beta·self + alpha·(mat1 @ mat2), with self
    /// broadcast to the product's shape. With beta = 0 self is ignored (NaNs in it too).
    public func addmm(_ mat1: Tensor, _ mat2: Tensor, beta: Scalar = 1, alpha: Scalar = 1) throws -> Tensor {
        guard dtype == mat2.dtype else {
            throw TensorError.runtime("self and mat2 must have the same dtype, but got \(dtype.scalarTypeName) and \(mat2.dtype.scalarTypeName)")
        }
        guard mat1.dtype == mat2.dtype else {
            throw TensorError.runtime("mat1 and mat2 must have the same dtype, but got \(mat1.dtype.scalarTypeName) and \(mat2.dtype.scalarTypeName)")
        }
        guard mat1.dim == 2 else { throw TensorError.runtime("addmm: self must be a matrix, got \(mat1.dim)-D tensor") }
        guard mat2.dim == 2 else { throw TensorError.runtime("addmm: mat2 must be a matrix, got \(mat2.dim)-D tensor") }
        let (m, k, n) = (mat1.shape[0], mat1.shape[1], mat2.shape[1])
        guard k == mat2.shape[0] else {
            throw TensorError.runtime("addmm: mat1 and mat2 shapes cannot be multiplied (\(m)x\(k) and \(mat2.shape[0])x\(n))")
        }
        let bias = try noGrad { try expand([m, n]) }
        let out = Tensor.uninitialized([m, n], dtype: dtype)  // every element is written below
        if out.numel > 0 {
            guard dtype != .bool else { throw notImplementedForBool("addmm_impl_cpu_") }
            if beta.doubleValue != 0 { out.copyElements(from: bias) }
            batchedProduct(dtype, batch: 1, MatrixOperand(mat1), MatrixOperand(mat2), into: out, alpha: alpha, beta: beta)
        }
        let (needSelf, need1, need2) = (requiresGrad, mat1.requiresGrad, mat2.requiresGrad)
        let (columnMajor1, columnMajor2) = (mat1.isColumnMajor, mat2.isColumnMajor)
        recordOp("AddmmBackward0", inputs: [self, mat1, mat2], outputs: [out], saving: productSaving(mat1, mat2)) { g, saved in
            func scaled(_ t: Tensor, _ s: Scalar) throws -> Tensor { s.doubleValue == 1 ? t : try t.mul(s) }
            return [needSelf ? try scaled(g[0], beta) : nil,
                    need1 ? try scaled(mat1Gradient(g[0], saved[0], columnMajor: columnMajor1), alpha) : nil,
                    need2 ? try scaled(mat2Gradient(g[0], saved[saved.count - 1], columnMajor: columnMajor2), alpha) : nil]
        }
        return out
    }

    /// `torch.addmm(input, mat1, mat2, beta=, alpha=)`.
    public static func addmm(_ input: Tensor, _ mat1: Tensor, _ mat2: Tensor, beta: Scalar = 1,
                             alpha: Scalar = 1) throws -> Tensor {
        try input.addmm(mat1, mat2, beta: beta, alpha: alpha)
    }

    /// `torch.mv(self, vec)`: matrix times vector.
    public func mv(_ vec: Tensor) throws -> Tensor {
        guard dim > 0 else { throw TensorError.index("Dimension specified as 0 but tensor has no dimensions") }
        guard dim == 2 && vec.dim == 1 else {
            throw TensorError.runtime("vector + matrix @ vector expected, got 1, \(dim), \(vec.dim)")
        }
        guard shape[1] == vec.shape[0] else {
            throw TensorError.runtime("size mismatch, got input (\(shape[0])), mat (\(shape[0])x\(shape[1])), vec (\(vec.shape[0]))")
        }
        guard dtype == vec.dtype else {
            let v = vec.dtype.scalarTypeName
            throw TensorError.runtime("addmv input tensors must have the same dtype, but got \(v), \(dtype.scalarTypeName), and \(v)")
        }
        let out = productOutput([shape[0]], dtype, inner: shape[1])
        if out.numel > 0 && shape[1] > 0 {
            guard dtype != .bool else { throw notImplementedForBool("addmv_impl_cpu") }
            matrixVectorProduct(dtype, MatrixOperand(self), x: vec.storage, xOffset: vec.storageOffset,
                                xStride: vec.strides[0], into: out)
        }
        let (needA, needV) = (requiresGrad, vec.requiresGrad)
        recordOp("MvBackward0", inputs: [self, vec], outputs: [out], saving: productSaving(self, vec)) { g, saved in
            [needA ? try g[0].outer(saved[0]) : nil,
             needV ? try saved[saved.count - 1].t().mv(g[0]) : nil]
        }
        return out
    }

    /// `torch.dot(self, other)`: the inner product of two 1-d tensors, as a 0-d tensor.
    public func dot(_ other: Tensor) throws -> Tensor {
        guard dim == 1 && other.dim == 1 else {
            throw TensorError.runtime("1D tensors expected, but got \(dim)D and \(other.dim)D tensors")
        }
        guard dtype == other.dtype else {
            throw TensorError.runtime("dot : expected both vectors to have same dtype, but found \(dtype.scalarTypeName) and \(other.dtype.scalarTypeName)")
        }
        guard numel == other.numel else {
            throw TensorError.runtime("inconsistent tensor size, expected tensor [\(numel)] and src [\(other.numel)] to have the same number of elements, but got \(numel) and \(other.numel) elements respectively")
        }
        guard dtype != .bool else { throw notImplementedForBool("dot") }
        let out = dotProduct(self, other)
        let (needA, needB) = (requiresGrad, other.requiresGrad)
        recordOp("DotBackward0", inputs: [self, other], outputs: [out], saving: productSaving(self, other)) { g, saved in
            [needA ? try g[0].mul(saved[0]) : nil,
             needB ? try g[0].mul(saved[saved.count - 1]) : nil]
        }
        return out
    }

    /// `torch.outer(self, vec2)` (alias `ger`): the outer product of two 1-d tensors, computed
    /// as PyTorch does, `self.reshape(n, 1) * vec2` (so it promotes dtypes and its grad_fn is
    /// `MulBackward0`).
    public func outer(_ vec2: Tensor) throws -> Tensor {
        guard dim == 1 else { throw TensorError.runtime("outer: Expected 1-D argument self, but got \(dim)-D") }
        guard vec2.dim == 1 else { throw TensorError.runtime("outer: Expected 1-D argument vec2, but got \(vec2.dim)-D") }
        return try reshapeAsPyTorch([shape[0], 1]).mul(vec2)
    }

    /// `torch.ger`: the old name of `outer`.
    public func ger(_ vec2: Tensor) throws -> Tensor { try outer(vec2) }

    /// mm's dtype check, naming the dtypes as C++ types as PyTorch's message does.
    private func checkSameDtypeForMm(_ other: Tensor) throws {
        guard dtype == other.dtype else {
            throw TensorError.runtime("expected m1 and m2 to have the same dtype, but got: \(cppTypeName(dtype)) != \(cppTypeName(other.dtype))")
        }
    }
}

extension Tensor {
    /// `torch.mm(input, mat2)`.
    public static func mm(_ input: Tensor, _ mat2: Tensor) throws -> Tensor { try input.mm(mat2) }
    /// `torch.bmm(input, mat2)`.
    public static func bmm(_ input: Tensor, _ mat2: Tensor) throws -> Tensor { try input.bmm(mat2) }
    /// `torch.mv(input, vec)`.
    public static func mv(_ input: Tensor, _ vec: Tensor) throws -> Tensor { try input.mv(vec) }
    /// `torch.dot(input, other)`.
    public static func dot(_ input: Tensor, _ other: Tensor) throws -> Tensor { try input.dot(other) }
    /// `torch.outer(input, vec2)`.
    public static func outer(_ input: Tensor, _ vec2: Tensor) throws -> Tensor { try input.outer(vec2) }
}

/// The C++ type name PyTorch prints in mm's dtype message (`float`, `long int`).
private func cppTypeName(_ dtype: DType) -> String {
    switch dtype {
    case .bool: return "bool"
    case .int32: return "int"
    case .int64: return "long int"
    case .float32: return "float"
    case .float64: return "double"
    }
}

/// A product's result tensor: zeros when the inner size is 0 (the sum is empty), else left
/// uninitialized, as the kernels write every element (BLAS with beta = 0 does not read it).
private func productOutput(_ shape: [Int], _ dtype: DType, inner: Int) -> Tensor {
    inner == 0 ? Tensor(zeros: shape, dtype: dtype) : Tensor.uninitialized(shape, dtype: dtype)
}

/// What the backward of a product of `a` and `b` reads, as PyTorch saves it: `b` when `a`
/// needs a gradient, then `a` when `b` does (so `saved[0]` and `saved[saved.count - 1]`).
private func productSaving(_ a: Tensor, _ b: Tensor) -> [Tensor] {
    (a.requiresGrad ? [b] : []) + (b.requiresGrad ? [a] : [])
}

extension Tensor {
    /// True for a matrix laid out column by column (strides (1, rows)), such as `w.t()` of a
    /// contiguous `w`: the layout PyTorch's mm backward gives that operand's gradient too.
    var isColumnMajor: Bool { dim == 2 && strides[0] == 1 && strides[1] == shape[0] }
}

/// The gradient of `mat1` in `mat1 @ mat2` (PyTorch's mm_mat1_backward): `grad @ mat2ᵀ`, or
/// for a column-major `mat1` the same product computed as `(mat2 @ gradᵀ)ᵀ`, so that the
/// gradient has mat1's layout (a transposed weight's gradient reaches the weight contiguous).
private func mat1Gradient(_ grad: Tensor, _ mat2: Tensor, columnMajor: Bool) throws -> Tensor {
    columnMajor ? try mat2.mm(grad.t()).t() : try grad.mm(mat2.t())
}

/// The gradient of `mat2` in `mat1 @ mat2` (PyTorch's mm_mat2_backward): `mat1ᵀ @ grad`, or
/// `(gradᵀ @ mat1)ᵀ` for a column-major `mat2`.
private func mat2Gradient(_ grad: Tensor, _ mat1: Tensor, columnMajor: Bool) throws -> Tensor {
    columnMajor ? try grad.t().mm(mat1).t() : try mat1.t().mm(grad)
}

/// PyTorch's NotImplementedError for a kernel without a Bool version.
private func notImplementedForBool(_ kernel: String) -> TensorError {
    TensorError(.notImplemented, "\"\(kernel)\" not implemented for 'Bool'")
}

extension GradcheckCase {
    /// mm, bmm, addmm, mv, dot, outer and every matmul case (Ops/LinearAlgebra*.swift).
    static let linearAlgebra: [GradcheckCase] = [
        GradcheckCase("mm", shapes: [[2, 3], [3, 4]]) { try $0[0].mm($0[1]) },
        GradcheckCase("mm/transposed", shapes: [[3, 2], [4, 3]]) { try $0[0].t().mm($0[1].t()) },
        GradcheckCase("mm/empty_inner", shapes: [[2, 0], [0, 3]]) { try $0[0].mm($0[1]) },
        GradcheckCase("bmm", shapes: [[2, 2, 3], [2, 3, 4]]) { try $0[0].bmm($0[1]) },
        GradcheckCase("bmm/transposed", shapes: [[2, 3, 2], [2, 3, 4]]) { try $0[0].transpose(1, 2).bmm($0[1]) },
        GradcheckCase("addmm", shapes: [[2, 4], [2, 3], [3, 4]]) { try $0[0].addmm($0[1], $0[2]) },
        GradcheckCase("addmm/beta_alpha_bias1d", shapes: [[4], [2, 3], [3, 4]]) {
            try $0[0].addmm($0[1], $0[2], beta: 0.5, alpha: 2.0)
        },
        GradcheckCase("addmm/bias0d", shapes: [[], [2, 3], [3, 2]]) { try $0[0].addmm($0[1], $0[2], beta: -1) },
        GradcheckCase("mv", shapes: [[2, 3], [3]]) { try $0[0].mv($0[1]) },
        GradcheckCase("mv/transposed", shapes: [[3, 2], [3]]) { try $0[0].t().mv($0[1]) },
        GradcheckCase("dot", shapes: [[5], [5]]) { try $0[0].dot($0[1]) },
        GradcheckCase("outer", shapes: [[3], [4]]) { try $0[0].outer($0[1]) },
        GradcheckCase("matmul/1d_1d", shapes: [[3], [3]]) { try $0[0].matmul($0[1]) },
        GradcheckCase("matmul/2d_1d", shapes: [[2, 3], [3]]) { try $0[0].matmul($0[1]) },
        GradcheckCase("matmul/1d_2d", shapes: [[3], [3, 4]]) { try $0[0].matmul($0[1]) },
        GradcheckCase("matmul/2d_2d", shapes: [[2, 3], [3, 4]]) { try $0[0] <*> $0[1] },
        GradcheckCase("matmul/3d_1d", shapes: [[2, 3, 4], [4]]) { try $0[0].matmul($0[1]) },
        GradcheckCase("matmul/1d_3d", shapes: [[3], [2, 3, 4]]) { try $0[0].matmul($0[1]) },
        GradcheckCase("matmul/3d_2d", shapes: [[2, 3, 4], [4, 2]]) { try $0[0].matmul($0[1]) },
        GradcheckCase("matmul/2d_3d", shapes: [[3, 4], [2, 4, 2]]) { try $0[0].matmul($0[1]) },
        GradcheckCase("matmul/3d_3d", shapes: [[2, 3, 4], [2, 4, 5]]) { try $0[0].matmul($0[1]) },
        GradcheckCase("matmul/broadcast_4d_3d", shapes: [[2, 1, 3, 4], [5, 4, 2]]) { try $0[0].matmul($0[1]) },
        GradcheckCase("matmul/broadcast_batch1", shapes: [[1, 3, 4], [2, 4, 2]]) { try $0[0].matmul($0[1]) },
        GradcheckCase("matmul/4d_1d_transposed", shapes: [[3, 2, 4], [4]]) {
            try $0[0].transpose(0, 1).matmul($0[1])
        },
    ]
}
