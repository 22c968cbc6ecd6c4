/// The fused LSTM layer: one direction of one layer over a whole sequence as a single
/// autograd node, as PyTorch's CPU float32 LSTM runs it (`mkldnn_rnn_layer`, grad_fn
/// `MkldnnRnnLayerBackward0`, outputs: the sequence of h, the last h, the last c).
///
/// Forward: one GEMM projects the inputs of every timestep (biases folded in), then each step
/// adds one GEMM of the previous h and runs the gate math in one pass. Backward through time:
/// one pass of pointwise kernels plus one GEMM per step for the hidden gradient, then three
/// GEMMs for the input and weight gradients of all steps at once.
extension Recurrent {
    /// One LSTM layer direction. `input` is (seq, batch, input_size), `wIH` (4H, input_size),
    /// `wHH` (4H, H), biases (4H) or nil, `h0`/`c0` (batch, H); `reverse` runs the sequence
    /// from its end (outputs stay at their timestep). Returns (output (seq, batch, H), h_n, c_n).
    static func lstmLayer(_ input: Tensor, wIH: Tensor, wHH: Tensor, bIH: Tensor?, bHH: Tensor?,
                          h0: Tensor, c0: Tensor, reverse: Bool) throws -> (output: Tensor, h: Tensor, c: Tensor) {
        guard input.dim == 3, wIH.dim == 2, wHH.dim == 2, h0.dim == 2, c0.dim == 2 else {
            throw TensorError.runtime("mkldnn_rnn_layer: expected a 3-D input, 2-D weights and 2-D states")
        }
        let (steps, batch, inputSize) = (input.shape[0], input.shape[1], input.shape[2])
        let hidden = wHH.shape[1], gateSize = wHH.shape[0]
        guard gateSize == 4 * hidden, wIH.shape == [gateSize, inputSize], h0.shape == [batch, hidden],
              c0.shape == [batch, hidden], bIH.map({ $0.shape == [gateSize] }) ?? true,
              bHH.map({ $0.shape == [gateSize] }) ?? true else {
            throw TensorError.runtime("mkldnn_rnn_layer: inconsistent input, weight or state sizes")
        }
        let tensors = [input, wIH, wHH, h0, c0] + [bIH, bHH].compactMap { $0 }
        guard tensors.allSatisfy({ $0.dtype == input.dtype }), input.dtype.isFloatingPoint else {
            throw TensorError.runtime("mkldnn_rnn_layer: expected tensors of one floating-point dtype")
        }
        let (rows, overflow) = steps.multipliedReportingOverflow(by: batch)
        guard !overflow, rows.multipliedReportingOverflow(by: Swift.max(gateSize, inputSize, 1)).overflow == false,
              rows * Swift.max(gateSize, inputSize, 1) < Int(Int32.max) else {
            throw TensorError.notImplemented("LSTM: sequences of more than 2^31 gate elements are not supported")
        }
        let shape = LSTMShape(steps: steps, batch: batch, input: inputSize, hidden: hidden, reverse: reverse)
        let forward = input.dtype == .float32
            ? lstmLayerForward(Float.self, shape, input, wIH, wHH, bIH, bHH, h0, c0)
            : lstmLayerForward(Double.self, shape, input, wIH, wHH, bIH, bHH, h0, c0)
        let (out, hN, cN) = (forward.out, forward.hN, forward.cN)
        let (gates, cells, tanhC) = (forward.gates, forward.cells, forward.tanhC)
        let need = [input, wIH, wHH, bIH, bHH, h0, c0].map { $0?.requiresGrad == true }
        recordOp("MkldnnRnnLayerBackward0", inputs: [input, wIH, wHH, bIH, bHH, h0, c0], outputs: [out, hN, cN],
                 saving: [input, wIH, wHH, h0, c0, out]) { g, saved in
            guard !GradMode.enabled else {
                throw TensorError.notImplemented("the derivative for 'mkldnn_rnn_layer_backward' is not implemented.")
            }
            let state = LSTMBackwardState(shape: shape, x: saved[0], wIH: saved[1], wHH: saved[2], h0: saved[3],
                                          c0: saved[4], out: saved[5], gates: gates, cells: cells, tanhC: tanhC,
                                          gradOut: g[0], gradH: g[1], gradC: g[2], need: need)
            return out.dtype == .float32 ? lstmLayerBackward(Float.self, state) : lstmLayerBackward(Double.self, state)
        }
        return (out, hN, cN)
    }
}

/// Sizes of one fused LSTM layer run.
struct LSTMShape {
    let steps, batch, input, hidden: Int
    let reverse: Bool
    var gates: Int { 4 * hidden }
    /// The timestep processed at position `s` of the run.
    func time(_ s: Int) -> Int { reverse ? steps - 1 - s : s }
}

/// What the backward of a fused LSTM layer reads.
struct LSTMBackwardState {
    let shape: LSTMShape
    let x, wIH, wHH, h0, c0, out, gates, cells, tanhC, gradOut, gradH, gradC: Tensor
    /// Which of (input, w_ih, w_hh, b_ih, b_hh, h0, c0) need a gradient.
    let need: [Bool]
}

/// `t` itself when contiguous, else a contiguous copy (no autograd).
private func dense(_ t: Tensor) -> Tensor { t.isContiguous ? t : t.contiguousCopy() }

private func lstmLayerForward<T: RecurrentElement>(_: T.Type, _ s: LSTMShape, _ input: Tensor, _ wIH: Tensor,
                                                   _ wHH: Tensor, _ bIH: Tensor?, _ bHH: Tensor?, _ h0: Tensor,
                                                   _ c0: Tensor)
    -> (out: Tensor, hN: Tensor, cN: Tensor, gates: Tensor, cells: Tensor, tanhC: Tensor) {
    let dtype = input.dtype, (steps, batch, hidden, g) = (s.steps, s.batch, s.hidden, s.gates)
    let x = dense(input), wi = dense(wIH), wh = dense(wHH), h0d = dense(h0), c0d = dense(c0)
    let gates = bIH == nil && bHH == nil ? Tensor(zeros: [steps, batch, g], dtype: dtype)
                                         : Tensor.uninitialized([steps, batch, g], dtype: dtype)
    let gp = gates.pointer(T.self)
    if bIH != nil || bHH != nil {
        var bias = [T](repeating: 0, count: g)
        for b in [bIH, bHH].compactMap({ $0 }) {
            let d = dense(b), p = d.pointer(T.self)
            for k in 0..<g { bias[k] += p[k] }
        }
        bias.withUnsafeBufferPointer { bp in
            guard let base = bp.baseAddress else { return }
            for r in 0..<(steps * batch) { (gp + r * g).update(from: base, count: g) }
        }
    }
    T.gemm(transA: false, transB: true, m: steps * batch, n: g, k: s.input, alpha: 1, a: x.pointer(T.self),
           lda: s.input, b: wi.pointer(T.self), ldb: s.input, beta: 1, c: gp, ldc: g)
    let cells = Tensor.uninitialized([steps, batch, hidden], dtype: dtype)
    let tanhC = Tensor.uninitialized([steps, batch, hidden], dtype: dtype)
    let out = Tensor.uninitialized([steps, batch, hidden], dtype: dtype)
    let cp = cells.pointer(T.self), tp = tanhC.pointer(T.self), op = out.pointer(T.self), whp = wh.pointer(T.self)
    var hPrev = UnsafePointer(h0d.pointer(T.self)), cPrev = UnsafePointer(c0d.pointer(T.self))
    let stepSize = batch * hidden
    for step in 0..<steps {
        let t = s.time(step)
        T.gemm(transA: false, transB: true, m: batch, n: g, k: hidden, alpha: 1, a: hPrev, lda: hidden,
               b: whp, ldb: hidden, beta: 1, c: gp + t * batch * g, ldc: g)
        T.lstmPointwise(batch: batch, hidden: hidden, gates: gp + t * batch * g, cPrev: cPrev,
                        c: cp + t * stepSize, tanhC: tp + t * stepSize, out: op + t * stepSize)
        hPrev = UnsafePointer(op + t * stepSize)
        cPrev = UnsafePointer(cp + t * stepSize)
    }
    let hN = Tensor.uninitialized([batch, hidden], dtype: dtype), cN = Tensor.uninitialized([batch, hidden], dtype: dtype)
    hN.pointer(T.self).update(from: hPrev, count: stepSize)
    cN.pointer(T.self).update(from: cPrev, count: stepSize)
    return (out, hN, cN, gates, cells, tanhC)
}

private func lstmLayerBackward<T: RecurrentElement>(_: T.Type, _ st: LSTMBackwardState) -> [Tensor?] {
    let s = st.shape, dtype = st.out.dtype
    let (steps, batch, hidden, g, inputSize) = (s.steps, s.batch, s.hidden, s.gates, s.input)
    let stepSize = batch * hidden
    let x = dense(st.x), wi = dense(st.wIH), wh = dense(st.wHH), h0 = dense(st.h0), c0 = dense(st.c0)
    let gradOut = dense(st.gradOut)
    let dh = st.gradH.contiguousCopy(), dc = st.gradC.contiguousCopy()
    let dhNext = Tensor.uninitialized([batch, hidden], dtype: dtype)
    let dGates = Tensor.uninitialized([steps, batch, g], dtype: dtype)
    let gp = st.gates.pointer(T.self), cp = st.cells.pointer(T.self), tp = st.tanhC.pointer(T.self)
    let dgp = dGates.pointer(T.self), dyp = gradOut.pointer(T.self), whp = wh.pointer(T.self)
    var dhCur = dh.pointer(T.self), dhOther = dhNext.pointer(T.self)
    let dcp = dc.pointer(T.self)
    for step in stride(from: steps - 1, through: 0, by: -1) {
        let t = s.time(step)
        let cPrev = step == 0 ? UnsafePointer(c0.pointer(T.self)) : UnsafePointer(cp + s.time(step - 1) * stepSize)
        lstmStepBackward(batch: batch, hidden: hidden, gates: gp + t * batch * g, tanhC: tp + t * stepSize,
                         cPrev: cPrev, gradOut: dyp + t * stepSize, dh: dhCur, dc: dcp, dGates: dgp + t * batch * g)
        T.gemm(transA: false, transB: false, m: batch, n: hidden, k: g, alpha: 1, a: dgp + t * batch * g, lda: g,
               b: whp, ldb: hidden, beta: 0, c: dhOther, ldc: hidden)
        swap(&dhCur, &dhOther)
    }
    let rows = steps * batch
    var grads = [Tensor?](repeating: nil, count: 7)
    if st.need[0] {
        let dx = Tensor(zeros: [steps, batch, inputSize], dtype: dtype)
        T.gemm(transA: false, transB: false, m: rows, n: inputSize, k: g, alpha: 1, a: dgp, lda: g,
               b: wi.pointer(T.self), ldb: inputSize, beta: 0, c: dx.pointer(T.self), ldc: inputSize)
        grads[0] = dx
    }
    if st.need[1] {
        let dw = Tensor(zeros: [g, inputSize], dtype: dtype)
        T.gemm(transA: true, transB: false, m: g, n: inputSize, k: rows, alpha: 1, a: dgp, lda: g,
               b: x.pointer(T.self), ldb: inputSize, beta: 0, c: dw.pointer(T.self), ldc: inputSize)
        grads[1] = dw
    }
    if st.need[2] {
        // The h each step multiplied: h0 first, then the outputs in processing order.
        let hPrev = Tensor.uninitialized([steps, batch, hidden], dtype: dtype)
        let hp = hPrev.pointer(T.self), op = dense(st.out).pointer(T.self)
        for step in 0..<steps {
            let src = step == 0 ? UnsafePointer(h0.pointer(T.self)) : UnsafePointer(op + s.time(step - 1) * stepSize)
            (hp + s.time(step) * stepSize).update(from: src, count: stepSize)
        }
        let dw = Tensor(zeros: [g, hidden], dtype: dtype)
        T.gemm(transA: true, transB: false, m: g, n: hidden, k: rows, alpha: 1, a: dgp, lda: g,
               b: hp, ldb: hidden, beta: 0, c: dw.pointer(T.self), ldc: hidden)
        grads[2] = dw
    }
    if st.need[3] || st.need[4] {
        let db = Tensor(zeros: [g], dtype: dtype), bp = db.pointer(T.self)
        for r in 0..<rows {
            let row = dgp + r * g
            for k in 0..<g { bp[k] += row[k] }
        }
        grads[3] = st.need[3] ? db : nil
        grads[4] = st.need[4] ? (st.need[3] ? db.contiguousCopy() : db) : nil
    }
    if st.need[5] {
        let d = Tensor.uninitialized([batch, hidden], dtype: dtype)
        d.pointer(T.self).update(from: dhCur, count: stepSize)
        grads[5] = d
    }
    grads[6] = st.need[6] ? dc : nil
    return grads
}
