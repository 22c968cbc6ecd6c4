/// `itertools` combinatoric and filtering iterators, lazy as in CPython (so `permutations(range(20))` can be
/// sliced without building 20! tuples), in CPython's order.
extension FunctionalModules {
    static func addCombinatorics(_ m: PyModule) {
        m.define("product", "*its, repeat=") { a in
            let times = try a.optional(0).map { try Builtin.int($0) } ?? 1
            if times < 0 { throw PyError.value("repeat argument cannot be negative") }
            let base = try a.rest.map { try Runtime.toArray($0) }
            try MemoryGuard.check(count: base.count, itemSize: Int(clamping: times) &* 8)
            var pools: [[PyObject]] = []
            for _ in 0..<times { pools += base }
            var indices = [Int](repeating: 0, count: pools.count)
            var first = true
            return PyNativeIterator {
                if pools.contains(where: { $0.isEmpty }) { return nil }
                if first { first = false } else {
                    var i = pools.count - 1
                    while i >= 0 {
                        indices[i] += 1
                        if indices[i] < pools[i].count { break }
                        indices[i] = 0
                        i -= 1
                    }
                    if i < 0 { pools = [[]]; return nil }
                }
                return PyTuple(indices.enumerated().map { pools[$0.offset][$0.element] })
            }
        }
        for (name, replacement) in [("combinations", false), ("combinations_with_replacement", true)] {
            m.define(name, "iterable, r") { a in
                let pool = try Runtime.toArray(a[0])
                let r = Int(clamping: try Builtin.int(a[1]))
                if r < 0 { throw PyError.value("r must be non-negative") }
                let n = pool.count
                var indices = replacement ? [Int](repeating: 0, count: r) : Array(0..<min(r, n))
                var first = true, done = replacement ? (n == 0 && r > 0) : r > n
                return PyNativeIterator {
                    if done { return nil }
                    if first { first = false; return PyTuple(indices.map { pool[$0] }) }
                    var i = r - 1
                    while i >= 0 && indices[i] == (replacement ? n - 1 : i + n - r) { i -= 1 }
                    if i < 0 { done = true; return nil }
                    if replacement {
                        let v = indices[i] + 1
                        for j in i..<r { indices[j] = v }
                    } else {
                        indices[i] += 1
                        for j in (i + 1)..<max(i + 1, r) { indices[j] = indices[j - 1] + 1 }
                    }
                    return PyTuple(indices.map { pool[$0] })
                }
            }
        }
        m.define("permutations", "iterable, r=") { a in
            let pool = try Runtime.toArray(a[0])
            let n = pool.count
            let r = try a.optional(1).map { Int(clamping: try Builtin.int($0)) } ?? n
            if r < 0 { throw PyError.value("r must be non-negative") }
            var indices = Array(0..<n)
            var cycles = Array(stride(from: n, to: n - min(r, n), by: -1))
            var first = true, done = r > n
            return PyNativeIterator {
                if done { return nil }
                if first { first = false; return PyTuple(indices.prefix(r).map { pool[$0] }) }
                var i = r - 1
                while i >= 0 {
                    cycles[i] -= 1
                    if cycles[i] == 0 {
                        let moved = indices.remove(at: i)
                        indices.append(moved)
                        cycles[i] = n - i
                    } else {
                        let j = cycles[i]
                        indices.swapAt(i, n - j)
                        return PyTuple(indices.prefix(r).map { pool[$0] })
                    }
                    i -= 1
                }
                done = true
                return nil
            }
        }
        for (name, keepWhile) in [("takewhile", true), ("dropwhile", false)] {
            m.define(name, "predicate, iterable") { a in
                let f = a[0], it = try Runtime.iterate(a[1])
                var switched = false
                return PyNativeIterator {
                    if keepWhile {
                        if switched { return nil }
                        guard let v = try Runtime.next(it) else { return nil }
                        if try Runtime.truthy(Runtime.call(f, [v])) { return v }
                        switched = true
                        return nil
                    }
                    while let v = try Runtime.next(it) {
                        if switched { return v }
                        if try !Runtime.truthy(Runtime.call(f, [v])) { switched = true; return v }
                    }
                    return nil
                }
            }
        }
        m.define("filterfalse", "function, iterable") { a in
            let f = a[0], it = try Runtime.iterate(a[1])
            return PyNativeIterator {
                while let v = try Runtime.next(it) {
                    if try !Runtime.truthy(f === PyNone.shared ? v : try Runtime.call(f, [v])) { return v }
                }
                return nil
            }
        }
        m.define("starmap", "function, iterable") { a in
            let f = a[0], it = try Runtime.iterate(a[1])
            return PyNativeIterator {
                guard let v = try Runtime.next(it) else { return nil }
                return try Runtime.call(f, try Runtime.toArray(v))
            }
        }
        m.define("compress", "data, selectors") { a in
            let data = try Runtime.iterate(a[0]), selectors = try Runtime.iterate(a[1])
            return PyNativeIterator {
                while let v = try Runtime.next(data), let s = try Runtime.next(selectors) {
                    if try Runtime.truthy(s) { return v }
                }
                return nil
            }
        }
        m.define("pairwise", "iterable") { a in
            let it = try Runtime.iterate(a[0])
            var previous: PyObject?
            return PyNativeIterator {
                if previous == nil { previous = try Runtime.next(it) }
                guard let p = previous, let v = try Runtime.next(it) else { return nil }
                previous = v
                return PyTuple([p, v])
            }
        }
        m.define("groupby", "iterable, key=") { a in
            let it = try Runtime.iterate(a[0]), key = a.optional(1)
            var pending: (PyObject, PyObject)?  // the first item of the next group and its key
            var exhausted = false
            return PyNativeIterator {
                if exhausted { return nil }
                if pending == nil {
                    guard let v = try Runtime.next(it) else { exhausted = true; return nil }
                    pending = (v, try key.map { try Runtime.call($0, [v]) } ?? v)
                }
                guard let (firstItem, groupKey) = pending else { return nil }
                var items = [firstItem]
                pending = nil
                while let v = try Runtime.next(it) {
                    let k = try key.map { try Runtime.call($0, [v]) } ?? v
                    if try !Runtime.equals(k, groupKey) { pending = (v, k); break }
                    items.append(v)
                    try MemoryGuard.tick()
                }
                if pending == nil { exhausted = true }
                var i = 0
                return PyTuple([groupKey, PyNativeIterator { defer { i += 1 }; return i < items.count ? items[i] : nil }])
            }
        }
        m.define("tee", "iterable, n=") { a in
            let n = try a.optional(1).map { Int(clamping: try Builtin.int($0)) } ?? 2
            if n < 0 { throw PyError.value("n must be >= 0") }
            let it = try Runtime.iterate(a[0])
            final class Shared { var buffer: [PyObject] = []; var offset = 0; var positions: [Int]; init(positions: [Int]) { self.positions = positions } }
            let shared = Shared(positions: [Int](repeating: 0, count: n))
            return PyTuple((0..<n).map { k in
                PyNativeIterator {
                    let at = shared.positions[k]
                    if at - shared.offset >= shared.buffer.count {
                        guard let v = try Runtime.next(it) else { return nil }
                        shared.buffer.append(v)
                        try MemoryGuard.tick()
                    }
                    let v = shared.buffer[at - shared.offset]
                    shared.positions[k] = at + 1
                    // Drop what every copy has read.
                    let low = shared.positions.min() ?? 0
                    if low - shared.offset > 64 {
                        shared.buffer.removeFirst(low - shared.offset)
                        shared.offset = low
                    }
                    return v
                }
            })
        }
    }
}
