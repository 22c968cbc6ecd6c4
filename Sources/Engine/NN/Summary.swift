import Foundation

/// `torchsummary.summary(model, input_size, batch_size=-1, device=...)`: the Keras-style table the
/// torchsummary 1.5 package prints, reproduced with its algorithm and its quirks.
///
///     let model = try Sequential(Linear(64, 128), ReLU(), Linear(128, 10))
///     print(try ModelSummary.summary(model, inputSizes: [[64]]).text)
///
/// The package hooks every submodule except `Sequential`, `ModuleList` and the model itself, runs
/// the model once on `torch.rand(2, *size)` inputs (drawn from `Generator.global`, so later random
/// numbers stay in step with PyTorch; the model runs in its current train/eval mode, so BatchNorm
/// statistics update and Dropout draws numbers, as in PyTorch), and names each hooked call
/// `ClassName-k` in the order the calls finish. Parameters are counted from the `weight` and `bias`
/// attributes only (an LSTM's `weight_ih_l0` is not counted, as in the package).
public enum ModelSummary {
    /// One table row: a hooked module call.
    public struct Row: Equatable {
        /// `Linear-1`.
        public var name: String
        /// The output shape as the package stores it (batch entry replaced); a tuple output gives
        /// one shape per element, each starting with -1.
        public var outputShapes: [[Int]]
        /// True when the output was a tuple (printed as a list of lists).
        public var isTupleOutput: Bool
        /// Elements of `weight` plus elements of `bias` (those that are tensors).
        public var parameterCount: Int
        /// `weight.requires_grad`; nil when the module has no tensor `weight`.
        public var trainable: Bool?
        /// True when `parameterCount` came from a tensor `weight`/`bias` (the package's quirk:
        /// when no row has one, its total stays the int 0 and `.numpy()` fails).
        public var countedTensors: Bool
    }

    /// The printed table and, when the package itself fails part-way (after printing `text`),
    /// the error it raises.
    public struct Result {
        /// Everything the package prints, newline-terminated lines.
        public var text: String
        /// The rows collected by the hooks.
        public var rows: [Row]
        /// The package's own failure after printing `text` (e.g. AttributeError "'int' object has
        /// no attribute 'numpy'" for a model without any weight or bias), nil when it succeeds.
        public var failure: Error?
    }

    /// Looks up a tensor-valued attribute of a module (`module.weight`); nil when it is absent or
    /// not a tensor. The default reads registered parameters and buffers.
    public typealias AttributeLookup = (Module, String) -> Tensor?

    /// Runs the package's algorithm. `inputSizes` holds one shape (without batch) per model input;
    /// inputs are `Tensor.rand([2] + size)` in the default float dtype converted to `dtype` (the
    /// package's `.type(torch.FloatTensor)`). Errors raised by the model or by the hooks (e.g. an
    /// LSTM's nested tuple output: "'tuple' object has no attribute 'size'") propagate; the hooks
    /// are removed in every case (the package leaves them registered after an error).
    public static func summary(_ model: Module, inputSizes: [[Int]], batchSize: Int = -1,
                               dtype: DType = .float32,
                               attribute: AttributeLookup? = nil) throws -> Result {
        let lookup: AttributeLookup = attribute ?? { module, name in
            switch module.registeredMember(name) {
            case .parameter(let t)?: return t
            case .buffer(let t)?: return t
            default: return nil
            }
        }
        var rows: [Row] = []
        var handles: [HookHandle] = []
        defer { handles.forEach { $0.remove() } }
        for module in model.modules() where !(module is Sequential) && !(module is ModuleList) && module !== model {
            handles.append(module.registerForwardHook { m, inputs, output in
                rows.append(try row(m, inputs, output, index: rows.count + 1, batchSize: batchSize, lookup: lookup))
                return nil
            })
        }
        var inputs: [ModuleValue] = []
        for size in inputSizes {
            inputs.append(.tensor(try Tensor.rand([2] + size).to(dtype)))
        }
        _ = try model.call(inputs)
        return render(rows: rows, inputSizes: inputSizes, batchSize: batchSize)
    }

    /// What the package's hook records for one call.
    static func row(_ module: Module, _ inputs: [ModuleValue], _ output: ModuleValue, index: Int,
                    batchSize: Int, lookup: AttributeLookup) throws -> Row {
        guard let first = inputs.first else { throw TensorError(.index, "tuple index out of range") }
        guard let input = first.tensor else {
            throw ModuleError(.attribute, "'\(first.pythonTypeName)' object has no attribute 'size'")
        }
        if input.shape.isEmpty { throw TensorError(.index, "list assignment index out of range") }
        var shapes: [[Int]] = []
        var isTuple = false
        if let items = output.tupleElements {
            isTuple = true
            for item in items {
                guard let t = item.tensor else {
                    throw ModuleError(.attribute, "'\(item.pythonTypeName)' object has no attribute 'size'")
                }
                shapes.append([-1] + t.shape.dropFirst())
            }
        } else {
            guard let t = output.tensor else {
                throw ModuleError(.attribute, "'\(output.pythonTypeName)' object has no attribute 'size'")
            }
            guard !t.shape.isEmpty else { throw TensorError(.index, "list assignment index out of range") }
            shapes.append([batchSize] + t.shape.dropFirst())
        }
        var count = 0
        var counted = false
        var trainable: Bool?
        if let weight = lookup(module, "weight") {
            count = count &+ elementCount(weight.shape)
            counted = true
            trainable = weight.requiresGrad
        }
        if let bias = lookup(module, "bias") {
            count = count &+ elementCount(bias.shape)
            counted = true
        }
        return Row(name: "\(module.typeName)-\(index)", outputShapes: shapes, isTupleOutput: isTuple,
                   parameterCount: count, trainable: trainable, countedTensors: counted)
    }

    /// The printed table (and the package's late failures) for collected rows.
    public static func render(rows: [Row], inputSizes: [[Int]], batchSize: Int) -> Result {
        let rule = String(repeating: "-", count: 64) + "\n"
        let double = String(repeating: "=", count: 64) + "\n"
        var text = rule + line("Layer (type)", "Output Shape", "Param #") + double
        var totalParams = 0, totalOutput = 0, trainableParams = 0
        var paramsAreTensor = false
        func fail(_ error: Error) -> Result { Result(text: text, rows: rows, failure: error) }
        for row in rows {
            let shape = row.isTupleOutput
                ? "[" + row.outputShapes.map(listRepr).joined(separator: ", ") + "]"
                : listRepr(row.outputShapes.first ?? [])
            totalParams = totalParams &+ row.parameterCount
            paramsAreTensor = paramsAreTensor || row.countedTensors
            do {
                totalOutput = totalOutput &+ (try numpyProduct(row.isTupleOutput ? row.outputShapes : [row.outputShapes.first ?? []],
                                                               nested: row.isTupleOutput))
            } catch { return fail(error) }
            if row.trainable == true { trainableParams = trainableParams &+ row.parameterCount }
            text += line(row.name, shape, grouped(row.parameterCount))
        }
        let inputProduct: Int
        do { inputProduct = try numpyProduct(inputSizes, nested: true) } catch { return fail(error) }
        let totalInputSize = abs(Double(inputProduct &* batchSize) * 4.0 / 1048576.0)
        let totalOutputSize = abs(2.0 * Double(totalOutput) * 4.0 / 1048576.0)
        guard paramsAreTensor else { return fail(ModuleError(.attribute, "'int' object has no attribute 'numpy'")) }
        let totalParamsSize = abs(Double(totalParams) * 4.0 / 1048576.0)
        let totalSize = totalParamsSize + totalOutputSize + totalInputSize
        text += double
        text += "Total params: \(grouped(totalParams))\n"
        text += "Trainable params: \(grouped(trainableParams))\n"
        text += "Non-trainable params: \(grouped(totalParams &- trainableParams))\n"
        text += rule
        text += "Input size (MB): \(fixed2(totalInputSize))\n"
        text += "Forward/backward pass size (MB): \(fixed2(totalOutputSize))\n"
        text += "Params size (MB): \(fixed2(totalParamsSize))\n"
        text += "Estimated Total Size (MB): \(fixed2(totalSize))\n"
        text += rule
        return Result(text: text, rows: rows, failure: nil)
    }

    /// `"{:>20}  {:>25} {:>15}".format(a, b, c)` plus a newline.
    static func line(_ a: String, _ b: String, _ c: String) -> String {
        pad(a, 20) + "  " + pad(b, 25) + " " + pad(c, 15) + "\n"
    }

    /// Right-aligns `s` in `width` code points (Python's `{:>N}`; longer text is kept whole).
    static func pad(_ s: String, _ width: Int) -> String {
        let n = s.unicodeScalars.count
        return n >= width ? s : String(repeating: " ", count: width - n) + s
    }

    /// Python's `str(list)` for a list of ints: `[-1, 128]`.
    static func listRepr(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ", ") + "]"
    }

    /// Python's `"{0:,}".format(n)`: thousands separated by commas.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Python's `"%0.2f" % x`.
    static func fixed2(_ x: Double) -> String { String(format: "%.2f", x) }

    /// The product of a shape's sizes (wrapping like numpy's int64).
    static func elementCount(_ shape: [Int]) -> Int { shape.reduce(1, &*) }

    /// `np.prod` of a list of ints (`nested: false` with one list) or of a list of lists, which
    /// numpy only accepts when every inner list has the same length.
    static func numpyProduct(_ lists: [[Int]], nested: Bool) throws -> Int {
        if nested, let first = lists.first, lists.contains(where: { $0.count != first.count }) {
            throw TensorError(.value, "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (\(lists.count),) + inhomogeneous part.")
        }
        return lists.reduce(1) { $0 &* elementCount($1) }
    }
}
