import Foundation
import Script

/// numpy's printing (`arrayprint.py` with the default options: precision 8, `maxprec` float
/// mode, threshold 1000, edge items 3, line width 75): `repr` is `array([0.1 , 0.25, 3.  ])`,
/// `str` is `[0.1  0.25 3.  ]`.
extension NdArray {
    /// `repr(a)`.
    func reprText() -> String {
        let prefix = "array("
        let summarize = count > 1000
        var extras: [String] = []
        if (count == 0 && shape != [0]) || summarize { extras.append("shape=\(tupleText(shape))") }
        if !(kind == .float64 || kind == .int64 || kind == .bool) || count == 0 { extras.append("dtype=\(kind.rawValue)") }
        let body: String
        if count == 0 { body = "[]" } else if shape.isEmpty {
            body = NdFormat.formatter(for: [values[0]], kind: kind)(values[0])
        } else {
            body = NdFormat.array(self, separator: ", ", prefix: prefix, lineWidth: 75 - 1, summarize: summarize)
        }
        if extras.isEmpty { return prefix + body + ")" }
        let head = prefix + body + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLine = head.count - ((head.lastIndex(of: "\n").map { head.distance(from: head.startIndex, to: $0) } ?? -1) + 1)
        let spacer = lastLine + extra.count + 1 > 75 ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return head + spacer + extra
    }

    /// `str(a)`.
    func strText() -> String {
        if count == 0 { return "[]" }
        if shape.isEmpty { return NdFormat.plain(values[0], kind) }
        return NdFormat.array(self, separator: " ", prefix: "", lineWidth: 75, summarize: count > 1000)
    }
}

enum NdFormat {
    /// A 0-d value as `str()` prints numpy scalars (`3.0`, `2`, `True`).
    static func plain(_ v: Double, _ kind: NdKind) -> String {
        switch kind {
        case .bool: return v != 0 ? "True" : "False"
        case .int32, .int64: return String(safeInt64(v))
        case .float32: return Float(v).description.replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e+")
        case .float64: return (try? Runtime.repr(PyFloat(v))) ?? "\(v)"
        }
    }

    /// `_formatArray` with numpy's wrapping rules.
    static func array(_ a: NdArray, separator: String, prefix: String, lineWidth: Int, summarize: Bool) -> String {
        let v = a.values
        let shape = a.shape
        let edge = 3
        // The values that are shown (edges only when summarised) decide the format.
        var shown: [Double] = []
        var strides = [Int](repeating: 1, count: shape.count)
        for d in stride(from: shape.count - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * shape[d + 1] }
        func indices(_ n: Int) -> [Int] { summarize && n > 2 * edge ? Array(0 ..< edge) + Array(n - edge ..< n) : Array(0 ..< n) }
        func collect(_ d: Int, _ base: Int) {
            if d == shape.count { shown.append(v[base]); return }
            for i in indices(shape[d]) { collect(d + 1, base + i * strides[d]) }
        }
        collect(0, 0)
        let format = formatter(for: shown, kind: a.kind)
        let nextPrefix = " " + String(repeating: " ", count: prefix.count)
        func extend(_ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ hanging: String) {
            var wrap = line.count + word.count > width
            if line.count <= hanging.count { wrap = false }
            if wrap {
                s += rstrip(line) + "\n"
                line = hanging
            }
            line += word
        }
        func recurse(_ d: Int, _ base: Int, _ hanging: String, _ width: Int) -> String {
            if d == shape.count { return format(v[base]) }
            let nextHanging = hanging + " "
            let nextWidth = width - 1
            let n = shape[d]
            let showSummary = summarize && 2 * edge < n
            let leading = showSummary ? edge : 0
            let trailing = showSummary ? edge : n
            var s = ""
            if d == shape.count - 1 {
                let elemWidth = width - max(rstrip(separator).count, 1)
                var line = hanging
                for i in 0 ..< leading {
                    extend(&s, &line, recurse(d + 1, base + i * strides[d], nextHanging, nextWidth), elemWidth, hanging)
                    line += separator
                }
                if showSummary {
                    extend(&s, &line, "...", elemWidth, hanging)
                    line += separator
                }
                for i in stride(from: trailing, to: 1, by: -1) {
                    extend(&s, &line, recurse(d + 1, base + (n - i) * strides[d], nextHanging, nextWidth), elemWidth, hanging)
                    line += separator
                }
                extend(&s, &line, recurse(d + 1, base + (n - 1) * strides[d], nextHanging, nextWidth), elemWidth, hanging)
                s += line
            } else {
                let lineSep = rstrip(separator) + String(repeating: "\n", count: shape.count - d - 1)
                for i in 0 ..< leading {
                    s += hanging + recurse(d + 1, base + i * strides[d], nextHanging, nextWidth) + lineSep
                }
                if showSummary { s += hanging + "..." + lineSep }
                for i in stride(from: trailing, to: 1, by: -1) {
                    s += hanging + recurse(d + 1, base + (n - i) * strides[d], nextHanging, nextWidth) + lineSep
                }
                s += hanging + recurse(d + 1, base + (n - 1) * strides[d], nextHanging, nextWidth)
            }
            return "[" + String(s.dropFirst(hanging.count)) + "]"
        }
        return recurse(0, 0, nextPrefix, lineWidth)
    }

    static func rstrip(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }

    /// The element formatter numpy picks for these values.
    static func formatter(for values: [Double], kind: NdKind) -> (Double) -> String {
        switch kind {
        case .bool:
            let width = values.contains(where: { $0 == 0 }) ? 5 : 4
            return { pad($0 != 0 ? "True" : "False", width) }
        case .int32, .int64:
            let texts = values.map { String(safeInt64($0)) }
            let width = texts.map(\.count).max() ?? 1
            return { pad(String(safeInt64($0)), width) }
        case .float32, .float64:
            return FloatFormat(values, single: kind == .float32).format
        }
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}

/// numpy's `FloatingFormat` (unique digits, at most 8 after the point, positional or scientific).
struct FloatFormat {
    var scientific = false
    var padLeft = 0
    var padRight = 0
    var precision = 8
    var expSize = -1
    let single: Bool

    init(_ data: [Double], single: Bool) {
        self.single = single
        let finite = data.filter { $0.isFinite }
        let nonZero = finite.filter { $0 != 0 }.map { abs($0) }
        if let maxVal = nonZero.max(), let minVal = nonZero.min() {
            let cutoff = single ? 1e6 : 1e8
            if maxVal >= cutoff || minVal < 0.0001 || maxVal / minVal > 1000 { scientific = true }
        }
        if finite.isEmpty {
            padLeft = 0; padRight = 0
        } else if scientific {
            let parts = finite.map { FloatFormat.scientificDigits($0, single: single) }
            expSize = (parts.map { $0.exponent.count }.max() ?? 3) - 1
            precision = parts.map { $0.fraction.count }.max() ?? 0
            padLeft = parts.map { $0.integer.count }.max() ?? 1
            padRight = expSize + 2 + precision
        } else {
            let parts = finite.map { FloatFormat.positionalDigits($0, single: single) }
            padLeft = parts.map { $0.integer.count }.max() ?? 1
            padRight = parts.map { $0.fraction.count }.max() ?? 0
        }
        if data.count != finite.count {
            let negInf = data.contains { $0 == -.infinity }
            padLeft = max(padLeft, 3 - (padRight + 1), 3 + (negInf ? 1 : 0) - (padRight + 1))
        }
    }

    func format(_ x: Double) -> String {
        if !x.isFinite {
            let text = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
            return NdFormat.pad(text, padLeft + padRight + 1)
        }
        if scientific {
            let p = FloatFormat.scientificDigits(x, single: single)
            let fraction = p.fraction + String(repeating: "0", count: max(0, precision - p.fraction.count))
            var exponent = p.exponent
            let sign = exponent.first == "-" ? "-" : "+"
            var digits = String(exponent.drop(while: { $0 == "-" || $0 == "+" }))
            while digits.count < expSize { digits = "0" + digits }
            exponent = sign + digits
            return NdFormat.pad(p.integer, padLeft) + "." + fraction + "e" + exponent
        }
        let p = FloatFormat.positionalDigits(x, single: single)
        let right = p.fraction + String(repeating: " ", count: max(0, padRight - p.fraction.count))
        return NdFormat.pad(p.integer, padLeft) + "." + right
    }

    /// Shortest round-trip digits of `x` (as float32 when `single`) in positional form, at most 8 decimals.
    static func positionalDigits(_ x: Double, single: Bool) -> (integer: String, fraction: String) {
        var text = shortest(x, single: single)
        if text.contains("e") || fractionCount(text) > 8 {
            text = String(format: "%.8f", x)
            while text.hasSuffix("0") { text.removeLast() }
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts.first ?? "0")
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction == "0" { fraction = "" }
        if integer == "-0" && x == 0 && x.sign == .plus { integer = "0" }
        return (integer, fraction)
    }

    /// Shortest round-trip digits in scientific form: `1.5`, `e+10`; trailing zeros trimmed.
    static func scientificDigits(_ x: Double, single: Bool) -> (integer: String, fraction: String, exponent: String) {
        var digits = String(format: "%.8e", x)
        if single {
            // float32 values print with their own shortest digits.
            let mantissa = Float(x).description.split(separator: "e").first.map(String.init) ?? ""
            let significant = mantissa.filter { $0.isNumber }.drop(while: { $0 == "0" })
            var trimmed = Substring(significant)
            while trimmed.last == "0" { trimmed = trimmed.dropLast() }
            digits = String(format: "%.\(max(0, min(8, trimmed.count - 1)))e", x)
        }
        let parts = digits.split(separator: "e")
        let mantissa = String(parts.first ?? "0")
        let exponent = parts.count > 1 ? String(parts[1]) : "+00"
        let m = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var fraction = m.count > 1 ? String(m[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (String(m.first ?? "0"), fraction, exponent)
    }

    static func shortest(_ x: Double, single: Bool) -> String {
        if single {
            let f = Float(x)
            let d = f.description
            if d.contains("e") { return String(format: "%.9f", Double(f)) }
            return d
        }
        let r = (try? Runtime.repr(PyFloat(x))) ?? "\(x)"
        if r.contains("e") { return String(format: "%.17f", x) }
        return r
    }

    static func fractionCount(_ s: String) -> Int {
        guard let dot = s.firstIndex(of: ".") else { return 0 }
        return s.distance(from: dot, to: s.endIndex) - 1
    }
}
