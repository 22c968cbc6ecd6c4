import COpenBLAS
import Foundation

/// The matrix-product kernels under mm, bmm, addmm, mv and dot: float32/float64 go through
/// OpenBLAS (gemm, gemv, dot) reading strided operands in place where BLAS can express their
/// layout, integers through plain loops that wrap on overflow as PyTorch's do.

/// One operand of a (batched) matrix product: `batch` matrices of `rows`×`cols` elements at
/// `offset + b·batchStride + i·rowStride + j·colStride` in `storage`.
struct MatrixOperand {
    let storage: Storage
    let offset: Int
    let batchStride: Int
    let rows: Int
    let cols: Int
    let rowStride: Int
    let colStride: Int

    /// The matrices of a 2-d tensor (one batch) or a 3-d tensor.
    init(_ t: Tensor) {
        storage = t.storage
        offset = t.storageOffset
        let d = t.dim
        batchStride = d == 3 ? t.strides[0] : 0
        rows = t.shape[d - 2]
        cols = t.shape[d - 1]
        rowStride = t.strides[d - 2]
        colStride = t.strides[d - 1]
    }

    init(storage: Storage, offset: Int, batchStride: Int, rows: Int, cols: Int, rowStride: Int, colStride: Int) {
        self.storage = storage
        self.offset = offset
        self.batchStride = batchStride
        self.rows = rows
        self.cols = cols
        self.rowStride = rowStride
        self.colStride = colStride
    }

    /// How BLAS reads this matrix in row-major order: as is with leading dimension `ld`, or
    /// transposed (a row-major matrix with strides (1, ld) is the transpose of one with
    /// strides (ld, 1)). Nil when neither fits (expanded or sliced in both dimensions).
    var blasLayout: (transposed: Bool, ld: Int)? {
        if colStride == 1 || cols <= 1 {
            let ld = rows <= 1 ? Swift.max(cols, 1) : rowStride
            if ld >= Swift.max(cols, 1) { return (false, ld) }
        }
        if rowStride == 1 || rows <= 1 {
            let ld = cols <= 1 ? Swift.max(rows, 1) : colStride
            if ld >= Swift.max(rows, 1) { return (true, ld) }
        }
        return nil
    }

    /// A contiguous copy of the matrices (row-major, batch after batch).
    func contiguous(batch: Int, dtype: DType) -> MatrixOperand {
        let view = Tensor(storage: storage, shape: [batch, rows, cols],
                          strides: [batchStride, rowStride, colStride], offset: offset)
        let copy = view.contiguousCopy(dtype: dtype)
        return MatrixOperand(storage: copy.storage, offset: 0, batchStride: rows * cols, rows: rows,
                             cols: cols, rowStride: cols, colStride: 1)
    }
}

/// OpenBLAS's thread count, set once to every core unless the user chose one through the
/// environment. The engine starts no threads of its own, so BLAS has the cores to itself.
enum BLASThreads {
    static let configured: Void = {
        let env = ProcessInfo.processInfo.environment
        if env["OPENBLAS_NUM_THREADS"] == nil && env["OMP_NUM_THREADS"] == nil {
            openblas_set_num_threads(Int32(clamping: ProcessInfo.processInfo.activeProcessorCount))
        }
    }()
}

extension Tensor {
    /// `torch.set_num_threads(n)`: the number of threads OpenBLAS uses for matrix products.
    public static func setNumThreads(_ n: Int) throws {
        guard n > 0 else { throw TensorError.runtime("set_num_threads expects a positive integer") }
        _ = BLASThreads.configured
        openblas_set_num_threads(Int32(clamping: n))
    }

    /// `torch.get_num_threads()`.
    public static func getNumThreads() -> Int {
        _ = BLASThreads.configured
        return Int(openblas_get_num_threads())
    }
}

/// Element types that matrix products run on; integer arithmetic wraps.
protocol ProductElement: Element {
    static func mulAdd(_ acc: Self, _ a: Self, _ b: Self) -> Self
    static func scaled(_ x: Self, by s: Self) -> Self
    static func sum(_ a: Self, _ b: Self) -> Self
    /// alpha or beta converted as PyTorch converts a Scalar for this dtype.
    static func fromScalar(_ s: Scalar) -> Self
}

extension Float: ProductElement {
    @inline(__always) static func mulAdd(_ acc: Float, _ a: Float, _ b: Float) -> Float { acc + a * b }
    @inline(__always) static func scaled(_ x: Float, by s: Float) -> Float { x * s }
    @inline(__always) static func sum(_ a: Float, _ b: Float) -> Float { a + b }
    static func fromScalar(_ s: Scalar) -> Float { Float(s.doubleValue) }
}

extension Double: ProductElement {
    @inline(__always) static func mulAdd(_ acc: Double, _ a: Double, _ b: Double) -> Double { acc + a * b }
    @inline(__always) static func scaled(_ x: Double, by s: Double) -> Double { x * s }
    @inline(__always) static func sum(_ a: Double, _ b: Double) -> Double { a + b }
    static func fromScalar(_ s: Scalar) -> Double { s.doubleValue }
}

extension Int64: ProductElement {
    @inline(__always) static func mulAdd(_ acc: Int64, _ a: Int64, _ b: Int64) -> Int64 { acc &+ a &* b }
    @inline(__always) static func scaled(_ x: Int64, by s: Int64) -> Int64 { x &* s }
    @inline(__always) static func sum(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    static func fromScalar(_ s: Scalar) -> Int64 { s.int64Value }
}

extension Int32: ProductElement {
    @inline(__always) static func mulAdd(_ acc: Int32, _ a: Int32, _ b: Int32) -> Int32 { acc &+ a &* b }
    @inline(__always) static func scaled(_ x: Int32, by s: Int32) -> Int32 { x &* s }
    @inline(__always) static func sum(_ a: Int32, _ b: Int32) -> Int32 { a &+ b }
    static func fromScalar(_ s: Scalar) -> Int32 { Int32(truncatingIfNeeded: s.int64Value) }
}

/// `out[b] = alpha·a[b]·b[b] + beta·out[b]` for every batch item; `out` is a contiguous
/// (batch, m, n) tensor of `dtype` already holding the addend when beta ≠ 0 (otherwise it is
/// not read, as BLAS specifies for beta = 0: NaNs in it do not propagate).
/// The dtype is float32, float64, int64 or int32; the operands have it too.
func batchedProduct(_ dtype: DType, batch: Int, _ a: MatrixOperand, _ b: MatrixOperand, into out: Tensor,
                    alpha: Scalar = 1, beta: Scalar = 0) {
    let m = a.rows, k = a.cols, n = b.cols
    if batch == 0 || m == 0 || n == 0 { return }
    if k == 0 {
        // Nothing to multiply: out = beta·out, with beta = 0 giving zeros even over NaN.
        switch dtype {
        case .float32: scale(Float.self, out, beta)
        case .float64: scale(Double.self, out, beta)
        case .int64: scale(Int64.self, out, beta)
        case .int32: scale(Int32.self, out, beta)
        case .bool: break
        }
        return
    }
    switch dtype {
    case .float32: blasProduct(Float.self, batch, a, b, out, alpha, beta)
    case .float64: blasProduct(Double.self, batch, a, b, out, alpha, beta)
    case .int64: loopProduct(Int64.self, batch, a, b, out, alpha, beta)
    case .int32: loopProduct(Int32.self, batch, a, b, out, alpha, beta)
    case .bool: break  // rejected by the ops before they get here
    }
}

/// `out = beta·out` (zeros for beta = 0) on a contiguous tensor.
private func scale<T: ProductElement>(_: T.Type, _ out: Tensor, _ beta: Scalar) {
    let p = out.pointer(T.self), zeroBeta = beta.doubleValue == 0, s = T.fromScalar(beta)
    for i in 0..<out.numel { p[i] = zeroBeta ? T.zero : T.scaled(p[i], by: s) }
}

/// True when every size BLAS would see fits its 32-bit integers.
private func fitsBLAS(_ values: Int...) -> Bool { values.allSatisfy { $0 <= Int(Int32.max) } }

private func blasProduct<T: ProductElement>(_: T.Type, _ batch: Int, _ a0: MatrixOperand, _ b0: MatrixOperand,
                                           _ out: Tensor, _ alpha: Scalar, _ beta: Scalar) {
    var a = a0, b = b0
    if a.blasLayout == nil { a = a.contiguous(batch: batch, dtype: T.dtype) }
    if b.blasLayout == nil { b = b.contiguous(batch: batch, dtype: T.dtype) }
    guard let la = a.blasLayout, let lb = b.blasLayout,
          fitsBLAS(a.rows, a.cols, b.cols, la.ld, lb.ld) else {
        return loopProduct(T.self, batch, a0, b0, out, alpha, beta)
    }
    _ = BLASThreads.configured
    let m = Int32(a.rows), k = Int32(a.cols), n = Int32(b.cols)
    let ta = la.transposed ? CblasTrans : CblasNoTrans, tb = lb.transposed ? CblasTrans : CblasNoTrans
    let pa = a.storage.pointer(T.self) + a.offset, pb = b.storage.pointer(T.self) + b.offset
    let pc = out.pointer(T.self)
    let lda = Int32(la.ld), ldb = Int32(lb.ld), mn = a.rows * b.cols
    for i in 0..<batch {
        let ai = pa + i * a.batchStride, bi = pb + i * b.batchStride, ci = pc + i * mn
        if T.self == Float.self {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, Float(alpha.doubleValue),
                        UnsafeRawPointer(ai).assumingMemoryBound(to: Float.self), lda,
                        UnsafeRawPointer(bi).assumingMemoryBound(to: Float.self), ldb, Float(beta.doubleValue),
                        UnsafeMutableRawPointer(ci).assumingMemoryBound(to: Float.self), n)
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha.doubleValue,
                        UnsafeRawPointer(ai).assumingMemoryBound(to: Double.self), lda,
                        UnsafeRawPointer(bi).assumingMemoryBound(to: Double.self), ldb, beta.doubleValue,
                        UnsafeMutableRawPointer(ci).assumingMemoryBound(to: Double.self), n)
        }
    }
}

/// The plain triple loop, on any strides: integers, and floats whose sizes exceed BLAS's.
private func loopProduct<T: ProductElement>(_: T.Type, _ batch: Int, _ a: MatrixOperand, _ b: MatrixOperand,
                                           _ out: Tensor, _ alphaScalar: Scalar, _ betaScalar: Scalar) {
    let m = a.rows, k = a.cols, n = b.cols
    let pa = a.storage.pointer(T.self), pb = b.storage.pointer(T.self), pc = out.pointer(T.self)
    let alpha = T.fromScalar(alphaScalar), beta = T.fromScalar(betaScalar)
    let useBeta = betaScalar.doubleValue != 0
    var row = [T](repeating: T.zero, count: n)
    for bi in 0..<batch {
        let aBase = a.offset + bi * a.batchStride, bBase = b.offset + bi * b.batchStride
        for i in 0..<m {
            for j in 0..<n { row[j] = T.zero }
            for p in 0..<k {
                let x = pa[aBase + i * a.rowStride + p * a.colStride]
                let bRow = bBase + p * b.rowStride
                for j in 0..<n { row[j] = T.mulAdd(row[j], x, pb[bRow + j * b.colStride]) }
            }
            let c = pc + (bi * m + i) * n
            for j in 0..<n {
                let product = T.scaled(row[j], by: alpha)
                c[j] = useBeta ? T.sum(product, T.scaled(c[j], by: beta)) : product
            }
        }
    }
}

/// `out = a·x` for a matrix `a` (m×k) and a vector `x` of k elements at `xOffset` with
/// stride `xStride`; `out` is a fresh contiguous vector of m elements (zeros when k = 0; for
/// k > 0 its contents are not read).
func matrixVectorProduct(_ dtype: DType, _ a: MatrixOperand, x: Storage, xOffset: Int, xStride: Int, into out: Tensor) {
    if a.rows == 0 || a.cols == 0 { return }
    let vector = MatrixOperand(storage: x, offset: xOffset, batchStride: 0, rows: a.cols, cols: 1,
                               rowStride: xStride, colStride: 1)
    switch dtype {
    case .float32: gemvProduct(Float.self, a, vector, out)
    case .float64: gemvProduct(Double.self, a, vector, out)
    case .int64: loopProduct(Int64.self, 1, a, vector, out, 1, 0)
    case .int32: loopProduct(Int32.self, 1, a, vector, out, 1, 0)
    case .bool: break
    }
}

private func gemvProduct<T: ProductElement>(_: T.Type, _ a0: MatrixOperand, _ x0: MatrixOperand, _ out: Tensor) {
    var a = a0, x = x0
    if a.blasLayout == nil { a = a.contiguous(batch: 1, dtype: T.dtype) }
    if x.rows > 1 && x.rowStride < 1 { x = x.contiguous(batch: 1, dtype: T.dtype) }
    let incx = x.rows > 1 ? x.rowStride : 1
    guard let la = a.blasLayout, fitsBLAS(a.rows, a.cols, la.ld, incx) else {
        return loopProduct(T.self, 1, a0, x0, out, 1, 0)
    }
    _ = BLASThreads.configured
    // A transposed layout is the row-major (cols × rows) matrix Aᵀ: ask gemv for its transpose.
    let (order, rows, cols) = la.transposed ? (CblasTrans, a.cols, a.rows) : (CblasNoTrans, a.rows, a.cols)
    let pa = a.storage.pointer(T.self) + a.offset, px = x.storage.pointer(T.self) + x.offset
    let py = out.pointer(T.self)
    if T.self == Float.self {
        cblas_sgemv(CblasRowMajor, order, Int32(rows), Int32(cols), 1,
                    UnsafeRawPointer(pa).assumingMemoryBound(to: Float.self), Int32(la.ld),
                    UnsafeRawPointer(px).assumingMemoryBound(to: Float.self), Int32(incx), 0,
                    UnsafeMutableRawPointer(py).assumingMemoryBound(to: Float.self), 1)
    } else {
        cblas_dgemv(CblasRowMajor, order, Int32(rows), Int32(cols), 1,
                    UnsafeRawPointer(pa).assumingMemoryBound(to: Double.self), Int32(la.ld),
                    UnsafeRawPointer(px).assumingMemoryBound(to: Double.self), Int32(incx), 0,
                    UnsafeMutableRawPointer(py).assumingMemoryBound(to: Double.self), 1)
    }
}

/// The dot product of two 1-d tensors of one dtype and equal length, as a 0-d tensor.
func dotProduct(_ x: Tensor, _ y: Tensor) -> Tensor {
    let out = Tensor(zeros: [], dtype: x.dtype)
    let n = x.numel
    if n == 0 { return out }
    // BLAS needs positive increments; expanded (stride 0) vectors are copied first.
    let xs = n > 1 && x.strides[0] < 1 ? x.contiguousCopy() : x
    let ys = n > 1 && y.strides[0] < 1 ? y.contiguousCopy() : y
    let incx = n > 1 ? xs.strides[0] : 1, incy = n > 1 ? ys.strides[0] : 1
    let blasOK = fitsBLAS(n, incx, incy)
    switch x.dtype {
    case .float32 where blasOK:
        _ = BLASThreads.configured
        out.pointer(Float.self)[0] = cblas_sdot(Int32(n), xs.pointer(Float.self), Int32(incx),
                                                ys.pointer(Float.self), Int32(incy))
    case .float64 where blasOK:
        _ = BLASThreads.configured
        out.pointer(Double.self)[0] = cblas_ddot(Int32(n), xs.pointer(Double.self), Int32(incx),
                                                 ys.pointer(Double.self), Int32(incy))
    case .float32: loopDot(Float.self, xs, ys, incx, incy, out)
    case .float64: loopDot(Double.self, xs, ys, incx, incy, out)
    case .int64: loopDot(Int64.self, xs, ys, incx, incy, out)
    case .int32: loopDot(Int32.self, xs, ys, incx, incy, out)
    case .bool: break
    }
    return out
}

private func loopDot<T: ProductElement>(_: T.Type, _ x: Tensor, _ y: Tensor, _ incx: Int, _ incy: Int, _ out: Tensor) {
    let px = x.pointer(T.self), py = y.pointer(T.self)
    var acc = T.zero
    for i in 0..<x.numel { acc = T.mulAdd(acc, px[i * incx], py[i * incy]) }
    out.pointer(T.self)[0] = acc
}
