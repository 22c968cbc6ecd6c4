import Foundation

/// Float `repr` exactly as CPython: shortest round-trip digits, exponent form outside [1e-4, 1e16).
enum FloatFormatting {
    static func repr(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if v == 0 { return v.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description gives the shortest round-trip digits; re-layout them CPython's way.
        let (negative, digits, exponent) = decompose(v.description)
        var out = negative ? "-" : ""
        if exponent < -4 || exponent >= 16 {
            out += String(digits.first ?? "0")
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += "e" + (exponent < 0 ? "-" : "+") + String(abs(exponent)).leftPadded(2)
        } else if exponent < 0 {
            out += "0." + String(repeating: "0", count: -exponent - 1) + digits
        } else if digits.count > exponent + 1 {
            out += digits.prefix(exponent + 1) + "." + digits.dropFirst(exponent + 1)
        } else {
            out += digits + String(repeating: "0", count: exponent + 1 - digits.count) + ".0"
        }
        return out
    }

    /// Splits Swift's description into sign, significant digits and decimal exponent.
    static func decompose(_ s: String) -> (Bool, String, Int) {
        var text = Substring(s)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        exponent += intPart.count - 1
        while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); exponent -= 1 }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (negative, digits, exponent)
    }
}

/// The format-spec mini-language (`format(v, spec)`, f-string `{v:spec}`).
enum Formatting {
    struct Spec {
        var fill: Character = " "
        var align: Character?
        var sign: Character = "-"
        var alternate = false
        var zero = false
        var width = 0
        var grouping: Character?
        var precision: Int?
        var type: Character?
    }

    static func parse(_ spec: String) throws -> Spec {
        var s = Spec()
        let c = Array(spec)
        var i = 0
        if c.count >= 2 && "<>=^".contains(c[1]) { s.fill = c[0]; s.align = c[1]; i = 2 }
        else if c.count >= 1 && "<>=^".contains(c[0]) { s.align = c[0]; i = 1 }
        if i < c.count && "+- ".contains(c[i]) { s.sign = c[i]; i += 1 }
        if i < c.count && c[i] == "#" { s.alternate = true; i += 1 }
        if i < c.count && c[i] == "0" { s.zero = true; i += 1 }
        var w = ""
        while i < c.count && c[i].isASCII && c[i].isNumber { w.append(c[i]); i += 1 }
        s.width = Int(w) ?? 0
        if !w.isEmpty && Int64(w) == nil { throw PyError.value("Too many decimal digits in format string") }
        try MemoryGuard.check(count: s.width, itemSize: 1)
        if s.width > Interpreter.current.memoryBudget / 8 { throw PyError.memory() }
        if i < c.count && (c[i] == "," || c[i] == "_") { s.grouping = c[i]; i += 1 }
        if i < c.count && c[i] == "." {
            i += 1
            var p = ""
            while i < c.count && c[i].isASCII && c[i].isNumber { p.append(c[i]); i += 1 }
            guard !p.isEmpty else { throw PyError.value("Format specifier missing precision") }
            if p.count > 4 { throw PyError.value("precision too big") }
            s.precision = Int(p)
        }
        if i < c.count { s.type = c[i]; i += 1 }
        if i < c.count { throw PyError.value("Invalid format specifier '\(spec)'") }
        return s
    }

    /// `format(value, spec)`.
    static func format(_ v: PyObject, _ spec: String) throws -> String {
        if let m = v.cls.lookup("__format__") {
            let r = try Runtime.callMethod(m, v, [PyStr(spec)])
            return (r as? PyStr)?.value ?? ""
        }
        if spec.isEmpty { return try Runtime.str(v) }
        let s = try parse(spec)
        switch v {
        case let i as PyInt where i.cls !== Builtin.boolType || s.type != nil:
            if let t = s.type, "eEfFgG%".contains(t) { return try formatFloat(Double(i.value), s) }
            return try formatInt(i.value, s)
        case let f as PyFloat: return try formatFloat(f.value, s)
        default:
            if s.type != nil && s.type != "s" {
                throw PyError.value("Unknown format code '\(s.type.map { String($0) } ?? "")' for object of type '\(v.cls.name)'")
            }
            var text = try Runtime.str(v)
            if let p = s.precision { text = String(text.prefix(p)) }
            return pad(text, s, defaultAlign: "<")
        }
    }

    static func group(_ digits: String, _ sep: Character?) -> String {
        guard let sep = sep else { return digits }
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(sep) }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func formatInt(_ v: Int64, _ s: Spec) throws -> String {
        var digits: String
        let mag = v.magnitude
        switch s.type {
        case nil, "d", "n": digits = group(String(mag), s.grouping)
        case "x": digits = (s.alternate ? "0x" : "") + String(mag, radix: 16)
        case "X": digits = (s.alternate ? "0X" : "") + String(mag, radix: 16, uppercase: true)
        case "o": digits = (s.alternate ? "0o" : "") + String(mag, radix: 8)
        case "b": digits = (s.alternate ? "0b" : "") + String(mag, radix: 2)
        case "c": return pad(String(Character(Unicode.Scalar(UInt32(clamping: mag)) ?? " ")), s, defaultAlign: "<")
        default: throw PyError.value("Unknown format code '\(s.type.map { String($0) } ?? "")' for object of type 'int'")
        }
        return number(digits, negative: v < 0, s)
    }

    static func number(_ body: String, negative: Bool, _ s: Spec) -> String {
        let sign = negative ? "-" : s.sign == "+" ? "+" : s.sign == " " ? " " : ""
        if (s.zero && s.align == nil) || s.align == "=" {
            let fill: Character = s.align == "=" ? s.fill : "0"
            let padCount = s.width - sign.count - body.count
            if padCount > 0 {
                if fill == "0" && s.grouping != nil, let sep = s.grouping {
                    // Zero padding joins the digit groups, as CPython does.
                    var digits = body.filter { $0 != sep }
                    while group(digits, sep).count + sign.count < s.width { digits = "0" + digits }
                    return sign + group(digits, sep)
                }
                return sign + String(repeating: fill, count: padCount) + body
            }
            return sign + body
        }
        return pad(sign + body, s, defaultAlign: ">")
    }

    static func pad(_ text: String, _ s: Spec, defaultAlign: Character) -> String {
        let n = s.width - text.count
        guard n > 0 else { return text }
        // A width beyond the memory budget cannot be honoured; MemoryError is raised by the caller's check.
        if n > Interpreter.current.memoryBudget / 8 { return text }
        switch s.align ?? defaultAlign {
        case "<": return text + String(repeating: s.fill, count: n)
        case "^": return String(repeating: s.fill, count: n / 2) + text + String(repeating: s.fill, count: n - n / 2)
        default: return String(repeating: s.fill, count: n) + text
        }
    }

    static func formatFloat(_ v: Double, _ s: Spec) throws -> String {
        var t = s.type
        var precision = s.precision ?? 6
        var body: String
        let mag = abs(v)
        if !v.isFinite {
            body = v.isNaN ? "nan" : "inf"
            if let tt = t, tt.isUppercase { body = body.uppercased() }
            return number(body, negative: v.sign == .minus && !v.isNaN, s)
        }
        switch t {
        case "f", "F": body = String(format: "%.\(precision)f", mag)
        case "e", "E":
            body = String(format: "%.\(precision)e", mag)
            if t == "E" { body = body.uppercased() }
        case "%":
            body = String(format: "%.\(precision)f", mag * 100) + "%"
        case "g", "G", nil:
            if t == nil && s.precision == nil {
                body = FloatFormatting.repr(mag)
            } else {
                if precision == 0 { precision = 1 }
                body = String(format: "%\(s.alternate ? "#" : "").\(precision)\(t == "G" ? "G" : "g")", mag)
                if t == nil && !body.contains(".") && !body.contains("e") && !body.contains("n") { body += ".0" }
                if t == nil, let e = body.firstIndex(of: "e"), !body[..<e].contains(".") {
                    _ = e
                }
            }
        default:
            throw PyError.value("Unknown format code '\(t.map { String($0) } ?? "")' for object of type 'float'")
        }
        t = nil
        if let sep = s.grouping {
            let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            if let first = parts.first, first.allSatisfy({ $0.isNumber }) {
                body = group(String(first), sep) + (parts.count > 1 ? "." + parts[1] : "")
            }
        }
        return number(body, negative: v.sign == .minus && !(v == 0 && s.type == nil && false), s)
    }
}

/// printf-style `'%d items' % n`, `'%(name)s' % mapping`, `'%*d' % (width, n)`.
enum PercentFormat {
    static func format(_ template: String, _ arg: PyObject) throws -> String {
        let values: [PyObject] = (arg as? PyTuple)?.items ?? [arg]
        let mapping = !(arg is PyTuple) && !(arg is PyStr) && (arg is PyDict || arg.cls.lookup("__getitem__") != nil)
        let chars = Array(template)
        var out = ""
        var i = 0
        var next = 0
        var usedMapping = false
        func take() throws -> PyObject {
            guard next < values.count else { throw PyError.type("not enough arguments for format string") }
            defer { next += 1 }
            return values[next]
        }
        func number(_ text: inout String) throws -> Int? {
            if i < chars.count, chars[i] == "*" {
                i += 1
                guard let n = try take() as? PyInt else { throw PyError.type("* wants int") }
                return Int(clamping: n.value)
            }
            var digits = ""
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { digits.append(chars[i]); i += 1 }
            text += digits
            if digits.isEmpty { return nil }
            guard let v = Int(digits) else { throw PyError.value("width too big") }
            return v
        }
        while i < chars.count {
            let c = chars[i]
            guard c == "%" else { out.append(c); i += 1; continue }
            i += 1
            guard i < chars.count else { throw PyError.value("incomplete format") }
            if chars[i] == "%" { out.append("%"); i += 1; continue }
            var keyed: PyObject?
            if chars[i] == "(" {
                guard mapping else { throw PyError.type("format requires a mapping") }
                var depth = 1, key = ""
                i += 1
                while i < chars.count {
                    if chars[i] == "(" { depth += 1 } else if chars[i] == ")" { depth -= 1; if depth == 0 { break } }
                    key.append(chars[i]); i += 1
                }
                guard i < chars.count else { throw PyError.value("incomplete format key") }
                i += 1
                keyed = try Runtime.getItem(arg, PyStr(key))
                usedMapping = true
            }
            var flags = Formatting.Spec()
            var left = false
            while i < chars.count, "-+ #0".contains(chars[i]) {
                let f = chars[i]
                if f == "-" { left = true } else if f == "+" { flags.sign = "+" } else if f == " " { if flags.sign != "+" { flags.sign = " " } }
                else if f == "0" { flags.zero = true } else { flags.alternate = true }
                i += 1
            }
            var ignored = ""
            if let w = try number(&ignored) {
                if w < 0 { left = true }
                flags.width = abs(w)
                try MemoryGuard.check(count: flags.width, itemSize: 1)
                if flags.width > Interpreter.current.memoryBudget / 8 { throw PyError.memory() }
            }
            if i < chars.count, chars[i] == "." {
                i += 1
                flags.precision = max(0, try number(&ignored) ?? 0)
            }
            while i < chars.count, "hlL".contains(chars[i]) { i += 1 }
            guard i < chars.count else { throw PyError.value("incomplete format") }
            let conv = chars[i]
            i += 1
            let v = try keyed ?? take()
            if left { flags.align = "<"; flags.zero = false }
            switch conv {
            case "s": flags.type = nil; out += Formatting.pad(truncate(try Runtime.str(v), flags.precision), flags, defaultAlign: ">")
            case "r", "a": flags.type = nil; out += Formatting.pad(truncate(try Runtime.repr(v), flags.precision), flags, defaultAlign: ">")
            case "c":
                let text: String
                if let s = v as? PyStr, s.length == 1 { text = s.value }
                else if let n = v as? PyInt, n.value >= 0, n.value <= 0x10FFFF, let u = Unicode.Scalar(UInt32(n.value)) { text = String(u) }
                else if v is PyInt { throw PyError.overflow("%c arg not in range(0x110000)") }
                else { throw PyError.type("%c requires int or char") }
                flags.type = nil
                out += Formatting.pad(text, flags, defaultAlign: ">")
            case "d", "i", "u":
                let n: Int64
                if let x = v as? PyInt { n = x.value }
                else if let x = v as? PyFloat { n = try Builtin.toInt(x.value.rounded(.towardZero)).value }
                else { throw PyError.type("%\(conv) format: a real number is required, not \(v.cls.name)") }
                flags.type = "d"
                let digits = flags.precision
                flags.precision = nil
                var body = try Formatting.formatInt(n, flags)
                if let p = digits, p > 0 {
                    var plain = String(n.magnitude)
                    if plain.count < p { plain = String(repeating: "0", count: p - plain.count) + plain }
                    let sign = n < 0 ? "-" : flags.sign == "-" ? "" : String(flags.sign)
                    body = Formatting.pad(sign + plain, flags, defaultAlign: ">")
                }
                out += body
            case "f", "F", "e", "E", "g", "G":
                let d: Double
                if let x = v as? PyFloat { d = x.value } else if let x = v as? PyInt { d = Double(x.value) } else {
                    throw PyError.type("must be real number, not \(v.cls.name)")
                }
                flags.type = conv
                if flags.precision == nil { flags.precision = 6 }
                out += try Formatting.formatFloat(d, flags)
            case "x", "X", "o":
                guard let x = v as? PyInt else { throw PyError.type("%\(conv) format: an integer is required, not \(v.cls.name)") }
                flags.type = conv
                flags.precision = nil
                out += try Formatting.formatInt(x.value, flags)
            default:
                throw PyError.value("unsupported format character '\(conv)' (0x\(String(conv.unicodeScalars.first?.value ?? 0, radix: 16))) at index \(i - 1)")
            }
        }
        if !usedMapping && next < values.count && !(mapping && next == 0) {
            throw PyError.type("not all arguments converted during string formatting")
        }
        return out
    }

    static func truncate(_ s: String, _ precision: Int?) -> String {
        guard let p = precision else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.prefix(p)))
    }
}
