import Foundation

/// `str` methods.
extension Builtin {
    static func installStringMethods() {
        installStringSearchMethods()
        let str = strType
        func me(_ a: Arguments) -> String { (a[0] as? PyStr)?.value ?? "" }
        func arg(_ a: Arguments, _ i: Int) throws -> String { try string(a[i]) }
        str.define("upper", "self") { a in PyStr(me(a).uppercased()) }
        str.define("lower", "self") { a in PyStr(me(a).lowercased()) }
        str.define("title", "self") { a in
            var out = "", prevLetter = false
            for c in me(a) { out += prevLetter ? c.lowercased() : c.uppercased(); prevLetter = c.isLetter }
            return PyStr(out)
        }
        str.define("capitalize", "self") { a in PyStr(me(a).prefix(1).uppercased() + me(a).dropFirst().lowercased()) }
        str.define("strip", "self, chars=") { a in PyStr(try strip(me(a), a.optional(1), left: true, right: true)) }
        str.define("lstrip", "self, chars=") { a in PyStr(try strip(me(a), a.optional(1), left: true, right: false)) }
        str.define("rstrip", "self, chars=") { a in PyStr(try strip(me(a), a.optional(1), left: false, right: true)) }
        str.define("replace", "self, old, new, count=") { a in
            PyStr(try replace(me(a), try arg(a, 1), try arg(a, 2), try a.optional(3).map { try int($0) } ?? -1))
        }
        str.define("join", "self, it") { a in
            let separator = me(a)
            var total = 0
            let parts = try Runtime.toArray(a[1]).enumerated().map { (i, v) -> String in
                guard let s = v as? PyStr else { throw PyError.type("sequence item \(i): expected str instance, \(v.cls.name) found") }
                total = total &+ s.value.utf8.count &+ separator.utf8.count
                return s.value
            }
            try MemoryGuard.check(bytes: total < 0 ? Int.max : total)
            return PyStr(parts.joined(separator: separator))
        }
        str.define("split", "self, sep=, maxsplit=") { a in
            let maxsplit = try a.optional(2).map { try int($0) } ?? -1
            return PyList(try split(me(a), a.optional(1).map { try string($0) }, Int(maxsplit)).map { PyStr($0) })
        }
        str.define("rsplit", "self, sep=, maxsplit=") { a in
            let maxsplit = try a.optional(2).map { try int($0) } ?? -1
            let reversedParts = try split(String(me(a).reversed()), a.optional(1).map { String(try string($0).reversed()) }, Int(maxsplit))
            return PyList(reversedParts.reversed().map { PyStr(String($0.reversed())) })
        }
        str.define("ljust", "self, width, fill=") { a in PyStr(try justify(a, "<")) }
        str.define("rjust", "self, width, fill=") { a in PyStr(try justify(a, ">")) }
        str.define("center", "self, width, fill=") { a in PyStr(try justify(a, "^")) }
        str.define("zfill", "self, width") { a in
            var s = me(a)
            var sign = ""
            if s.hasPrefix("-") || s.hasPrefix("+") { sign = String(s.removeFirst()) }
            let w = Int(try int(a[1])) - sign.count
            try Runtime.checkSize(1, Int64(w))
            return PyStr(sign + s.leftPadded(w))
        }
        for (name, test) in [("isdigit", { (c: Character) in c.isASCII && c.isNumber }), ("isalpha", { $0.isLetter }),
                             ("isalnum", { $0.isLetter || $0.isNumber }), ("isspace", { $0.isWhitespace }),
                             ("isupper", { !$0.isLetter || $0.isUppercase }), ("islower", { !$0.isLetter || $0.isLowercase })] {
            str.define(name, "self") { a in PyBool.make(!me(a).isEmpty && me(a).allSatisfy(test)) }
        }
        str.define("format", "") { a in PyStr(try formatMethod(me(a), Array(a.rest.dropFirst()), a.keywords)) }
        str.define("encode", "self, encoding=") { a in a[0] }
    }

    /// `str.replace` with CPython's count and empty-pattern rules, checking the result's size first.
    static func replace(_ s: String, _ old: String, _ new: String, _ count: Int64) throws -> String {
        if count == 0 { return s }
        if old.isEmpty {
            // An empty pattern matches before every character and at the end.
            let scalars = Array(s.unicodeScalars)
            let matches = count < 0 ? scalars.count + 1 : Int(min(count, Int64(scalars.count + 1)))
            try MemoryGuard.check(count: matches, itemSize: max(new.utf8.count, 1))
            var out = String.UnicodeScalarView()
            for (i, c) in scalars.enumerated() {
                if i < matches { out.append(contentsOf: new.unicodeScalars) }
                out.append(c)
            }
            if matches > scalars.count { out.append(contentsOf: new.unicodeScalars) }
            return String(out)
        }
        var pieces: [Substring] = []
        var rest = Substring(s)
        while count < 0 || Int64(pieces.count) < count, let r = rest.range(of: old) {
            pieces.append(rest[..<r.lowerBound])
            rest = rest[r.upperBound...]
        }
        if pieces.isEmpty { return s }
        let (grow, o) = pieces.count.multipliedReportingOverflow(by: new.utf8.count)
        if o { throw PyError.memory() }
        try MemoryGuard.check(bytes: s.utf8.count &+ grow)
        var out = ""
        for p in pieces { out += p; out += new }
        out += rest
        return out
    }

    static func justify(_ a: Arguments, _ align: Character) throws -> String {
        var spec = Formatting.Spec()
        spec.width = Int(try int(a[1]))
        try Runtime.checkSize(1, Int64(spec.width))
        spec.align = align
        if let f = a.optional(2) {
            let fill = try string(f)
            guard fill.unicodeScalars.count == 1, let c = fill.first else {
                throw PyError.type("The fill character must be exactly one character long")
            }
            spec.fill = c
        }
        return Formatting.pad((a[0] as? PyStr)?.value ?? "", spec, defaultAlign: align)
    }

    static func strip(_ s: String, _ chars: PyObject?, left: Bool, right: Bool) throws -> String {
        let set: (Character) -> Bool
        if let c = chars { let cs = Set(try string(c)); set = { cs.contains($0) } } else { set = { $0.isWhitespace } }
        var sub = Substring(s)
        if left { sub = sub.drop(while: set) }
        if right { while let l = sub.last, set(l) { sub = sub.dropLast() } }
        return String(sub)
    }

    static func split(_ s: String, _ sep: String?, _ maxsplit: Int) throws -> [String] {
        guard let sep = sep else {
            var parts: [String] = []
            var current = Substring(s).drop(while: { $0.isWhitespace })
            while !current.isEmpty {
                if maxsplit >= 0 && parts.count == maxsplit { parts.append(String(current)); return parts }
                let word = current.prefix(while: { !$0.isWhitespace })
                parts.append(String(word))
                current = current.dropFirst(word.count).drop(while: { $0.isWhitespace })
            }
            return parts
        }
        if sep.isEmpty { throw PyError.value("empty separator") }
        var parts: [String] = []
        var rest = Substring(s)
        while let r = rest.range(of: sep), maxsplit < 0 || parts.count < maxsplit {
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    /// `str.format`: `{}`, `{0}`, `{name}`, `{x.attr}`, `{x[0]}`, conversions and specs.
    static func formatMethod(_ template: String, _ args: [PyObject], _ kw: [(String, PyObject)]) throws -> String {
        var out = ""
        let c = Array(template)
        var i = 0, auto = 0
        while i < c.count {
            if c[i] == "{" {
                if i + 1 < c.count && c[i + 1] == "{" { out.append("{"); i += 2; continue }
                var j = i + 1, depth = 0
                while j < c.count && !(c[j] == "}" && depth == 0) { if c[j] == "{" { depth += 1 } else if c[j] == "}" { depth -= 1 }; j += 1 }
                guard j < c.count else { throw PyError.value("Single '{' encountered in format string") }
                var field = String(c[(i + 1)..<j])
                var spec = ""
                var conversion: Character?
                if let colon = field.firstIndex(of: ":") { spec = String(field[field.index(after: colon)...]); field = String(field[..<colon]) }
                if let bang = field.firstIndex(of: "!") { conversion = field[field.index(after: bang)...].first; field = String(field[..<bang]) }
                let nameEnd = field.firstIndex(where: { $0 == "." || $0 == "[" }) ?? field.endIndex
                let head = String(field[..<nameEnd])
                var value: PyObject
                if head.isEmpty {
                    guard auto < args.count else { throw PyError.index("Replacement index \(auto) out of range for positional args tuple") }
                    value = args[auto]; auto += 1
                } else if let n = Int(head) {
                    guard n < args.count else { throw PyError.index("Replacement index \(n) out of range for positional args tuple") }
                    value = args[n]
                } else {
                    guard let v = kw.last(where: { $0.0 == head })?.1 else { throw PyError.key(PyStr(head)) }
                    value = v
                }
                var rest = field[nameEnd...]
                while let first = rest.first {
                    if first == "." {
                        let name = rest.dropFirst().prefix(while: { $0 != "." && $0 != "[" })
                        value = try Runtime.getAttribute(value, String(name))
                        rest = rest.dropFirst(1 + name.count)
                    } else {
                        let key = rest.dropFirst().prefix(while: { $0 != "]" })
                        value = try Runtime.getItem(value, Int(key).map { PyInt.make($0) } ?? PyStr(String(key)))
                        rest = rest.dropFirst(2 + key.count)
                    }
                }
                if let conv = conversion { value = PyStr(conv == "r" ? try Runtime.repr(value) : try Runtime.str(value)) }
                if spec.contains("{") { spec = try formatMethod(spec, args, kw) }
                out += try Formatting.format(value, spec)
                i = j + 1
                continue
            }
            if c[i] == "}" {
                if i + 1 < c.count && c[i + 1] == "}" { out.append("}"); i += 2; continue }
                throw PyError.value("Single '}' encountered in format string")
            }
            out.append(c[i])
            i += 1
        }
        return out
    }
}
