/// The gradcheck entries of the pointwise ops (UnaryMath, UnaryPiecewise, BinaryPow,
/// BinaryDivision, UnaryInPlace): float64 inputs of several shapes, with broadcasting and 0-d
/// cases, kept away from the points where an op is not differentiable.
extension GradcheckCase {
    static let pointwise: [GradcheckCase] = unaryMath + piecewise + powers + divisions + inPlace

    private static let unaryMath: [GradcheckCase] = [
        GradcheckCase("sqrt", shapes: [[2, 3]], range: 0.5...2) { try $0[0].sqrt() },
        GradcheckCase("rsqrt/0d", shapes: [[]], range: 0.5...2) { try $0[0].rsqrt() },
        GradcheckCase("exp", shapes: [[3, 2]]) { try $0[0].exp() },
        GradcheckCase("log", shapes: [[4]], range: 0.5...2) { try $0[0].log() },
        GradcheckCase("log1p", shapes: [[2, 2]], range: -0.5...1) { try $0[0].log1p() },
        GradcheckCase("expm1", shapes: [[3]]) { try $0[0].expm1() },
        GradcheckCase("log2/0d", shapes: [[]], range: 0.5...2) { try $0[0].log2() },
        GradcheckCase("sin", shapes: [[2, 3]]) { try $0[0].sin() },
        GradcheckCase("cos", shapes: [[2, 3]]) { try $0[0].cos() },
        GradcheckCase("tan", shapes: [[4]]) { try $0[0].tan() },
        GradcheckCase("tanh", shapes: [[2, 3]], range: -2...2) { try $0[0].tanh() },
        GradcheckCase("tanh/transposed", shapes: [[3, 2]]) { try $0[0].t().tanh() },
        GradcheckCase("sigmoid", shapes: [[2, 3]], range: -3...3) { try $0[0].sigmoid() },
        GradcheckCase("sigmoid/0d", shapes: [[]]) { try $0[0].sigmoid() },
        GradcheckCase("erf", shapes: [[5]]) { try $0[0].erf() },
        GradcheckCase("reciprocal", shapes: [[2, 2]], range: 0.5...2) { try $0[0].reciprocal() },
    ]

    private static let piecewise: [GradcheckCase] = [
        GradcheckCase("abs", shapes: [[2, 3]]) { try $0[0].abs() },
        GradcheckCase("sign", shapes: [[4]]) { try $0[0].sign() },
        GradcheckCase("relu", shapes: [[3, 4]]) { try $0[0].relu() },
        GradcheckCase("relu/expanded", shapes: [[3, 1]]) { try $0[0].expand([3, 4]).relu() },
        GradcheckCase("floor", shapes: [[3]], range: 0.1...0.9) { try $0[0].floor() },
        GradcheckCase("ceil", shapes: [[3]], range: 0.1...0.9) { try $0[0].ceil() },
        GradcheckCase("round", shapes: [[3]], range: 0.1...0.4) { try $0[0].round() },
        GradcheckCase("round/decimals", shapes: [[3]], range: 0.11...0.14) { try $0[0].round(decimals: 1) },
        GradcheckCase("square", shapes: [[2, 3]]) { try $0[0].square() },
        GradcheckCase("neg/0d", shapes: [[]]) { try $0[0].neg() },
    ]

    private static let powers: [GradcheckCase] = [
        GradcheckCase("pow/scalar_2", shapes: [[2, 3]]) { try $0[0].pow(2) },
        GradcheckCase("pow/scalar_3", shapes: [[4]]) { try $0[0].pow(3) },
        GradcheckCase("pow/scalar_half", shapes: [[2, 2]], range: 0.5...2) { try $0[0].pow(0.5) },
        GradcheckCase("pow/scalar_negative", shapes: [[3]], range: 0.5...2) { try $0[0].pow(-1.5) },
        GradcheckCase("pow/tensor", shapes: [[2, 3], [2, 3]], range: 0.5...2) { try $0[0].pow($0[1]) },
        GradcheckCase("pow/tensor_broadcast", shapes: [[2, 1], [3]], range: 0.5...2) { try $0[0].pow($0[1]) },
        GradcheckCase("pow/tensor_0d_exponent", shapes: [[3], []], range: 0.5...2) { try $0[0].pow($0[1]) },
        GradcheckCase("pow/scalar_base", shapes: [[2, 3]]) { try Tensor.pow(2.5, $0[0]) },
    ]

    private static let divisions: [GradcheckCase] = [
        GradcheckCase("remainder/scalar", shapes: [[2, 3]], range: 0.1...0.9) { try $0[0].remainder(1.5) },
        GradcheckCase("remainder/tensor", inputs: { g in
            [try uniform([2, 3], 2.1...2.9, g), try uniform([3], 1.1...1.4, g)] }) { try $0[0].remainder($0[1]) },
        GradcheckCase("fmod/tensor", inputs: { g in
            [try uniform([4], -2.9...(-2.1), g), try uniform([4], 1.1...1.4, g)] }) { try $0[0].fmod($0[1]) },
        GradcheckCase("fmod/scalar_0d", shapes: [[]], range: 0.1...0.9) { try $0[0].fmod(2) },
    ]

    private static let inPlace: [GradcheckCase] = [
        GradcheckCase("exp_", shapes: [[2, 3]]) { x in try x[0].mul(1.0).expInPlace() },
        GradcheckCase("sigmoid_", shapes: [[4]]) { x in try x[0].mul(1.0).sigmoidInPlace() },
        GradcheckCase("pow_", shapes: [[3]], range: 0.5...2) { x in try x[0].mul(1.0).powInPlace(3) },
        GradcheckCase("abs_", shapes: [[3]]) { x in try x[0].mul(1.0).absInPlace() },
        GradcheckCase("copy_/broadcast", shapes: [[2, 3], [3]]) { x in try x[0].mul(1.0).copyInPlace(x[1]) },
        GradcheckCase("fill_/tensor", shapes: [[2, 2], []]) { x in try x[0].mul(2.0).fillInPlace(x[1]) },
        GradcheckCase("mul_/tensor", shapes: [[2, 3], [3]]) { x in try x[0].mul(1.0).mulInPlace(x[1]) },
        GradcheckCase("div_/tensor", inputs: { g in
            [try uniform([2, 2], -1...1, g), try uniform([2, 2], 0.5...2, g)] }) { x in try x[0].mul(1.0).divInPlace(x[1]) },
        GradcheckCase("add_/alpha", shapes: [[3], [3]]) { x in try x[0].mul(1.0).addInPlace(x[1], alpha: 2.5) },
    ]
}
