import Foundation

/// CPython's Mersenne Twister (`_randommodule.c`), seeded the way `random.seed(int)` seeds it.
final class MersenneTwister {
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 625
    /// `random.gauss`'s cached second value.
    var gaussNext: Double?

    init(seed: Int64) { self.seed(seed) }

    private func initGenrand(_ s: UInt32) {
        state[0] = s
        for i in 1..<624 {
            state[i] = 1812433253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
        index = 624
    }

    /// `random.seed(n)`: the key is |n| as 32-bit words, least significant first.
    func seed(_ n: Int64) {
        var magnitude = n.magnitude
        var key: [UInt32] = []
        repeat {
            key.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        } while magnitude > 0
        initByArray(key)
        gaussNext = nil
    }

    private func initByArray(_ key: [UInt32]) {
        initGenrand(19650218)
        var i = 1, j = 0
        var k = max(624, key.count)
        while k > 0 {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1664525)) &+ key[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= 624 { state[0] = state[623]; i = 1 }
            if j >= key.count { j = 0 }
            k -= 1
        }
        k = 623
        while k > 0 {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1566083941)) &- UInt32(i)
            i += 1
            if i >= 624 { state[0] = state[623]; i = 1 }
            k -= 1
        }
        state[0] = 0x80000000
    }

    func next32() -> UInt32 {
        if index >= 624 {
            for kk in 0..<624 {
                let y = (state[kk] & 0x80000000) | (state[(kk + 1) % 624] & 0x7fffffff)
                state[kk] = state[(kk + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0)
            }
            index = 0
        }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        y ^= y >> 18
        return y
    }

    /// `random.random()`: 53 random bits.
    func random() -> Double {
        let a = Double(next32() >> 5), b = Double(next32() >> 6)
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    /// `getrandbits(k)` for k ≤ 64 (little-endian 32-bit words, the last one shifted down).
    func bits(_ k: Int) -> UInt64 {
        if k <= 32 { return UInt64(next32() >> (32 - UInt32(k))) }
        let low = UInt64(next32())
        let high = UInt64(next32() >> (64 - UInt32(k)))
        return low | (high << 32)
    }

    /// `_randbelow(n)`: rejection sampling on `n.bit_length()` bits.
    func below(_ n: UInt64) -> UInt64 {
        if n == 0 { return 0 }
        let k = 64 - n.leadingZeroBitCount
        var r = bits(k)
        while r >= n { r = bits(k) }
        return r
    }
}

enum RandomModule {
    static func make() -> PyModule {
        let m = PyModule(name: "random")
        let mt = MersenneTwister(seed: Int64(Date().timeIntervalSince1970 * 1e6))
        m.define("seed", "a=, version=") { a in
            switch a.optional(0) {
            case let i as PyInt: mt.seed(i.value)
            case nil: mt.seed(Int64(Date().timeIntervalSince1970 * 1e6))
            case let o?: mt.seed(Int64(try Runtime.hash(o)))
            }
            return PyNone.shared
        }
        m.define("random", "") { _ in PyFloat(mt.random()) }
        m.define("uniform", "a, b") { a in
            let x = try Builtin.double(a[0]), y = try Builtin.double(a[1])
            return PyFloat(x + (y - x) * mt.random())
        }
        m.define("getrandbits", "k") { a in
            let k = try Builtin.int(a[0])
            if k < 0 { throw PyError.value("number of bits must be non-negative") }
            if k > 63 { throw PyError.overflow() }
            return PyInt.make(k == 0 ? 0 : Int64(mt.bits(Int(k))))
        }
        func randrange(_ start: Int64, _ stop: Int64?, _ step: Int64) throws -> Int64 {
            guard let stop = stop else {
                if start > 0 { return Int64(mt.below(UInt64(start))) }
                throw PyError.value("empty range for randrange()")
            }
            let (width, o) = stop.subtractingReportingOverflow(start)
            if o { throw PyError.overflow() }
            if step == 1 {
                if width > 0 { return start + Int64(mt.below(UInt64(width))) }
                throw PyError.value("empty range for randrange() (\(start), \(stop), \(width))")
            }
            if step == 0 { throw PyError.value("zero step for randrange()") }
            let (adjusted, o1) = width.addingReportingOverflow(step > 0 ? step - 1 : step + 1)
            if o1 { throw PyError.overflow() }
            let n = adjusted / step
            if n <= 0 { throw PyError.value("empty range for randrange()") }
            let (offset, o2) = step.multipliedReportingOverflow(by: Int64(mt.below(UInt64(n))))
            let (result, o3) = start.addingReportingOverflow(offset)
            if o2 || o3 { throw PyError.overflow() }
            return result
        }
        m.define("randrange", "start, stop=, step=") { a in
            PyInt.make(try randrange(try Builtin.int(a[0]), try a.optional(1).map { try Builtin.int($0) },
                                     try a.optional(2).map { try Builtin.int($0) } ?? 1))
        }
        m.define("randint", "a, b") { a in
            let hi = try Builtin.int(a[1])
            if hi == Int64.max { throw PyError.overflow() }
            return PyInt.make(try randrange(try Builtin.int(a[0]), hi + 1, 1))
        }
        m.define("choice", "seq") { a in
            let n = try Runtime.length(a[0])
            if n == 0 { throw PyError.index("Cannot choose from an empty sequence") }
            return try Runtime.getItem(a[0], PyInt.make(Int64(mt.below(UInt64(n)))))
        }
        m.define("shuffle", "x") { a in
            guard let l = a[0] as? PyList else { throw PyError.type("shuffle() needs a list") }
            var i = l.items.count - 1
            while i >= 1 {
                let j = Int(mt.below(UInt64(i + 1)))
                l.items.swapAt(i, j)
                i -= 1
            }
            return PyNone.shared
        }
        m.define("sample", "population, k, *, counts=") { a in
            let population = try Runtime.toArray(a[0])
            let n = population.count
            let k = Int(try Builtin.int(a[1]))
            if k < 0 || k > n { throw PyError.value("Sample larger than population or is negative") }
            var result: [PyObject] = []
            var setsize = 21
            if k > 5 { setsize += Int(pow(4.0, ceil(log(Double(k * 3)) / log(4.0)))) }
            if n <= setsize {
                var pool = population
                for i in 0..<k {
                    let j = Int(mt.below(UInt64(n - i)))
                    result.append(pool[j])
                    pool[j] = pool[n - i - 1]
                }
            } else {
                var selected = Set<Int>()
                for _ in 0..<k {
                    var j = Int(mt.below(UInt64(n)))
                    while selected.contains(j) { j = Int(mt.below(UInt64(n))) }
                    selected.insert(j)
                    result.append(population[j])
                }
            }
            return PyList(result)
        }
        m.define("choices", "population, weights=, *, cum_weights=, k=") { a in
            let population = try Runtime.toArray(a[0])
            let k = try a.optional(3).map { try Builtin.int($0) } ?? 1
            let n = population.count
            var cumulative: [Double]
            if let cw = a.optional(2) {
                cumulative = try Runtime.toArray(cw).map { try Builtin.double($0) }
            } else if let w = a.optional(1) {
                var acc = 0.0
                cumulative = try Runtime.toArray(w).map { acc += try Builtin.double($0); return acc }
            } else {
                if n == 0 { throw PyError.index("Cannot choose from an empty sequence") }
                return PyList((0..<max(0, k)).map { _ in population[Int((mt.random() * Double(n)).rounded(.down))] })
            }
            if cumulative.count != n { throw PyError.value("The number of weights does not match the population") }
            guard let total = cumulative.last, total > 0 else { throw PyError.value("Total of weights must be greater than zero") }
            return PyList((0..<max(0, k)).map { _ in
                let x = mt.random() * total
                var lo = 0, hi = n - 1
                while lo < hi { let mid = (lo + hi) / 2; if x < cumulative[mid] { hi = mid } else { lo = mid + 1 } }
                return population[lo]
            })
        }
        m.define("gauss", "mu=, sigma=") { a in
            let mu = try a.optional(0).map { try Builtin.double($0) } ?? 0
            let sigma = try a.optional(1).map { try Builtin.double($0) } ?? 1
            var z: Double
            if let next = mt.gaussNext {
                z = next
                mt.gaussNext = nil
            } else {
                let x2pi = mt.random() * 2 * Double.pi
                let g2rad = sqrt(-2.0 * log(1.0 - mt.random()))
                z = cos(x2pi) * g2rad
                mt.gaussNext = sin(x2pi) * g2rad
            }
            return PyFloat(mu + z * sigma)
        }
        m.define("normalvariate", "mu=, sigma=") { a in
            let mu = try a.optional(0).map { try Builtin.double($0) } ?? 0
            let sigma = try a.optional(1).map { try Builtin.double($0) } ?? 1
            let magic = 4 * exp(-0.5) / sqrt(2.0)
            var z: Double
            while true {
                let u1 = mt.random()
                let u2 = 1.0 - mt.random()
                z = magic * (u1 - 0.5) / u2
                if z * z / 4.0 <= -log(u2) { break }
            }
            return PyFloat(mu + z * sigma)
        }
        return m
    }
}
