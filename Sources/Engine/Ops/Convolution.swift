/// conv1d, conv2d and conv_transpose1d/2d as PyTorch's `aten::convolution`: argument checks in
/// PyTorch's order and words, the forward product through im2col/col2im and GEMM
/// (Convolution+Plan.swift), and `ConvolutionBackward0`, whose backward runs the same kernels.

/// How a convolution pads its input: explicit sizes per spatial dimension (one value is used
/// for every dimension), or PyTorch's `'same'` and `'valid'`.
public enum ConvPadding: Equatable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
    case sizes([Int])
    case same
    case valid

    public init(integerLiteral value: Int) { self = .sizes([value]) }
    public init(arrayLiteral elements: Int...) { self = .sizes(elements) }

    /// `'same'` or `'valid'`; other strings raise PyTorch's error.
    public init(_ string: String) throws {
        switch string {
        case "same": self = .same
        case "valid": self = .valid
        default:
            throw TensorError.runtime("Invalid padding string: '\(string)'")
        }
    }
}

extension Tensor {
    /// `torch.convolution(input, weight, bias, stride, padding, dilation, transposed,
    /// output_padding, groups)`: the op every convolution function ends in. `input` is batched
    /// ([N, C, L] or [N, C, H, W]); the per-dimension lists have one entry per spatial dimension.
    public static func convolution(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: [Int], padding: [Int],
                                   dilation: [Int], transposed: Bool, outputPadding: [Int], groups: Int) throws -> Tensor {
        let plan = try convolutionPlan(input, weight, bias, stride: stride, padding: padding, dilation: dilation,
                                       transposed: transposed, outputPadding: outputPadding, groups: groups)
        let x = input.isContiguous ? input : input.contiguousCopy()
        let w = weight.isContiguous ? weight : weight.contiguousCopy()
        let b = bias.map { $0.isContiguous ? $0 : $0.contiguousCopy() }
        let outShape = plan.outShape
        let out: Tensor
        var columns: AnyObject? = nil
        if input.dtype == .float32 {
            let (y, q) = plan.run.forward(Float.self, x: x, w: w, bias: b, outShape: outShape)
            (out, columns) = (y, q)
        } else {
            let (y, q) = plan.run.forward(Double.self, x: x, w: w, bias: b, outShape: outShape)
            (out, columns) = (y, q)
        }
        let needs = (input.requiresGrad, weight.requiresGrad, bias?.requiresGrad == true)
        if !needs.1 { columns = nil }
        let (s, p, d, op, hasBias) = (stride, padding, dilation, outputPadding, bias != nil)
        recordOp("ConvolutionBackward0", inputs: [input, weight, bias], outputs: [out], saving: [x, w]) { g, saved in
            let (x, w) = (saved[0], saved[1])
            let gy = g[0].isContiguous ? g[0] : g[0].contiguousCopy()
            if GradMode.enabled {
                // create_graph: gradients as differentiable convolutions.
                return try convolutionBackwardDifferentiable(x, w, gy, hasBias: hasBias, needs: needs, stride: s, padding: p,
                                                             dilation: d, transposed: transposed, outputPadding: op, groups: groups)
            }
            let r: (Tensor?, Tensor?, Tensor?)
            if x.dtype == .float32 {
                r = plan.run.backward(Float.self, x: x, w: w, g: gy, needs: needs, columns: columns as? Scratch<Float>)
            } else {
                r = plan.run.backward(Double.self, x: x, w: w, g: gy, needs: needs, columns: columns as? Scratch<Double>)
            }
            return [r.0, r.1, r.2]
        }
        return out
    }

    /// conv_transposeNd for a batched input, the output padding it takes to give `inputShape`
    /// back from a convolution's output (the input gradient of an ordinary convolution).
    static func outputPaddingForInput(_ inputShape: [Int], _ outShape: [Int], _ weight: Tensor, stride: [Int],
                                      padding: [Int], dilation: [Int]) -> [Int] {
        (0..<(inputShape.count - 2)).map { i in
            let k = weight.shape[i + 2]
            return inputShape[i + 2] - ((outShape[i + 2] - 1) * stride[i] - 2 * padding[i] + dilation[i] * (k - 1) + 1)
        }
    }
}

/// The gradients of a convolution written as convolutions themselves, so that they are
/// differentiable (used when backward runs with create_graph).
private func convolutionBackwardDifferentiable(_ x: Tensor, _ w: Tensor, _ g: Tensor, hasBias: Bool, needs: (Bool, Bool, Bool),
                                               stride: [Int], padding: [Int], dilation: [Int], transposed: Bool,
                                               outputPadding: [Int], groups: Int) throws -> [Tensor?] {
    var gx: Tensor? = nil, gw: Tensor? = nil, gb: Tensor? = nil
    if needs.0 {
        let op = transposed ? stride.map { _ in 0 }
            : Tensor.outputPaddingForInput(x.shape, g.shape, w, stride: stride, padding: padding, dilation: dilation)
        gx = try Tensor.convolution(g, w, nil, stride: stride, padding: padding, dilation: dilation,
                                    transposed: !transposed, outputPadding: op, groups: groups)
    }
    if needs.1 {
        guard groups == 1 else {
            throw TensorError.notImplemented("double backward of a grouped convolution's weight gradient is not supported by wick")
        }
        // gradW[o, c, k] = Σ g[n, o, ·] ⋆ x[n, c, ·]: a convolution over the batch dimension,
        // with stride and dilation swapped.
        let (a, b) = transposed ? (g, x) : (x, g)
        let r = try Tensor.convolution(a.transpose(0, 1), b.transpose(0, 1), nil, stride: dilation, padding: padding,
                                       dilation: stride, transposed: false, outputPadding: stride.map { _ in 0 }, groups: 1)
        var sliced = r
        for i in 0..<(w.dim - 2) { sliced = try sliced.narrow(dim: i + 2, start: 0, length: w.shape[i + 2]) }
        gw = try sliced.transpose(0, 1)
    }
    if needs.2 && hasBias {
        gb = try g.sum(dims: [0] + Array(2..<g.dim))
    }
    return [gx, gw, gb]
}

/// A checked convolution: the kernel plan and the output shape.
struct CheckedConvolution {
    let run: ConvPlan
    let outShape: [Int]
}

/// PyTorch's `check_shape_forward` and friends, in its order and words, then the plan.
func convolutionPlan(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: [Int], padding: [Int], dilation: [Int],
                     transposed: Bool, outputPadding: [Int], groups: Int) throws -> CheckedConvolution {
    let k = input.dim, ws = weight.shape, spatial = k - 2
    guard groups > 0 else { throw TensorError.runtime("non-positive groups is not supported") }
    guard padding.allSatisfy({ $0 >= 0 }) else { throw TensorError.runtime("negative padding is not supported") }
    guard outputPadding.allSatisfy({ $0 >= 0 }) else { throw TensorError.runtime("negative output_padding is not supported") }
    guard stride.allSatisfy({ $0 > 0 }) else { throw TensorError.runtime("non-positive stride is not supported") }
    guard dilation.allSatisfy({ $0 > 0 }) else { throw TensorError.runtime("dilation should be greater than zero") }
    guard weight.dim == k else {
        throw TensorError.runtime("Expected \(weight.dim)-dimensional input for \(weight.dim)-dimensional weight \(formatShapeList(ws)), but got \(k)-dimensional input of size \(formatShapeList(input.shape)) instead")
    }
    guard spatial == 1 || spatial == 2 else {
        throw TensorError.notImplemented("only 1-d and 2-d convolutions are supported by wick")
    }
    guard [stride, padding, dilation, outputPadding].allSatisfy({ $0.count == spatial }) else {
        throw TensorError.runtime("convolution: expected stride, padding, dilation and output_padding to have \(spatial) elements")
    }
    guard ws[0] >= groups else {
        throw TensorError.runtime("Given groups=\(groups), expected weight to be at least \(groups) at dimension 0, but got weight of size \(formatShapeList(ws)) instead")
    }
    guard ws[0] % groups == 0 else {
        throw TensorError.runtime("Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size [\(formatShapeList(ws))] instead")
    }
    var outSpatial: [Int] = []
    if !transposed {
        guard input.shape[1] == ws[1] * groups else {
            throw TensorError.runtime("Given groups=\(groups), weight of size \(formatShapeList(ws)), expected input\(formatShapeList(input.shape)) to have \(ws[1] * groups) channels, but got \(input.shape[1]) channels instead")
        }
        if let bias, !(bias.dim == 1 && bias.shape[0] == ws[0]) {
            throw TensorError.runtime("Given weight of size \(formatShapeList(ws)), expected bias to be 1-dimensional with \(ws[0]) elements, but got bias of size \(formatShapeList(bias.shape)) instead")
        }
        // Wrapping arithmetic: absurd arguments give sizes that the checks below reject.
        let padded = (0..<spatial).map { input.shape[$0 + 2] &+ 2 &* padding[$0] }
        let kernel = (0..<spatial).map { dilation[$0] &* (ws[$0 + 2] &- 1) &+ 1 }
        if zip(padded, kernel).contains(where: { $0 < $1 }) {
            throw TensorError.runtime("Calculated padded input size per channel: (\(padded.map(String.init).joined(separator: " x "))). Kernel size: (\(kernel.map(String.init).joined(separator: " x "))). Kernel size can't be greater than actual input size")
        }
        outSpatial = (0..<spatial).map { (padded[$0] &- kernel[$0]) / stride[$0] &+ 1 }
    } else {
        guard input.shape[1] == ws[0] else {
            throw TensorError.runtime("Given transposed=1, weight of size \(formatShapeList(ws)), expected input\(formatShapeList(input.shape)) to have \(ws[0]) channels, but got \(input.shape[1]) channels instead")
        }
        if let bias, !(bias.dim == 1 && bias.shape[0] == ws[1] * groups) {
            throw TensorError.runtime("Given transposed=1, weight of size \(formatShapeList(ws)), expected bias to be 1-dimensional with \(ws[1] * groups) elements, but got bias of size \(formatShapeList(bias.shape)) instead")
        }
        for i in 0..<spatial where !(outputPadding[i] < stride[i] || outputPadding[i] < dilation[i]) {
            let names = spatial == 1 ? [""] : ["_height", "_width"]
            let parts = ["output_padding", "stride", "dilation"].flatMap { name -> [String] in
                let values = name == "output_padding" ? outputPadding : (name == "stride" ? stride : dilation)
                return (0..<spatial).map { "\(name)\(names[$0]): \(values[$0])" }
            }
            throw TensorError.runtime("output padding must be smaller than either stride or dilation, but got \(parts.joined(separator: " "))")
        }
        outSpatial = (0..<spatial).map { (i: Int) -> Int in
            let span: Int = (input.shape[i + 2] &- 1) &* stride[i] &- 2 &* padding[i]
            let reach: Int = dilation[i] &* (ws[i + 2] &- 1) &+ outputPadding[i] &+ 1
            return span &+ reach
        }
        if outSpatial.contains(where: { $0 <= 0 }) {
            let given = input.shape.dropFirst(2).map(String.init).joined(separator: " x ")
            throw TensorError.runtime("Given input size per channel: (\(given)). Calculated output size per channel: (\(outSpatial.map(String.init).joined(separator: " x "))). Output size is too small")
        }
    }
    try checkConvolutionTypes(input, weight, bias)
    let outChannels = transposed ? ws[1] * groups : ws[0]
    let outShape = [input.shape[0], outChannels] + outSpatial
    try checkShape(outShape, dtype: input.dtype)
    // The image side and the column grid, 1-d as height 1.
    let (image, grid) = transposed ? (outShape, input.shape) : (input.shape, outShape)
    func two(_ v: [Int], _ fill: Int) -> [Int] { spatial == 1 ? [fill, v[0]] : v }
    let imageHW = two(Array(image.dropFirst(2)), 1), gridHW = two(Array(grid.dropFirst(2)), 1)
    let kernel = two(Array(ws.dropFirst(2)), 1), s = two(stride, 1), p = two(padding, 0), d = two(dilation, 1)
    let lowering = ConvLowering(channels: transposed ? outChannels : input.shape[1], imageH: imageHW[0], imageW: imageHW[1],
                                colH: gridHW[0], colW: gridHW[1], kh: kernel[0], kw: kernel[1], sh: s[0], sw: s[1],
                                ph: p[0], pw: p[1], dh: d[0], dw: d[1])
    let run = ConvPlan(transposed: transposed, batch: input.shape[0], groups: groups, lowering: lowering,
                       weightRows: ws[0], weightCols: ws.dropFirst().reduce(1, *))
    guard [lowering.rows * run.chunk * lowering.perSample, run.weightCols, run.weightRows].allSatisfy({ $0 < Int(Int32.max) }) else {
        throw TensorError.notImplemented("convolution too large for wick's BLAS kernels")
    }
    return CheckedConvolution(run: run, outShape: outShape)
}

/// The dtype checks: floating inputs of one dtype.
private func checkConvolutionTypes(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?) throws {
    guard input.dtype == weight.dtype else {
        throw TensorError.runtime("expected scalar type \(input.dtype.scalarTypeName) but found \(weight.dtype.scalarTypeName)")
    }
    if let bias, bias.dtype != input.dtype {
        throw TensorError.runtime("Input type (\(cTypeName(input.dtype))) and bias type (\(cTypeName(bias.dtype))) should be the same")
    }
    guard input.dtype.isFloatingPoint else {
        throw TensorError.notImplemented("\"slow_conv2d_cpu\" not implemented for '\(input.dtype.scalarTypeName)'")
    }
}

/// The C type name PyTorch prints in convolution type messages (`float`, `double`).
private func cTypeName(_ dtype: DType) -> String {
    switch dtype {
    case .float32: return "float"
    case .float64: return "double"
    case .int64: return "long int"
    case .int32: return "int"
    case .bool: return "bool"
    }
}
