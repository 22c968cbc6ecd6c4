import Foundation

/// Printing: `repr(tensor)` exactly as PyTorch 2.15 writes it (torch/_tensor_str.py), so that a
/// lesson's output reads the same under wick as under PyTorch.
extension Tensor: CustomStringConvertible {
    /// PyTorch's `repr(tensor)` (which `str(tensor)` equals) under `PrintOptions.current`:
    /// `tensor([1.0000, 2.5000], dtype=torch.float64, requires_grad=True)`.
    public var description: String { description(options: PrintOptions.current) }

    /// PyTorch's `repr(tensor)` under explicit print options.
    ///
    /// Elements are formatted as `torch._tensor_str._Formatter` does (common width, integer
    /// valued floats as `1.`, scientific notation when the nonzero finite magnitudes span more
    /// than 1000× or leave [1e-4, 1e8]); tensors with more than `threshold` elements print only
    /// `edgeitems` items at each end of every dimension, and only those are looked at.
    public func description(options: PrintOptions) -> String {
        let prefix = "tensor("
        let indent = prefix.count
        var suffixes: [String] = []
        let body: String
        if numel == 0 {
            // No elements tell the dtype, so anything but the default float dtype is named.
            if dim != 1 { suffixes.append("size=" + pythonTuple(shape)) }
            if dtype != DType.defaultFloat { suffixes.append("dtype=\(dtype)") }
            body = "[]"
        } else {
            if options.edgeitems == 0 { suffixes.append("size=" + pythonTuple(shape)) }
            if ![DType.defaultFloat, .int64, .bool].contains(dtype) { suffixes.append("dtype=\(dtype)") }
            body = TensorPrinter(tensor: self, options: options).render(indent: indent)
        }
        if let gradFn {
            suffixes.append("grad_fn=<\(gradFn.name)>")
        } else if requiresGrad {
            suffixes.append("requires_grad=True")
        }
        return addSuffixes(prefix + body, suffixes, indent: indent, linewidth: options.linewidth)
    }
}

/// `_add_suffixes`: appends `, suffix` on the last line while it fits in `linewidth`, else
/// starts a new line indented under the opening bracket; closes with `)`.
private func addSuffixes(_ text: String, _ suffixes: [String], indent: Int, linewidth: Int) -> String {
    var result = text
    let length = text.utf8.count
    // PyTorch computes `len(s) - s.rfind("\n") + 1`, which is two more than the last line's
    // length (and len + 2 when there is no newline); kept as is, since it decides the wrapping.
    var lastLineLength = length + 2
    if let newline = text.utf8.lastIndex(of: UInt8(ascii: "\n")) {
        lastLineLength = length - text.utf8.distance(from: text.utf8.startIndex, to: newline) + 1
    }
    for suffix in suffixes {
        if lastLineLength + suffix.count + 2 > linewidth {
            result += ",\n" + String(repeating: " ", count: indent) + suffix
            lastLineLength = indent + suffix.count
        } else {
            result += ", " + suffix
            lastLineLength += suffix.count + 2
        }
    }
    return result + ")"
}

/// Python's `str(tuple(shape))`: `(2, 3)`, `(5,)`, `()`.
private func pythonTuple(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

/// Lays out the elements of a non-empty tensor as `_tensor_str` does: nested brackets,
/// wrapping at the line width, and `...` in summarized dimensions.
private struct TensorPrinter {
    let tensor: Tensor
    let options: PrintOptions
    /// True when the tensor has more elements than the threshold.
    let summarize: Bool
    /// Items kept at each end of a summarized dimension (negative values count as 0).
    let edge: Int

    init(tensor: Tensor, options: PrintOptions) {
        self.tensor = tensor
        self.options = options
        summarize = Double(tensor.numel) > options.threshold
        edge = Swift.min(Swift.max(options.edgeitems, 0), Int.max / 4)
    }

    /// The indices printed along a dimension of `size`: all of them, or the two edges.
    func shown(_ size: Int) -> (head: Range<Int>, tail: Range<Int>?) {
        summarize && size > 2 * edge ? (0..<edge, (size - edge)..<size) : (0..<size, nil)
    }

    /// The storage offsets of the printed elements, in printing order. Summarized tensors
    /// visit only their edges, so a huge tensor prints as fast as a small one.
    func printedOffsets() -> [Int] {
        var offsets: [Int] = []
        func visit(_ d: Int, _ offset: Int) {
            if d == tensor.dim { offsets.append(offset); return }
            let (head, tail) = shown(tensor.shape[d])
            let stride = tensor.strides[d]
            for i in head { visit(d + 1, offset + i * stride) }
            for i in tail ?? 0..<0 { visit(d + 1, offset + i * stride) }
        }
        visit(0, tensor.storageOffset)
        return offsets
    }

    /// The printed elements as padded strings, formatted as `_Formatter` does, and the
    /// formatter's width (a cell can be wider: `nan` or `-0.` do not count towards it).
    func formattedCells() -> (cells: [String], width: Int) {
        let offsets = printedOffsets()
        func read<T: Element>(_: T.Type) -> [T] {
            let p = tensor.storage.pointer(T.self)
            return offsets.map { p[$0] }
        }
        switch tensor.dtype {
        case .float32:
            let f = ElementFormatter(read(Float.self).map(Double.init), options)
            return (f.cells, f.width)
        case .float64:
            let f = ElementFormatter(read(Double.self), options)
            return (f.cells, f.width)
        case .int64: return padded(read(Int64.self).map { String($0) })
        case .int32: return padded(read(Int32.self).map { String($0) })
        case .bool: return padded(read(Bool.self).map { $0 ? "True" : "False" })
        }
    }

    /// The bracketed body, for a tensor whose `tensor(` prefix is `indent` characters wide.
    func render(indent: Int) -> String {
        let (cells, width) = formattedCells()
        var next = 0
        func take() -> String {
            defer { next += 1 }
            return cells.indices.contains(next) ? cells[next] : ""
        }
        func level(_ d: Int, _ indent: Int) -> String {
            if d == tensor.dim { return take() }
            let size = tensor.shape[d]
            let (head, tail) = shown(size)
            if d == tensor.dim - 1 {
                var data: [String]
                if summarize && edge == 0 {
                    data = ["..."]
                } else {
                    data = head.map { _ in take() }
                    if let tail { data += [" ..."] + tail.map { _ in take() } }
                }
                return vector(data, indent: indent, elementWidth: width)
            }
            var slices = head.map { _ in level(d + 1, indent + 1) }
            if let tail { slices += ["..."] + tail.map { _ in level(d + 1, indent + 1) } }
            let separator = "," + String(repeating: "\n", count: tensor.dim - d - 1)
                + String(repeating: " ", count: indent + 1)
            return "[" + slices.joined(separator: separator) + "]"
        }
        return level(0, indent)
    }

    /// `_vector_str`: as many elements per line as fit in `linewidth - indent`, at least one.
    func vector(_ data: [String], indent: Int, elementWidth: Int) -> String {
        let fit = ((Double(options.linewidth) - Double(indent)) / Double(elementWidth + 2)).rounded(.down)
        let perLine = fit < 1 ? 1 : (fit >= Double(Int.max / 2) ? Int.max / 2 : Int(fit))
        var lines: [String] = []
        var start = 0
        while start < data.count {
            let end = Swift.min(start + perLine, data.count)
            lines.append(data[start..<end].joined(separator: ", "))
            start = end
        }
        return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
    }

    /// Integer and bool cells: `str(value)` right-aligned to the widest.
    func padded(_ texts: [String]) -> (cells: [String], width: Int) {
        let width = texts.reduce(1) { Swift.max($0, $1.utf8.count) }
        return (texts.map { leftPad($0, width) }, width)
    }
}

/// `_Formatter` for floating-point elements: picks integer mode (every nonzero finite value
/// is integral), scientific mode and the common width from the values it is given.
private struct ElementFormatter {
    let precision: Int
    var intMode = true
    var sciMode = false
    var width = 1
    let cells: [String]

    init(_ values: [Double], _ options: PrintOptions) {
        // Python rejects a negative precision when printing; wick prints with none instead.
        precision = Swift.min(Swift.max(options.precision, 0), 10_000)
        // The longest string comes from an extreme magnitude of either sign, since rounding
        // keeps the order of magnitudes; so only those four values are formatted for the width.
        var maxPositive = -Double.infinity, minPositive = Double.infinity
        var maxNegative = -Double.infinity, minNegative = Double.infinity
        var smallest = Double.infinity, largest = 0.0
        var any = false
        for v in values where v.isFinite && v != 0 {
            any = true
            if v != v.rounded(.up) { intMode = false }
            let a = Swift.abs(v)
            smallest = Swift.min(smallest, a)
            largest = Swift.max(largest, a)
            if v > 0 {
                maxPositive = Swift.max(maxPositive, v); minPositive = Swift.min(minPositive, v)
            } else {
                maxNegative = Swift.max(maxNegative, v); minNegative = Swift.min(minNegative, v)
            }
        }
        if any {
            sciMode = options.sciMode ?? (largest / smallest > 1000 || largest > 1e8 || smallest < 1e-4)
            let extremes = [maxPositive, minPositive, maxNegative, minNegative].filter(\.isFinite)
            for v in extremes {
                let length: Int
                if sciMode {
                    length = formatC(v, precision: precision, scientific: true).utf8.count
                } else if intMode {
                    length = formatC(v, precision: 0, scientific: false).utf8.count + 1
                } else {
                    length = formatC(v, precision: precision, scientific: false).utf8.count
                }
                width = Swift.max(width, length)
            }
        }
        var cells: [String] = []
        cells.reserveCapacity(values.count)
        for v in values { cells.append(leftPad(Self.text(v, precision, intMode, sciMode), width)) }
        self.cells = cells
    }

    /// `_Formatter.format` before padding.
    static func text(_ v: Double, _ precision: Int, _ intMode: Bool, _ sciMode: Bool) -> String {
        if sciMode { return formatC(v, precision: precision, scientific: true) }
        if intMode { return formatC(v, precision: 0, scientific: false) + (v.isFinite ? "." : "") }
        return formatC(v, precision: precision, scientific: false)
    }
}

/// Python's `format(v, ".{precision}f")` or `".{precision}e"`: correctly rounded (glibc's
/// printf rounds the exact binary value half-to-even, as Python does), with Python's `nan`,
/// `inf` and `-inf` (a negative NaN prints as `nan`).
func formatC(_ v: Double, precision: Int, scientific: Bool) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    let p = Int32(clamping: Swift.max(precision, 0))
    let format = scientific ? "%.*e" : "%.*f"
    var capacity = 64
    while true {
        let text: String? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            guard let base = buffer.baseAddress else { return "" }
            let needed = withVaList([p, v]) { vsnprintf(base, capacity, format, $0) }
            if needed < 0 { return "" }
            if Int(needed) >= capacity { capacity = Int(needed) + 1; return nil }
            return String(cString: base)
        }
        if let text { return text }
    }
}

/// `text` right-aligned in `width` characters (unchanged when already wider).
private func leftPad(_ text: String, _ width: Int) -> String {
    let n = text.utf8.count
    return n >= width ? text : String(repeating: " ", count: width - n) + text
}
