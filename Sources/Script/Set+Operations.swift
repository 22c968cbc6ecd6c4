/// Set algebra in CPython's order of operations (setobject.c), so results iterate as there.
extension PySet {
    /// `set_copy`.
    func copied(frozen: Bool? = nil) -> PySet {
        let c = PySet(frozen: frozen ?? self.frozen)
        c.replaceContents(with: self)
        c.layout = SetLayout.copy(of: layout)
        return c
    }

    /// `set_update_internal`: a set merges (resizing first), other iterables add one by one.
    func update(with other: PyObject) throws {
        if let s = other as? PySet {
            layout.reserveForMerge(s.table.count)
            for k in s.keys { add(key: k) }
        } else if let d = other as? PyDict, d.cls === Builtin.dictType {
            layout.reserveForMerge(d.table.count)
            for (k, _) in d.table.pairs { add(key: k) }
        } else {
            try Runtime.forEach(other) { try self.add($0); return true }
        }
    }

    static func asSet(_ o: PyObject) throws -> PySet {
        if let s = o as? PySet { return s }
        let s = PySet()
        try s.update(with: o)
        return s
    }

    /// `set_intersection`: iterate the smaller set, keep what the larger has.
    func intersection(_ other: PyObject) throws -> PySet {
        let result = PySet(frozen: frozen)
        if let o = other as? PySet {
            let (small, large) = o.table.count > table.count ? (self, o) : (o, self)
            for k in small.keys where large.table.get(k) != nil { result.add(key: k) }
        } else {
            try Runtime.forEach(other) { x in
                let k = try HashKey(x)
                if self.table.get(k) != nil { result.add(key: k) }
                return true
            }
        }
        return result
    }

    /// `set_difference`.
    func difference(_ other: PyObject) throws -> PySet {
        let o = try PySet.asSet(other)
        if (table.count >> 2) > o.table.count {
            let result = copied()
            for k in o.keys { try result.discard(k.object) }
            return result
        }
        let result = PySet(frozen: frozen)
        for k in keys where o.table.get(k) == nil { result.add(key: k) }
        return result
    }

    /// `set_symmetric_difference`: a copy of the other set, toggled by this one's elements.
    func symmetricDifference(_ other: PyObject) throws -> PySet {
        let result = try PySet.asSet(other).copied(frozen: frozen)
        try result.toggle(with: self)
        return result
    }

    /// `set_symmetric_difference_update`.
    func toggle(with other: PySet) throws {
        for k in other.keys {
            if table.get(k) != nil { try discard(k.object) } else { add(key: k) }
        }
    }

    /// `a op b` for two sets.
    static func binary(_ op: BinaryOperator, _ a: PySet, _ b: PySet) throws -> PySet? {
        switch op {
        case .bitor:
            let r = a.copied()
            try r.update(with: b)
            return r
        case .bitand: return try a.intersection(b)
        case .sub: return try a.difference(b)
        case .bitxor: return try a.symmetricDifference(b)
        default: return nil
        }
    }

    /// `a op= b` in place.
    static func inplace(_ op: BinaryOperator, _ a: PySet, _ b: PySet) throws -> Bool {
        switch op {
        case .bitor: try a.update(with: b)
        case .bitand: a.replaceContents(with: try a.intersection(b))
        case .sub: for k in b.keys { try a.discard(k.object) }
        case .bitxor: try a.toggle(with: b)
        default: return false
        }
        return true
    }
}
