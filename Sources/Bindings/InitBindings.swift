import Engine
import Script

/// `torch.nn.init` for scripts: the in-place initialisers of `Init` (Engine/NN/Init*.swift)
/// with PyTorch's parameter names and defaults. Each returns the very tensor object it was
/// given and draws from `generator=` (default: the global generator) in PyTorch's order.
enum InitBindings {
    /// Every `torch.nn.init` function.
    static func definitions() -> [(String, PyObject)] {
        typealias F = FunctionalBindings
        return [
            F.define("calculate_gain", "nonlinearity, param=") { a in
                let name = try a.string(0, "")
                var param: Scalar?
                if let p = a.value(1) {
                    guard let s = Args.scalarOrNil(p) else {
                        throw PyError.value("negative_slope \(try Runtime.str(p)) not a valid number")
                    }
                    param = s
                }
                let gain = try Init.calculateGain(name, param: param)
                // PyTorch returns the int 1 for the linear family and sigmoid.
                if gain == 1 && name != "leaky_relu" { return PyInt.make(1) }
                return PyFloat(gain)
            },
            F.define("_calculate_fan_in_and_fan_out", "tensor") { a in
                let (fanIn, fanOut) = try Init.calculateFanInAndFanOut(try a.tensor(0))
                return PyTuple([PyInt.make(fanIn), PyInt.make(fanOut)])
            },
            F.define("uniform_", "tensor, a=, b=, generator=") { a in
                try Init.uniform_(try a.tensor(0), a: try a.double(1, 0), b: try a.double(2, 1), generator: try Args.generator(a.value(3)))
                return a.raw(0) ?? PyNone.shared
            },
            F.define("normal_", "tensor, mean=, std=, generator=") { a in
                try Init.normal_(try a.tensor(0), mean: try a.double(1, 0), std: try a.double(2, 1), generator: try Args.generator(a.value(3)))
                return a.raw(0) ?? PyNone.shared
            },
            F.define("trunc_normal_", "tensor, mean=, std=, a=, b=, generator=") { a in
                try Init.truncNormal_(try a.tensor(0), mean: try a.double(1, 0), std: try a.double(2, 1), a: try a.double(3, -2),
                                      b: try a.double(4, 2), generator: try Args.generator(a.value(5)))
                return a.raw(0) ?? PyNone.shared
            },
            F.define("constant_", "tensor, val") { a in
                let t = try a.tensor(0)
                guard let v = a.value(1) else { throw a.site.typeError("val", 1, expected: "Number", got: PyNone.shared) }
                try Init.constant_(t, try Args.scalar(v, a.site, "val", 1))
                return a.raw(0) ?? PyNone.shared
            },
            F.define("ones_", "tensor") { a in
                try Init.ones_(try a.tensor(0))
                return a.raw(0) ?? PyNone.shared
            },
            F.define("zeros_", "tensor") { a in
                try Init.zeros_(try a.tensor(0))
                return a.raw(0) ?? PyNone.shared
            },
            F.define("eye_", "tensor") { a in
                try Init.eye_(try a.tensor(0))
                return a.raw(0) ?? PyNone.shared
            },
            F.define("xavier_uniform_", "tensor, gain=, generator=") { a in
                try Init.xavierUniform_(try a.tensor(0), gain: try a.double(1, 1), generator: try Args.generator(a.value(2)))
                return a.raw(0) ?? PyNone.shared
            },
            F.define("xavier_normal_", "tensor, gain=, generator=") { a in
                try Init.xavierNormal_(try a.tensor(0), gain: try a.double(1, 1), generator: try Args.generator(a.value(2)))
                return a.raw(0) ?? PyNone.shared
            },
            F.define("kaiming_uniform_", "tensor, a=, mode=, nonlinearity=, generator=") { a in
                try Init.kaimingUniform_(try a.tensor(0), a: try a.scalar(1, .int(0)), mode: try a.string(2, "fan_in"),
                                         nonlinearity: try a.string(3, "leaky_relu"), generator: try Args.generator(a.value(4)))
                return a.raw(0) ?? PyNone.shared
            },
            F.define("kaiming_normal_", "tensor, a=, mode=, nonlinearity=, generator=") { a in
                try Init.kaimingNormal_(try a.tensor(0), a: try a.scalar(1, .int(0)), mode: try a.string(2, "fan_in"),
                                        nonlinearity: try a.string(3, "leaky_relu"), generator: try Args.generator(a.value(4)))
                return a.raw(0) ?? PyNone.shared
            },
            F.define("orthogonal_", "tensor, gain=, generator=") { a in
                try Init.orthogonal_(try a.tensor(0), gain: try a.double(1, 1), generator: try Args.generator(a.value(2)))
                return a.raw(0) ?? PyNone.shared
            },
        ]
    }
}
