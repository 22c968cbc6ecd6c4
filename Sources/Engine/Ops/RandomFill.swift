/// In-place random fills (`uniform_`, `normal_`, `bernoulli_`, `random_`, `exponential_`) and
/// dropout, bit for bit as PyTorch's CPU kernels (shared/spec/RNG.md), plus the iteration order
/// they share with the factories in RandomSampling.swift.
///
/// Each fill bumps the version, follows PyTorch's in-place rules, writes through views in
/// memory order, and records a grad_fn whose gradient is zero (`UniformBackward0`, …).
extension Tensor {
    /// `uniform_(from=0, to=1)`: float32 takes one 24-bit draw per element, float64 a 53-bit one.
    @discardableResult
    public func uniformInPlace(from: Double = 0, to: Double = 1, generator: Generator = Generator.global) throws -> Tensor {
        try checkInPlace()
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"check_uniform_bounds\" not implemented for '\(dtype.scalarTypeName)'")
        }
        let limit = dtype == .float32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
        let name = dtype == .float32 ? "float" : "double"
        guard from >= -limit && from <= limit else { throw TensorError.runtime("from is out of bounds for \(name)") }
        guard to >= -limit && to <= limit else { throw TensorError.runtime("to is out of bounds for \(name)") }
        guard from <= to else {
            throw TensorError.runtime("uniform_ expects to return a [from, to) range, but found from=\(formatCDouble(from)) > to=\(formatCDouble(to))")
        }
        guard to - from <= limit else {
            throw TensorError.runtime("uniform_ expects to-from <= std::numeric_limits<\(dtype.scalarTypeName)>::max(), but found to=\(formatCDouble(to)) and from=\(formatCDouble(from)) which result in to-from to exceed the limit")
        }
        try beginRandomFill("UniformBackward0")
        if dtype == .float32 {
            fillInIterationOrder(Float.self) { generator.fillUniform($0, from: from, to: to) }
        } else {
            fillInIterationOrder(Double.self) { generator.fillUniform($0, from: from, to: to) }
        }
        return self
    }

    /// `normal_(mean=0, std=1)`: contiguous targets of 16 or more elements take PyTorch's
    /// vectorised Box–Muller path, all others the serial one with its cached sample.
    @discardableResult
    public func normalInPlace(mean: Double = 0, std: Double = 1, generator: Generator = Generator.global) throws -> Tensor {
        try checkInPlace()
        guard std >= 0 else { throw TensorError.runtime("normal expects std >= 0.0, but found std \(formatCDouble(std))") }
        if numel == 0 { return self }
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"normal_kernel_cpu\" not implemented for '\(dtype.scalarTypeName)'")
        }
        try beginRandomFill("NormalBackward0")
        let contiguous = isContiguous
        if dtype == .float32 {
            fillInIterationOrder(Float.self) { generator.fillNormal($0, mean: mean, std: std, contiguous: contiguous) }
        } else {
            fillInIterationOrder(Double.self) { generator.fillNormal($0, mean: mean, std: std, contiguous: contiguous) }
        }
        return self
    }

    /// `bernoulli_(p)` with a number: 1 where a 53-bit uniform is below `p`, for any dtype.
    @discardableResult
    public func bernoulliInPlace(p: Double = 0.5, generator: Generator = Generator.global) throws -> Tensor {
        try checkInPlace()
        guard p >= 0 && p <= 1 else {
            throw TensorError.runtime("bernoulli_ expects p to be in [0, 1], but got p=\(formatCDouble(p))")
        }
        try beginRandomFill("BernoulliBackward2")
        switch dtype {
        case .float32: fillInIterationOrder(Float.self) { generator.fillBernoulli($0, p: p) }
        case .float64: fillInIterationOrder(Double.self) { generator.fillBernoulli($0, p: p) }
        case .int64: fillInIterationOrder(Int64.self) { fill($0, bernoulli: p, generator) { $0 ? 1 : 0 } }
        case .int32: fillInIterationOrder(Int32.self) { fill($0, bernoulli: p, generator) { $0 ? 1 : 0 } }
        case .bool: fillInIterationOrder(Bool.self) { fill($0, bernoulli: p, generator) { $0 } }
        }
        return self
    }

    /// `bernoulli_(p)` with a tensor of probabilities broadcast to this shape; grad_fn
    /// `BernoulliBackward1`.
    @discardableResult
    public func bernoulliInPlace(_ p: Tensor, generator: Generator = Generator.global) throws -> Tensor {
        try checkInPlace()
        let expanded = try noGrad { try p.expand(shape) }
        try fillBernoulli(probabilities: expanded, order: iterationPermutation(), generator: generator, recordingOthers: [p])
        return self
    }

    /// `exponential_(lambd=1)`: `-log1p(-u) / λ` from a 53-bit uniform per element.
    @discardableResult
    public func exponentialInPlace(lambda: Double = 1, generator: Generator = Generator.global) throws -> Tensor {
        try checkInPlace()
        guard lambda > 0 else {
            throw TensorError.runtime("exponential_ expects lambda > 0.0, but found lambda=\(formatCDouble(lambda))")
        }
        guard dtype.isFloatingPoint else {
            throw TensorError.runtime("Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified \(dtype.scalarTypeName)")
        }
        try beginRandomFill("ExponentialBackward0")
        if dtype == .float32 {
            fillInIterationOrder(Float.self) { generator.fillExponential($0, lambda: lambda) }
        } else {
            fillInIterationOrder(Double.self) { generator.fillExponential($0, lambda: lambda) }
        }
        return self
    }

    /// `random_()`: integers over the dtype's whole exact range — [0, 2^24] for float32,
    /// [0, 2^53] for float64, [0, max] for integers, either value for bool.
    @discardableResult
    public func randomInPlace(generator: Generator = Generator.global) throws -> Tensor {
        try checkInPlace()
        try beginRandomFill("RandomBackward2")
        let g = generator
        switch dtype {
        case .float32: fillInIterationOrder(Float.self) { b in for i in b.indices { b[i] = Float(g.nextUInt32() % (1 << 24 + 1)) } }
        case .float64: fillInIterationOrder(Double.self) { b in for i in b.indices { b[i] = Double(g.nextUInt64() % (1 << 53 + 1)) } }
        case .int64: fillInIterationOrder(Int64.self) { b in for i in b.indices { b[i] = Int64(g.nextUInt64() % (1 << 63)) } }
        case .int32: fillInIterationOrder(Int32.self) { b in for i in b.indices { b[i] = Int32(g.nextUInt32() % (1 << 31)) } }
        case .bool: fillInIterationOrder(Bool.self) { b in for i in b.indices { b[i] = g.nextUInt32() & 1 == 1 } }
        }
        return self
    }

    /// `random_(to)`: integers in [0, to).
    @discardableResult
    public func randomInPlace(to: Int64, generator: Generator = Generator.global) throws -> Tensor {
        try randomInPlace(from: 0, to: to, generator: generator, gradFnName: "RandomBackward1")
    }

    /// `random_(from, to)`: integers in [from, to), or [from, the dtype's largest exact integer]
    /// when `to` is nil (`random_(-2**63, None)` gives raw 64-bit draws). Ranges of 2^28 or more
    /// take 64-bit draws; the modulo bias is PyTorch's.
    @discardableResult
    public func randomInPlace(from: Int64, to: Int64?, generator: Generator = Generator.global) throws -> Tensor {
        try randomInPlace(from: from, to: to, generator: generator, gradFnName: "RandomBackward0")
    }

    private func randomInPlace(from: Int64, to: Int64?, generator: Generator, gradFnName: String) throws -> Tensor {
        try checkInPlace()
        var low = from
        let range: UInt64
        if let to {
            guard from < to else {
                throw TensorError.runtime("random_ expects 'from' to be less than 'to', but got from=\(from) >= to=\(to)")
            }
            var high = to
            if let digits = mantissaDigits {
                low = roundedUpToDType(from, digits)
                high = roundedDownToDType(to, digits)
                guard low < high else {
                    throw TensorError.runtime("random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=\(low) >= to=\(high)")
                }
            }
            try checkRandomBounds(low, high - 1)
            range = UInt64(bitPattern: high) &- UInt64(bitPattern: low)
        } else if from != Int64.min {
            let toInclusive: Int64
            if let digits = mantissaDigits {
                toInclusive = Int64(1) << digits
                low = roundedUpToDType(from, digits)
                guard low < toInclusive else {
                    throw TensorError.runtime("random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to dtype, but got from=\(low) > to_inc=\(toInclusive)")
                }
            } else {
                toInclusive = dtype == .bool ? 1 : (dtype == .int32 ? Int64(Int32.max) : Int64.max)
            }
            try checkRandomBounds(low, toInclusive)
            range = UInt64(bitPattern: toInclusive) &- UInt64(bitPattern: low) &+ 1
        } else {
            guard dtype != .int32 && dtype != .bool else {
                throw TensorError.runtime("random_full_64_bits_range_kernel_cpu handles only int64, double, float and bfloat16")
            }
            range = 0  // the full 2^64: raw 64-bit draws
        }
        try beginRandomFill(gradFnName)
        let base = UInt64(bitPattern: low), g = generator
        @inline(__always) func draw() -> Int64 {
            if range == 0 { return Int64(bitPattern: g.nextUInt64()) }
            let u = range >= 1 << 28 ? g.nextUInt64() : UInt64(g.nextUInt32())
            return Int64(bitPattern: u % range &+ base)
        }
        switch dtype {
        case .float32: fillInIterationOrder(Float.self) { b in for i in b.indices { b[i] = Float(draw()) } }
        case .float64: fillInIterationOrder(Double.self) { b in for i in b.indices { b[i] = Double(draw()) } }
        case .int64: fillInIterationOrder(Int64.self) { b in for i in b.indices { b[i] = draw() } }
        case .int32: fillInIterationOrder(Int32.self) { b in for i in b.indices { b[i] = Int32(truncatingIfNeeded: draw()) } }
        case .bool: fillInIterationOrder(Bool.self) { b in for i in b.indices { b[i] = draw() != 0 } }
        }
        return self
    }

    // MARK: Dropout

    /// `F.dropout(self, p, training)`: zeroes each element with probability `p` and scales the
    /// rest by `1 / (1 - p)`, as `self * noise` (grad_fn `MulBackward0`). Returns this tensor
    /// itself when `p` is 0, when not training, or when it is empty; `p == 1` gives `self * 0`.
    public func dropout(p: Double = 0.5, training: Bool = true, generator: Generator = Generator.global) throws -> Tensor {
        guard let noise = try dropoutNoise(p: p, training: training, generator: generator) else { return self }
        return try mul(noise)
    }

    /// `F.dropout(self, p, training, inplace=True)`: `mul_` by the same noise.
    @discardableResult
    public func dropoutInPlace(p: Double = 0.5, training: Bool = true, generator: Generator = Generator.global) throws -> Tensor {
        try checkInPlace()
        guard let noise = try dropoutNoise(p: p, training: training, generator: generator) else { return self }
        return try mulInPlace(noise)
    }

    /// The tensor dropout multiplies by, or nil when it returns its input unchanged.
    private func dropoutNoise(p: Double, training: Bool, generator: Generator) throws -> Tensor? {
        guard p >= 0 && p <= 1 else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(formatPythonFloat(p))")
        }
        if p == 0 || !training || numel == 0 { return nil }
        if p == 1 { return Tensor(zeros: [], dtype: dtype) }
        // PyTorch: noise = empty_like(self).bernoulli_(1 - p).div_(1 - p), drawn in this
        // tensor's memory order.
        let noise = Tensor(zeros: shape, dtype: dtype)
        let order = iterationPermutation()
        let q = 1 - p
        switch dtype {
        case .float32:
            var values = generator.dropoutMask(count: numel, p: p)
            values.withUnsafeMutableBufferPointer { noise.scatter($0, order: order) }
        case .float64:
            var values = [Double](repeating: 0, count: numel)
            values.withUnsafeMutableBufferPointer { b in
                generator.fillBernoulli(b, p: q)
                for i in b.indices { b[i] /= q }
                noise.scatter(b, order: order)
            }
        case .int64, .int32, .bool:
            var draws = [Double](repeating: 0, count: numel)
            draws.withUnsafeMutableBufferPointer { generator.fillBernoulli($0, p: q) }
            throw TensorError.runtime("result type Float can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
        return noise
    }
}

// MARK: random_ bounds, as DistributionTemplates.h computes them

extension Tensor {
    /// The mantissa digits of a float dtype (24, 53), nil for integer dtypes.
    private var mantissaDigits: Int? { dtype == .float32 ? 24 : (dtype == .float64 ? 53 : nil) }

    /// `int64(dtype(x))`, the round trip `update_from`/`update_to` test against.
    private func roundTrip(_ x: Int64, _ digits: Int) -> Int64 {
        x86Truncate64(digits == 24 ? Double(Float(x)) : Double(x))
    }

    /// PyTorch's `update_from`: raises `from` to the next value the float dtype holds.
    private func roundedUpToDType(_ from: Int64, _ digits: Int) -> Int64 {
        let back = roundTrip(from &+ 1, digits)
        guard back < from else { return from }
        let shift = log2Floor((from &+ 1).magnitude) - digits + 1
        return shift >= 0 && shift < 63 ? back &+ (1 << shift) : from
    }

    /// PyTorch's `update_to`: lowers `to` to the last value the float dtype holds below it.
    private func roundedDownToDType(_ to: Int64, _ digits: Int) -> Int64 {
        let back = roundTrip(to &- 1, digits)
        guard back >= to else { return to }
        let shift = log2Floor((to &- 1).magnitude) - digits + 1
        return shift >= 0 && shift < 63 ? back &- (1 << shift) : to
    }

    /// `check_from_to_in_range`: integer dtypes must hold both ends (float ones only warn).
    private func checkRandomBounds(_ from: Int64, _ toInclusive: Int64) throws {
        let bounds: (ClosedRange<Int64>, String)
        switch dtype {
        case .int32: bounds = (Int64(Int32.min)...Int64(Int32.max), "int")
        case .bool: bounds = (0...1, "bool")
        case .int64, .float32, .float64: return
        }
        guard bounds.0.contains(from) else { throw TensorError.runtime("from is out of bounds for \(bounds.1)") }
        guard bounds.0.contains(toInclusive) else { throw TensorError.runtime("to - 1 is out of bounds for \(bounds.1)") }
    }
}

/// ⌊log2 x⌋ for x ≥ 1 (0 for 0), as C's `while (x >>= 1) ++n;` counts it.
private func log2Floor(_ x: UInt64) -> Int { x == 0 ? 0 : 63 - x.leadingZeroBitCount }

/// `bernoulli_(p)` into a non-float buffer: the float64 kernel's draws, converted.
private func fill<T>(_ out: UnsafeMutableBufferPointer<T>, bernoulli p: Double, _ generator: Generator,
                     _ convert: (Bool) -> T) {
    var draws = [Double](repeating: 0, count: out.count)
    draws.withUnsafeMutableBufferPointer { generator.fillBernoulli($0, p: p) }
    for i in out.indices { out[i] = convert(draws[i] != 0) }
}

extension GradcheckCase {
    /// Dropout (Ops/RandomFill.swift), with a freshly seeded generator per evaluation so that
    /// every call draws the same mask.
    static let randomSampling: [GradcheckCase] = [
        GradcheckCase("dropout/train", shapes: [[3, 4]]) { try $0[0].dropout(p: 0.4, generator: Generator(seed: 7)) },
        GradcheckCase("dropout/0d", shapes: [[]]) { try $0[0].dropout(p: 0.5, generator: Generator(seed: 1)) },
        GradcheckCase("dropout/p1", shapes: [[2, 2]]) { try $0[0].dropout(p: 1) },
        GradcheckCase("dropout/transposed", shapes: [[3, 2]]) { try $0[0].t().dropout(p: 0.3, generator: Generator(seed: 4)) },
        GradcheckCase("dropoutInPlace/clone", shapes: [[5]]) {
            try $0[0].clone().dropoutInPlace(p: 0.3, generator: Generator(seed: 2))
        },
    ]
}
