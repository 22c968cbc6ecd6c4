/// Random tensors, bit for bit as PyTorch's CPU generator makes them (shared/spec/RNG.md):
/// seeding and state, the factories (`rand`, `randn`, `randint`, `randperm`, `normal`,
/// `bernoulli`, `multinomial`), the in-place fills (`uniform_`, `normal_`, …) and dropout.
///
/// Every function draws from `generator` (the global one unless given), element by element in
/// the order PyTorch's TensorIterator visits the output: memory order, so a transposed target
/// is filled along its storage. Random ops differentiate to zero, under PyTorch's grad_fn names.
extension Tensor {
    // MARK: Seeding and state

    /// `torch.manual_seed(seed)`: reseeds the global generator and returns it.
    @discardableResult
    public static func manualSeed(_ seed: Int) -> Generator { manualSeed(UInt64(bitPattern: Int64(seed))) }

    /// `torch.manual_seed(seed)` for a seed in 0 ..< 2^64 (negative Python seeds wrap).
    @discardableResult
    public static func manualSeed(_ seed: UInt64) -> Generator {
        Generator.global.manualSeed(seed)
        return Generator.global
    }

    /// `torch.initial_seed()`: the seed the global generator was last seeded with.
    public static func initialSeed() -> UInt64 { Generator.global.initialSeed }

    /// `torch.seed()`: reseeds the global generator non-deterministically and returns the seed.
    @discardableResult
    public static func seed() -> UInt64 {
        let s = UInt64.random(in: 0 ... UInt64.max)
        Generator.global.manualSeed(s)
        return s
    }

    /// `torch.get_rng_state()`: the generator's 5056 state bytes (PyTorch's uint8 tensor; wick
    /// has no uint8 dtype, so the bindings wrap these bytes).
    public static func getRNGState(generator: Generator = Generator.global) -> [UInt8] { generator.getState() }

    /// `torch.set_rng_state(state)`: loads bytes from `getRNGState`, with PyTorch's errors.
    public static func setRNGState(_ state: [UInt8], generator: Generator = Generator.global) throws {
        guard state.count == Generator.stateByteCount else {
            throw TensorError.runtime("Expected a CPUGeneratorImplState of size \(Generator.stateByteCount) but found the input RNG state size to be \(state.count)")
        }
        do { try generator.setState(state) } catch let e as RandomStateError { throw TensorError.runtime(e.message) }
    }

    // MARK: Factories

    /// `torch.rand(size, dtype=)`: uniform in [0, 1).
    public static func rand(_ shape: [Int], dtype: DType? = nil, generator: Generator = Generator.global) throws -> Tensor {
        try checkShape(shape)
        return try Tensor(zeros: shape, dtype: dtype ?? DType.defaultFloat).uniformInPlace(generator: generator)
    }

    /// `torch.randn(size, dtype=)`: standard normal.
    public static func randn(_ shape: [Int], dtype: DType? = nil, generator: Generator = Generator.global) throws -> Tensor {
        try checkShape(shape)
        return try Tensor(zeros: shape, dtype: dtype ?? DType.defaultFloat).normalInPlace(generator: generator)
    }

    /// `torch.randint(low=0, high, size, dtype=torch.int64)`: integers in [low, high).
    public static func randint(low: Int64 = 0, high: Int64, shape: [Int], dtype: DType = .int64,
                               generator: Generator = Generator.global) throws -> Tensor {
        try checkShape(shape)
        return try Tensor(zeros: shape, dtype: dtype).randomInPlace(from: low, to: high, generator: generator)
    }

    /// `torch.randperm(n, dtype=torch.int64)`: a random permutation of 0 ..< n.
    public static func randperm(_ n: Int, dtype: DType = .int64, generator: Generator = Generator.global) throws -> Tensor {
        try checkShape([n])
        if dtype == .bool { throw TensorError.notImplemented("\"randperm\" not implemented for 'Bool'") }
        if dtype == .float32 && n > (1 << 24) + 1 {
            throw TensorError.runtime("n cannot be greater than 2^24+1 for Float type.")
        }
        let perm = generator.randperm(n)
        switch dtype {
        case .int64: return try Tensor(perm, shape: [n])
        case .int32: return try Tensor(perm.map { Int32(truncatingIfNeeded: $0) }, shape: [n])
        case .float32: return try Tensor(perm.map { Float($0) }, shape: [n])
        case .float64, .bool: return try Tensor(perm.map { Double($0) }, shape: [n])
        }
    }

    /// `torch.rand_like(self, dtype=)`.
    public func randLike(dtype: DType? = nil, generator: Generator = Generator.global) throws -> Tensor {
        try Tensor.rand(shape, dtype: dtype ?? self.dtype, generator: generator)
    }

    /// `torch.randn_like(self, dtype=)`.
    public func randnLike(dtype: DType? = nil, generator: Generator = Generator.global) throws -> Tensor {
        try Tensor.randn(shape, dtype: dtype ?? self.dtype, generator: generator)
    }

    /// `torch.randint_like(self, low=0, high, dtype=)`.
    public func randintLike(low: Int64 = 0, high: Int64, dtype: DType? = nil,
                            generator: Generator = Generator.global) throws -> Tensor {
        try Tensor.randint(low: low, high: high, shape: shape, dtype: dtype ?? self.dtype, generator: generator)
    }

    /// `torch.normal(mean, std, size, dtype=)` with numbers: `normal_(mean, std)` on a new tensor.
    public static func normal(mean: Double, std: Double, shape: [Int], dtype: DType? = nil,
                              generator: Generator = Generator.global) throws -> Tensor {
        try checkNormalStd(std)
        try checkShape(shape)
        return try Tensor(zeros: shape, dtype: dtype ?? DType.defaultFloat).normalInPlace(mean: mean, std: std, generator: generator)
    }

    /// `torch.normal(mean, std)` with tensors: `z = normal_(0, 1)` of the broadcast shape in
    /// `mean`'s dtype, then `z * std + mean` (two roundings); grad_fn `NormalBackward3`.
    public static func normal(mean: Tensor, std: Tensor, generator: Generator = Generator.global) throws -> Tensor {
        try checkNormalStd(std)
        let out = try Tensor.zeros(try broadcastShapes(mean.shape, std.shape), dtype: mean.dtype)
        try noGrad {
            try out.normalInPlace(generator: generator)
            try out.mulInPlace(std).addInPlace(mean)
        }
        let shapes = (mean.shape, std.shape)
        recordOp("NormalBackward3", inputs: [mean, std], outputs: [out]) { g, _ in
            [try Tensor.zeros(shapes.0, dtype: g[0].dtype), try Tensor.zeros(shapes.1, dtype: g[0].dtype)]
        }
        return out
    }

    /// `torch.normal(mean, std=1.0)` with a tensor mean: `normal_(0, std) + mean`; grad_fn
    /// `NormalBackward1`.
    public static func normal(mean: Tensor, std: Double = 1, generator: Generator = Generator.global) throws -> Tensor {
        try checkNormalStd(std)
        let out = Tensor(zeros: mean.shape, dtype: mean.dtype)
        try noGrad { _ = try out.normalInPlace(mean: 0, std: std, generator: generator).addInPlace(mean) }
        let shape = mean.shape
        recordOp("NormalBackward1", inputs: [mean], outputs: [out]) { g, _ in [try Tensor.zeros(shape, dtype: g[0].dtype)] }
        return out
    }

    /// `torch.normal(mean, std)` with a number mean: `normal_(0, 1) * std + mean` in `std`'s
    /// dtype; grad_fn `NormalBackward2`.
    public static func normal(mean: Double, std: Tensor, generator: Generator = Generator.global) throws -> Tensor {
        try checkNormalStd(std)
        let out = Tensor(zeros: std.shape, dtype: std.dtype)
        try noGrad {
            try out.normalInPlace(generator: generator).mulInPlace(std)
            let m = try checkedConvert(.double(mean), to: out.dtype, typeName: out.dtype.cppTypeName)
            try out.addInPlace(Tensor(scalar: m, dtype: out.dtype))
        }
        let shape = std.shape
        recordOp("NormalBackward2", inputs: [std], outputs: [out]) { g, _ in [try Tensor.zeros(shape, dtype: g[0].dtype)] }
        return out
    }

    private static func checkNormalStd(_ std: Double) throws {
        guard std >= 0 else { throw TensorError.runtime("normal expects std >= 0.0, but found std \(formatCDouble(std))") }
    }

    private static func checkNormalStd(_ std: Tensor) throws {
        guard std.doubles.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.runtime("normal expects all elements of std >= 0.0")
        }
    }

    /// `torch.bernoulli(self)`: 1 with probability `self[i]`, else 0, in this tensor's dtype
    /// (float32 probabilities compare a float32 uniform, float64 a double one); grad_fn
    /// `BernoulliBackward0`.
    public func bernoulli(generator: Generator = Generator.global) throws -> Tensor {
        let out = Tensor(zeros: shape, dtype: dtype)  // contiguous, filled row-major as in PyTorch
        try out.fillBernoulli(probabilities: self, order: out.iterationPermutation(), generator: generator)
        let shape = self.shape
        recordOp("BernoulliBackward0", inputs: [self], outputs: [out]) { g, _ in [try Tensor.zeros(shape, dtype: g[0].dtype)] }
        return out
    }

    /// `torch.bernoulli(self, p)`: `bernoulli_(p)` on a new tensor like this one (no autograd).
    public func bernoulli(p: Double, generator: Generator = Generator.global) throws -> Tensor {
        try noGrad { try Tensor(zeros: shape, dtype: dtype).bernoulliInPlace(p: p, generator: generator) }
    }

    /// `torch.multinomial(self, num_samples, replacement=False)`: indices drawn from the rows of
    /// this 1-d or 2-d tensor of weights, as int64 of shape [num_samples] or [rows, num_samples].
    ///
    /// Without replacement (or for one sample) PyTorch's exponential race, which draws for every
    /// weight (in this tensor's memory order); with replacement, an inverse-CDF search per sample.
    public func multinomial(numSamples: Int, replacement: Bool = false,
                            generator: Generator = Generator.global) throws -> Tensor {
        guard dim == 1 || dim == 2 else { throw TensorError.runtime("prob_dist must be 1 or 2 dim") }
        guard dtype.isFloatingPoint else {
            throw TensorError.runtime("multinomial only supports floating-point dtypes for input, got: \(dtype.scalarTypeName)")
        }
        guard numSamples > 0 else { throw TensorError.runtime("cannot sample n_sample <= 0 samples") }
        let categories = shape[dim - 1], rows = dim == 1 ? 1 : shape[0]
        guard replacement || numSamples <= categories else {
            throw TensorError.runtime("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        }
        guard categories <= 1 << 24 else { throw TensorError.runtime("number of categories cannot exceed 2^24") }
        let outShape = dim == 1 ? [numSamples] : [rows, numSamples]
        try checkShape(outShape)
        if rows == 0 { return Tensor(zeros: outShape, dtype: .int64) }
        let p = doubles, isFloat32 = dtype == .float32
        var result: [Int64] = []
        if !replacement || numSamples == 1 {
            guard p.allSatisfy({ $0 >= 0 && $0 < .infinity }) else {
                throw TensorError.runtime("probability tensor contains either `inf`, `nan` or element < 0")
            }
            for r in 0..<rows where p[(r * categories)..<((r + 1) * categories)].allSatisfy({ $0 == 0 }) {
                throw TensorError.runtime("invalid multinomial distribution (sum of probabilities <= 0)")
            }
            result = exponentialRace(p, rows: rows, categories: categories, samples: numSamples, generator: generator)
        } else {
            for r in 0..<rows {  // PyTorch checks each row just before sampling it
                let row = Array(p[(r * categories)..<((r + 1) * categories)])
                var sum = 0.0, sum32: Float = 0
                for v in row {
                    guard v >= 0 else { throw TensorError.runtime("invalid multinomial distribution (encountering probability entry < 0)") }
                    guard v.isFinite else {
                        throw TensorError.runtime("invalid multinomial distribution (encountering probability entry = infinity or NaN)")
                    }
                    sum += v
                    sum32 += Float(v)
                }
                guard isFloat32 ? sum32 > 0 : sum > 0 else {
                    throw TensorError.runtime("invalid multinomial distribution (sum of probabilities <= 0)")
                }
                result += try generator.multinomial(probabilities: row, rows: 1, categories: categories, samples: numSamples,
                                                replacement: true, dtypeIsFloat32: isFloat32)
            }
        }
        return try Tensor(result, shape: outShape)
    }

    /// PyTorch's sampling without replacement: `S = P / Q` with `Q = empty_like(P).exponential_(1)`
    /// in P's dtype, then per row the index of the maximum (first one) or the top `samples`
    /// (largest first, equal values by index). A NaN of 0/0 counts as the largest.
    private func exponentialRace(_ p: [Double], rows: Int, categories: Int, samples: Int,
                                 generator: Generator) -> [Int64] {
        let q = Tensor(zeros: shape, dtype: dtype), order = iterationPermutation()
        var s = [Double](repeating: 0, count: p.count)
        if dtype == .float32 {
            var draws = [Float](repeating: 0, count: p.count)
            draws.withUnsafeMutableBufferPointer { generator.fillExponential($0, lambda: 1); q.scatter($0, order: order) }
            for (i, (pi, qi)) in zip(p, q.toArray(Float.self)).enumerated() { s[i] = Double(Float(pi) / qi) }
        } else {
            var draws = [Double](repeating: 0, count: p.count)
            draws.withUnsafeMutableBufferPointer { generator.fillExponential($0, lambda: 1); q.scatter($0, order: order) }
            for (i, (pi, qi)) in zip(p, q.toArray(Double.self)).enumerated() { s[i] = pi / qi }
        }
        func before(_ a: Int, _ b: Int) -> Bool {  // a ranks above b
            if s[a].isNaN || s[b].isNaN { return s[a].isNaN && (!s[b].isNaN || a < b) }
            return s[a] > s[b] || (s[a] == s[b] && a < b)
        }
        var result: [Int64] = []
        result.reserveCapacity(rows * samples)
        for r in 0..<rows {
            let row = Array((r * categories)..<((r + 1) * categories))
            let ranked = samples == 1 ? [row.dropFirst().reduce(row[0]) { before($1, $0) ? $1 : $0 }] : row.sorted(by: before)
            result += ranked.prefix(samples).map { Int64($0 - r * categories) }
        }
        return result
    }
}

// MARK: Fills shared by the random ops

extension Tensor {
    /// Checks that a random fill may overwrite this tensor and records its zero-gradient node
    /// (`others` are further differentiable inputs, which get zeros too). Call after validating
    /// the arguments and before writing.
    func beginRandomFill(_ name: String, others: [Tensor] = []) throws {
        if zip(shape, strides).contains(where: { $0 > 1 && $1 == 0 }) {
            throw TensorError.runtime("unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.")
        }
        let shapes = others.map(\.shape)
        try recordInPlace(name, others: others) { g, _ in
            [try g[0].zerosLike()] + (try shapes.map { try Tensor.zeros($0, dtype: g[0].dtype) })
        }
        bumpVersion()
    }

    /// Lets `produce` write this tensor's elements (of type T) in iteration order: straight
    /// into the storage when contiguous, else through a buffer scattered afterwards.
    func fillInIterationOrder<T: Element>(_: T.Type, _ produce: (UnsafeMutableBufferPointer<T>) -> Void) {
        guard numel > 0 else { return }
        if isContiguous {
            produce(UnsafeMutableBufferPointer(start: pointer(T.self), count: numel))
            return
        }
        var values = [T](repeating: T.zero, count: numel)
        values.withUnsafeMutableBufferPointer { b in
            produce(b)
            scatter(b, order: iterationPermutation())
        }
    }

    /// Writes `values` (this tensor's element type, in visiting order) into this tensor,
    /// visiting its dims in `order` (outermost first).
    func scatter<T: Element>(_ values: UnsafeMutableBufferPointer<T>, order: [Int]) {
        guard let source = values.baseAddress, values.count == numel else { return }
        let dst = storage.pointer(T.self)
        let visitShape = order.map { shape[$0] }
        forEachRow(shape: visitShape, strides: [order.map { strides[$0] }, contiguousStrides(visitShape)],
                   offsets: [storageOffset, 0]) { o, s, n in
            var d = o[0], k = o[1]
            for _ in 0..<n {
                dst[d] = source[k]
                d += s[0]; k += s[1]
            }
        }
    }

    /// Reads this tensor's elements (type T) into `buffer` in visiting order.
    func gather<T: Element>(into buffer: UnsafeMutableBufferPointer<T>, order: [Int]) {
        guard let dst = buffer.baseAddress, buffer.count == numel else { return }
        let src = storage.pointer(T.self)
        let visitShape = order.map { shape[$0] }
        forEachRow(shape: visitShape, strides: [order.map { strides[$0] }, contiguousStrides(visitShape)],
                   offsets: [storageOffset, 0]) { o, s, n in
            var i = o[0], k = o[1]
            for _ in 0..<n {
                dst[k] = src[i]
                i += s[0]; k += s[1]
            }
        }
    }

    /// Fills this tensor with 1 where a uniform draw is below `probabilities` (broadcast to this
    /// shape), visiting dims in `order`: float32 probabilities use 24-bit uniforms compared in
    /// float32, float64 ones 53-bit uniforms. With `recordingOthers`, this is `bernoulli_(p)`.
    func fillBernoulli(probabilities p: Tensor, order: [Int], generator: Generator,
                       recordingOthers others: [Tensor]? = nil) throws {
        guard p.dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"bernoulli_tensor_cpu_p_\" not implemented for '\(p.dtype.scalarTypeName)'")
        }
        guard p.doubles.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw TensorError.runtime("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)")
        }
        if let others { try beginRandomFill("BernoulliBackward1", others: others) }
        let n = numel
        if dtype == p.dtype && isContiguous && p.isContiguous && p.shape == shape && order == Array(0..<dim) {
            // The common case: straight from p's storage into this one, as the kernel reads them.
            if dtype == .float32 {
                try generator.bernoulli(probabilities: UnsafeBufferPointer(start: p.pointer(Float.self), count: n),
                                        into: UnsafeMutableBufferPointer(start: pointer(Float.self), count: n))
            } else {
                try generator.bernoulli(probabilities: UnsafeBufferPointer(start: p.pointer(Double.self), count: n),
                                        into: UnsafeMutableBufferPointer(start: pointer(Double.self), count: n))
            }
            return
        }
        var ones = [Bool](repeating: false, count: n)
        if p.dtype == .float32 {
            var probs = [Float](repeating: 0, count: n), draws = probs
            probs.withUnsafeMutableBufferPointer { p.gather(into: $0, order: order) }
            try probs.withUnsafeBufferPointer { pb in try draws.withUnsafeMutableBufferPointer { try generator.bernoulli(probabilities: pb, into: $0) } }
            for i in 0..<n { ones[i] = draws[i] != 0 }
        } else {
            var probs = [Double](repeating: 0, count: n), draws = probs
            probs.withUnsafeMutableBufferPointer { p.gather(into: $0, order: order) }
            try probs.withUnsafeBufferPointer { pb in try draws.withUnsafeMutableBufferPointer { try generator.bernoulli(probabilities: pb, into: $0) } }
            for i in 0..<n { ones[i] = draws[i] != 0 }
        }
        switch dtype {
        case .float32: scatterMapped(ones, order) { $0 ? Float(1) : 0 }
        case .float64: scatterMapped(ones, order) { $0 ? Double(1) : 0 }
        case .int64: scatterMapped(ones, order) { $0 ? Int64(1) : 0 }
        case .int32: scatterMapped(ones, order) { $0 ? Int32(1) : 0 }
        case .bool: scatterMapped(ones, order) { $0 }
        }
    }

    private func scatterMapped<T: Element>(_ flags: [Bool], _ order: [Int], _ value: (Bool) -> T) {
        var values = flags.map(value)
        values.withUnsafeMutableBufferPointer { scatter($0, order: order) }
    }
}
