import Foundation

/// `json`: dumps/loads with CPython's layout (`indent=`, `sort_keys=`, ensure_ascii).
enum JSONModule {
    static let decodeErrorClass: PyClass = {
        let c = Builtin.exceptionClass("JSONDecodeError", Builtin.valueErrorClass)
        c.module = "json.decoder"
        return c
    }()

    /// How `dumps` writes: CPython's `indent`, `sort_keys`, `ensure_ascii`, `separators` and `default`.
    struct Style {
        var indent: String?
        var sortKeys = false
        var ensureAscii = true
        var itemSeparator = ", "
        var keySeparator = ": "
        var fallback: PyObject?
    }

    static func encodeString(_ s: String, ensureAscii: Bool = true) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            default:
                if u.value < 0x20 || (ensureAscii && u.value > 0x7e) {
                    if u.value > 0xFFFF {
                        let v = u.value - 0x10000
                        out += String(format: "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
                    } else {
                        out += String(format: "\\u%04x", u.value)
                    }
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func dumps(_ o: PyObject, _ style: Style, level: Int = 0) throws -> String {
        if level > 1000 { throw PyError.value("Circular reference detected") }
        switch o {
        case is PyNone: return "null"
        case let i as PyInt:
            if i.cls === Builtin.boolType { return i.value != 0 ? "true" : "false" }
            return String(i.value)
        case let f as PyFloat:
            if f.value.isNaN { return "NaN" }
            if f.value.isInfinite { return f.value > 0 ? "Infinity" : "-Infinity" }
            return FloatFormatting.repr(f.value)
        case let s as PyStr: return encodeString(s.value, ensureAscii: style.ensureAscii)
        case let l as PyList: return try array(l.items, style, level)
        case let t as PyTuple: return try array(t.items, style, level)
        case let d as PyDict:
            if d.table.count == 0 { return "{}" }
            var pairs: [(String, PyObject)] = []
            for (k, v) in d.table.pairs {
                let key: String
                switch k.object {
                case let s as PyStr: key = s.value
                case let i as PyInt: key = i.cls === Builtin.boolType ? (i.value != 0 ? "true" : "false") : String(i.value)
                case let f as PyFloat: key = FloatFormatting.repr(f.value)
                case is PyNone: key = "null"
                default: throw PyError.type("keys must be str, int, float, bool or None, not \(k.object.cls.name)")
                }
                pairs.append((key, v))
            }
            if style.sortKeys { pairs.sort { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) } }
            let items = try pairs.map { encodeString($0.0, ensureAscii: style.ensureAscii) + style.keySeparator + (try dumps($0.1, style, level: level + 1)) }
            guard let ind = style.indent else { return "{" + items.joined(separator: style.itemSeparator) + "}" }
            let inner = "\n" + String(repeating: ind, count: level + 1)
            return "{" + inner + items.joined(separator: style.itemSeparator + inner) + "\n" + String(repeating: ind, count: level) + "}"
        default:
            if let f = style.fallback { return try dumps(try Runtime.call(f, [o]), style, level: level + 1) }
            throw PyError.type("Object of type \(o.cls.name) is not JSON serializable")
        }
    }

    static func array(_ items: [PyObject], _ style: Style, _ level: Int) throws -> String {
        if items.isEmpty { return "[]" }
        let parts = try items.map { try dumps($0, style, level: level + 1) }
        guard let ind = style.indent else { return "[" + parts.joined(separator: style.itemSeparator) + "]" }
        let inner = "\n" + String(repeating: ind, count: level + 1)
        return "[" + inner + parts.joined(separator: style.itemSeparator + inner) + "\n" + String(repeating: ind, count: level) + "]"
    }

    /// A small recursive-descent JSON reader with CPython's error messages.
    struct Reader {
        let s: [Unicode.Scalar]
        var i = 0
        let text: String

        func fail(_ message: String, at pos: Int? = nil) -> PyError {
            let p = pos ?? i
            var line = 1, col = 1
            for k in 0..<min(p, s.count) { if s[k] == "\n" { line += 1; col = 1 } else { col += 1 } }
            return PyError(decodeErrorClass, "\(message): line \(line) column \(col) (char \(p))")
        }

        mutating func skip() { while i < s.count, [" ", "\t", "\n", "\r"].contains(s[i]) { i += 1 } }

        mutating func value(depth: Int = 0) throws -> PyObject {
            if depth > 500 { throw PyError(Builtin.recursionErrorClass, "maximum recursion depth exceeded while decoding a JSON document") }
            skip()
            guard i < s.count else { throw fail("Expecting value") }
            switch s[i] {
            case "{":
                i += 1
                let d = PyDict()
                skip()
                if i < s.count && s[i] == "}" { i += 1; return d }
                while true {
                    skip()
                    guard i < s.count, s[i] == "\"" else { throw fail("Expecting property name enclosed in double quotes") }
                    let k = try string()
                    skip()
                    guard i < s.count, s[i] == ":" else { throw fail("Expecting ':' delimiter") }
                    i += 1
                    try d.set(PyStr(k), try value(depth: depth + 1))
                    skip()
                    if i < s.count && s[i] == "," { i += 1; continue }
                    if i < s.count && s[i] == "}" { i += 1; return d }
                    throw fail("Expecting ',' delimiter")
                }
            case "[":
                i += 1
                var items: [PyObject] = []
                skip()
                if i < s.count && s[i] == "]" { i += 1; return PyList(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skip()
                    if i < s.count && s[i] == "," { i += 1; continue }
                    if i < s.count && s[i] == "]" { i += 1; return PyList(items) }
                    throw fail("Expecting ',' delimiter")
                }
            case "\"": return PyStr(try string())
            default:
                for (word, v) in [("true", PyBool.trueValue as PyObject), ("false", PyBool.falseValue), ("null", PyNone.shared),
                                  ("NaN", PyFloat(.nan)), ("Infinity", PyFloat(.infinity)), ("-Infinity", PyFloat(-.infinity))] {
                    let w = Array(word.unicodeScalars)
                    if i + w.count <= s.count && Array(s[i..<(i + w.count)]) == w { i += w.count; return v }
                }
                let start = i
                if i < s.count && s[i] == "-" { i += 1 }
                while i < s.count, ("0"..."9").contains(s[i]) || [".", "e", "E", "+", "-"].contains(s[i]) { i += 1 }
                let num = String(String.UnicodeScalarView(s[start..<i]))
                if num.isEmpty || num == "-" { i = start; throw fail("Expecting value") }
                if let v = Int64(num) { return PyInt.make(v) }
                if let d = Double(num) { return PyFloat(d) }
                i = start
                throw fail("Expecting value")
            }
        }

        mutating func string() throws -> String {
            let start = i
            i += 1
            var out = String.UnicodeScalarView()
            while i < s.count {
                let c = s[i]
                if c == "\"" { i += 1; return String(out) }
                if c == "\\" {
                    i += 1
                    guard i < s.count else { break }
                    switch s[i] {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "r": out.append("\r")
                    case "b": out.append(Unicode.Scalar(8))
                    case "f": out.append(Unicode.Scalar(12))
                    case "/": out.append("/")
                    case "\\": out.append("\\")
                    case "\"": out.append("\"")
                    case "u":
                        guard i + 4 < s.count, let v = UInt32(String(String.UnicodeScalarView(s[(i + 1)...(i + 4)])), radix: 16) else {
                            throw fail("Invalid \\uXXXX escape", at: i - 1)
                        }
                        i += 4
                        out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                    default: throw fail("Invalid \\escape", at: i - 1)
                    }
                    i += 1
                    continue
                }
                out.append(c)
                i += 1
            }
            throw fail("Unterminated string starting at", at: start)
        }
    }

    static func loads(_ text: String) throws -> PyObject {
        var r = Reader(s: Array(text.unicodeScalars), text: text)
        let v = try r.value()
        r.skip()
        if r.i < r.s.count { throw r.fail("Extra data") }
        return v
    }

    static func make() -> PyModule {
        let m = PyModule(name: "json")
        m["JSONDecodeError"] = decodeErrorClass
        func indentOf(_ o: PyObject?) throws -> String? {
            guard let o = o else { return nil }
            if let i = o as? PyInt {
                if i.value > 10_000 { throw PyError.memory() }
                return String(repeating: " ", count: Int(max(0, i.value)))
            }
            return try Builtin.string(o)
        }
        // Arguments after `obj` (and `fp`): indent, sort_keys, ensure_ascii, default, separators.
        func style(_ a: Arguments, from i: Int) throws -> Style {
            var st = Style()
            st.indent = try indentOf(a.optional(i))
            st.sortKeys = try a.optional(i + 1).map { try Runtime.truthy($0) } ?? false
            st.ensureAscii = try a.optional(i + 2).map { try Runtime.truthy($0) } ?? true
            st.fallback = a.optional(i + 3)
            if st.indent != nil { st.itemSeparator = "," }
            if let seps = a.optional(i + 4) {
                let parts = try Runtime.toArray(seps)
                guard parts.count == 2 else { throw PyError.value("too many values to unpack (expected 2)") }
                st.itemSeparator = try Builtin.string(parts[0])
                st.keySeparator = try Builtin.string(parts[1])
            }
            return st
        }
        m.define("dumps", "obj, *, indent=, sort_keys=, ensure_ascii=, default=, separators=") { a in
            PyStr(try dumps(a[0], try style(a, from: 1)))
        }
        m.define("dump", "obj, fp, *, indent=, sort_keys=, ensure_ascii=, default=, separators=") { a in
            let text = try dumps(a[0], try style(a, from: 2))
            _ = try Runtime.invokeMethod(a[1], "write", [PyStr(text)])
            return PyNone.shared
        }
        m.define("loads", "s") { a in try loads(try Builtin.string(a[0])) }
        m.define("load", "fp") { a in try loads(try Builtin.string(try Runtime.invokeMethod(a[0], "read", []))) }
        return m
    }
}
