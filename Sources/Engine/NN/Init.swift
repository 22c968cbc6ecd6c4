import Foundation

/// `torch.nn.init`: in-place initialisers that draw from a generator (default
/// `Generator.global`) in PyTorch's order with PyTorch's formulas, without recording autograd.
public enum Init {
    /// `calculate_gain(nonlinearity, param=None)`: the recommended gain for a nonlinearity
    /// ("linear", "conv*", "sigmoid" → 1, "tanh" → 5/3, "relu" → √2, "leaky_relu" →
    /// √(2/(1+slope²)) with slope `param` or 0.01, "selu" → 3/4).
    public static func calculateGain(_ nonlinearity: String, param: Scalar? = nil) throws -> Double {
        let linear: Set<String> = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                                   "conv_transpose2d", "conv_transpose3d", "sigmoid"]
        if linear.contains(nonlinearity) { return 1 }
        switch nonlinearity {
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu":
            let slope: Double
            switch param {
            case nil: slope = 0.01
            case .int(let i)?: slope = Double(i)
            case .double(let d)?: slope = d
            case .bool(let b)?: throw TensorError.value("negative_slope \(b ? "True" : "False") not a valid number")
            }
            return (2.0 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default: throw TensorError.value("Unsupported nonlinearity \(nonlinearity)")
        }
    }

    /// `_calculate_fan_in_and_fan_out(tensor)`: size(1)·receptive field and size(0)·receptive
    /// field; ValueError for tensors of fewer than 2 dimensions.
    public static func calculateFanInAndFanOut(_ tensor: Tensor) throws -> (fanIn: Int, fanOut: Int) {
        guard tensor.dim >= 2 else {
            throw TensorError.value("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        }
        let receptive = tensor.shape.dropFirst(2).reduce(1, *)
        return (tensor.shape[1] * receptive, tensor.shape[0] * receptive)
    }

    /// `_calculate_correct_fan(tensor, mode)`: fan_in or fan_out (`mode` case-insensitive).
    public static func calculateCorrectFan(_ tensor: Tensor, mode: String) throws -> Int {
        let mode = mode.lowercased()
        guard mode == "fan_in" || mode == "fan_out" else {
            throw TensorError.value("Mode \(mode) not supported, please use one of ['fan_in', 'fan_out']")
        }
        let (fanIn, fanOut) = try calculateFanInAndFanOut(tensor)
        return mode == "fan_in" ? fanIn : fanOut
    }

    /// `uniform_(tensor, a=0, b=1)`.
    @discardableResult
    public static func uniform_(_ tensor: Tensor, a: Double = 0, b: Double = 1,
                                generator: Generator = Generator.global) throws -> Tensor {
        try noGrad { try tensor.uniformInPlace(from: a, to: b, generator: generator) }
    }

    /// `normal_(tensor, mean=0, std=1)`.
    @discardableResult
    public static func normal_(_ tensor: Tensor, mean: Double = 0, std: Double = 1,
                               generator: Generator = Generator.global) throws -> Tensor {
        try noGrad { try tensor.normalInPlace(mean: mean, std: std, generator: generator) }
    }

    /// `constant_(tensor, val)`.
    @discardableResult
    public static func constant_(_ tensor: Tensor, _ value: Scalar) throws -> Tensor {
        try noGrad { try tensor.fillInPlace(value) }
    }

    /// `ones_(tensor)`.
    @discardableResult
    public static func ones_(_ tensor: Tensor) throws -> Tensor { try constant_(tensor, .double(1)) }

    /// `zeros_(tensor)`.
    @discardableResult
    public static func zeros_(_ tensor: Tensor) throws -> Tensor {
        try noGrad { try tensor.zeroInPlace() }
    }

    /// `eye_(tensor)`: the identity matrix (2-D tensors only).
    @discardableResult
    public static func eye_(_ tensor: Tensor) throws -> Tensor {
        guard tensor.dim == 2 else { throw TensorError.value("Only tensors with 2 dimensions are supported") }
        let eye = try Tensor.eye(tensor.shape[0], tensor.shape[1], dtype: tensor.dtype)
        return try noGrad { try tensor.copyInPlace(eye) }
    }

    /// `xavier_uniform_(tensor, gain=1)`: U(-a, a), a = gain·√(6/(fan_in+fan_out)).
    @discardableResult
    public static func xavierUniform_(_ tensor: Tensor, gain: Double = 1,
                                      generator: Generator = Generator.global) throws -> Tensor {
        let (fanIn, fanOut) = try calculateFanInAndFanOut(tensor)
        guard fanIn + fanOut > 0 else { throw TensorError(.zeroDivision, "float division by zero") }
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        let a = 3.0.squareRoot() * std
        return try uniform_(tensor, a: -a, b: a, generator: generator)
    }

    /// `xavier_normal_(tensor, gain=1)`: N(0, gain²·2/(fan_in+fan_out)).
    @discardableResult
    public static func xavierNormal_(_ tensor: Tensor, gain: Double = 1,
                                     generator: Generator = Generator.global) throws -> Tensor {
        let (fanIn, fanOut) = try calculateFanInAndFanOut(tensor)
        guard fanIn + fanOut > 0 else { throw TensorError(.zeroDivision, "float division by zero") }
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        return try normal_(tensor, mean: 0, std: std, generator: generator)
    }

    /// `kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`:
    /// U(-b, b), b = gain·√(3/fan). A zero-element tensor is left alone, with PyTorch's warning.
    @discardableResult
    public static func kaimingUniform_(_ tensor: Tensor, a: Scalar = 0, mode: String = "fan_in",
                                       nonlinearity: String = "leaky_relu",
                                       generator: Generator = Generator.global) throws -> Tensor {
        if tensor.shape.contains(0) {
            Autograd.warn("Initializing zero-element tensors is a no-op")
            return tensor
        }
        let fan = try calculateCorrectFan(tensor, mode: mode)
        let gain = try calculateGain(nonlinearity, param: a)
        let std = gain / Double(fan).squareRoot()
        let bound = 3.0.squareRoot() * std
        return try uniform_(tensor, a: -bound, b: bound, generator: generator)
    }

    /// `kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`: N(0, gain²/fan).
    @discardableResult
    public static func kaimingNormal_(_ tensor: Tensor, a: Scalar = 0, mode: String = "fan_in",
                                      nonlinearity: String = "leaky_relu",
                                      generator: Generator = Generator.global) throws -> Tensor {
        if tensor.shape.contains(0) {
            Autograd.warn("Initializing zero-element tensors is a no-op")
            return tensor
        }
        let fan = try calculateCorrectFan(tensor, mode: mode)
        let gain = try calculateGain(nonlinearity, param: a)
        return try normal_(tensor, mean: 0, std: gain / Double(fan).squareRoot(), generator: generator)
    }
}
