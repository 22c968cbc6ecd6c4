/// `str` methods that search, test or cut by code point, with CPython's optional `start`/`end` bounds.
extension Builtin {
    static func installStringSearchMethods() {
        let str = strType
        func scalars(_ a: Arguments) -> [Unicode.Scalar] { (a[0] as? PyStr)?.scalars ?? [] }
        func needle(_ o: PyObject, _ method: String) throws -> [Unicode.Scalar] {
            guard let s = o as? PyStr else { throw PyError.type("must be str, not \(o.cls.name)") }
            return s.scalars
        }

        for (name, reverse, raises) in [("find", false, false), ("rfind", true, false), ("index", false, true), ("rindex", true, true)] {
            str.define(name, "self, sub, start=, end=") { a in
                let hay = scalars(a)
                let (lo, hi) = try searchBounds(hay.count, a, 2)
                if let i = search(hay, try needle(a[1], name), lo, hi, reverse: reverse) { return PyInt.make(i) }
                if raises { throw PyError.value("substring not found") }
                return PyInt.make(-1)
            }
        }
        str.define("count", "self, sub, start=, end=") { a in
            let hay = scalars(a), sub = try needle(a[1], "count")
            let (lo, hi) = try searchBounds(hay.count, a, 2)
            if lo > hi { return PyInt.make(0) }
            if sub.isEmpty { return PyInt.make(hi - lo + 1) }
            var n = 0, i = lo
            while let at = search(hay, sub, i, hi, reverse: false) { n += 1; i = at + sub.count }
            return PyInt.make(n)
        }
        for (name, atStart) in [("startswith", true), ("endswith", false)] {
            str.define(name, "self, prefix, start=, end=") { a in
                let hay = scalars(a)
                let (lo, hi) = try searchBounds(hay.count, a, 2)
                let candidates: [PyObject]
                if let t = a[1] as? PyTuple { candidates = t.items } else if a[1] is PyStr { candidates = [a[1]] } else {
                    throw PyError.type("\(name) first arg must be str or a tuple of str, not \(a[1].cls.name)")
                }
                if lo > hay.count { return PyBool.falseValue }
                for c in candidates {
                    guard let p = (c as? PyStr)?.scalars else {
                        throw PyError.type("tuple for \(name) must only contain str, not \(c.cls.name)")
                    }
                    guard hi - lo >= p.count else { continue }
                    let from = atStart ? lo : hi - p.count
                    if Array(hay[from..<(from + p.count)]) == p { return PyBool.trueValue }
                }
                return PyBool.falseValue
            }
        }
        for (name, fromRight) in [("partition", false), ("rpartition", true)] {
            str.define(name, "self, sep") { a in
                let hay = scalars(a), sep = try needle(a[1], name)
                if sep.isEmpty { throw PyError.value("empty separator") }
                let text = { (s: ArraySlice<Unicode.Scalar>) in PyStr(String(String.UnicodeScalarView(s))) }
                guard let i = search(hay, sep, 0, hay.count, reverse: fromRight) else {
                    return fromRight ? PyTuple([PyStr(""), PyStr(""), a[0]]) : PyTuple([a[0], PyStr(""), PyStr("")])
                }
                return PyTuple([text(hay[..<i]), a[1], text(hay[(i + sep.count)...])])
            }
        }
        str.define("splitlines", "self, keepends=") { a in
            let keep = try a.optional(1).map { try Runtime.truthy($0) } ?? false
            return PyList(splitLines(scalars(a), keepEnds: keep).map { PyStr($0) })
        }
        str.define("expandtabs", "self, tabsize=") { a in
            let size = Int(try a.optional(1).map { try int($0) } ?? 8)
            var out = String.UnicodeScalarView(), column = 0
            for c in scalars(a) {
                if c == "\t" {
                    if size > 0 {
                        let n = size - column % size
                        try MemoryGuard.check(count: out.count &+ n, itemSize: 1)
                        out.append(contentsOf: repeatElement(" " as Unicode.Scalar, count: n))
                        column += n
                    }
                } else {
                    out.append(c)
                    column = (c == "\n" || c == "\r") ? 0 : column + 1
                }
            }
            return PyStr(String(out))
        }
        str.define("removeprefix", "self, prefix") { a in
            let s = scalars(a), p = try needle(a[1], "removeprefix")
            return s.starts(with: p) ? PyStr(String(String.UnicodeScalarView(s[p.count...]))) : a[0]
        }
        str.define("removesuffix", "self, suffix") { a in
            let s = scalars(a), p = try needle(a[1], "removesuffix")
            return !p.isEmpty && s.count >= p.count && Array(s[(s.count - p.count)...]) == p
                ? PyStr(String(String.UnicodeScalarView(s[..<(s.count - p.count)]))) : a[0]
        }
        str.define("swapcase", "self") { a in
            PyStr(String(((a[0] as? PyStr)?.value ?? "").map { c -> String in
                c.isUppercase ? c.lowercased() : c.isLowercase ? c.uppercased() : String(c)
            }.joined()))
        }
        str.define("casefold", "self") { a in PyStr(((a[0] as? PyStr)?.value ?? "").lowercased().replacingOccurrences(of: "ß", with: "ss")) }
        str.define("istitle", "self") { a in
            var cased = false, previousCased = false
            for c in (a[0] as? PyStr)?.value ?? "" {
                if c.isUppercase || c.unicodeScalars.first?.properties.generalCategory == .titlecaseLetter { if previousCased { return PyBool.falseValue }; previousCased = true; cased = true }
                else if c.isLowercase { if !previousCased { return PyBool.falseValue }; previousCased = true; cased = true }
                else { previousCased = false }
            }
            return PyBool.make(cased)
        }
        str.define("isidentifier", "self") { a in
            let s = scalars(a)
            guard let first = s.first, first == "_" || first.properties.isXIDStart else { return PyBool.falseValue }
            return PyBool.make(s.dropFirst().allSatisfy { $0 == "_" || $0.properties.isXIDContinue })
        }
        str.define("isdecimal", "self") { a in
            let s = scalars(a)
            return PyBool.make(!s.isEmpty && s.allSatisfy { $0.properties.numericType == .decimal })
        }
        str.define("isnumeric", "self") { a in
            let s = scalars(a)
            return PyBool.make(!s.isEmpty && s.allSatisfy { $0.properties.numericType != nil })
        }
        str.define("isascii", "self") { a in PyBool.make(scalars(a).allSatisfy { $0.isASCII }) }
        str.define("isprintable", "self") { a in
            PyBool.make(scalars(a).allSatisfy { c in
                c == " " || !(c.properties.generalCategory == .control || c.properties.generalCategory == .format
                    || c.properties.generalCategory == .spaceSeparator || c.properties.generalCategory == .lineSeparator
                    || c.properties.generalCategory == .paragraphSeparator || c.properties.generalCategory == .unassigned
                    || c.properties.generalCategory == .surrogate || c.properties.generalCategory == .privateUse)
            })
        }
    }

    /// `start`/`end` arguments (at `i`, `i + 1`) as CPython's string methods read them: negative counts from
    /// the end, `end` clamps to the length; `start` may exceed it (then nothing matches).
    static func searchBounds(_ n: Int, _ a: Arguments, _ i: Int) throws -> (Int, Int) {
        func index(_ o: PyObject?, _ fallback: Int) throws -> Int {
            guard let o = o else { return fallback }
            guard let v = o as? PyInt else {
                throw PyError.type("slice indices must be integers or None or have an __index__ method")
            }
            if v.value < 0 { return Int(max(0, v.value + Int64(n))) }
            return Int(min(v.value, Int64(n) + 1))
        }
        return (try index(a.optional(i), 0), min(try index(a.optional(i + 1), n), n))
    }

    /// The first (or last) index of `needle` in `hay[lo..<hi]`.
    static func search(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], _ lo: Int, _ hi: Int, reverse: Bool) -> Int? {
        guard lo <= hi, hi - lo >= needle.count else { return nil }
        let last = hi - needle.count
        func matches(_ s: Int) -> Bool {
            for k in 0..<needle.count where hay[s + k] != needle[k] { return false }
            return true
        }
        var s = reverse ? last : lo
        while s >= lo && s <= last {
            if matches(s) { return s }
            s += reverse ? -1 : 1
        }
        return nil
    }

    /// `str.splitlines`: every Unicode line boundary CPython knows, `\r\n` as one.
    static func splitLines(_ s: [Unicode.Scalar], keepEnds: Bool) -> [String] {
        let breaks: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]
        var out: [String] = []
        var start = 0, i = 0
        while i < s.count {
            if breaks.contains(s[i].value) {
                var end = i + 1
                if s[i] == "\r" && end < s.count && s[end] == "\n" { end += 1 }
                out.append(String(String.UnicodeScalarView(s[start..<(keepEnds ? end : i)])))
                start = end
                i = end
            } else {
                i += 1
            }
        }
        if start < s.count { out.append(String(String.UnicodeScalarView(s[start...]))) }
        return out
    }
}
