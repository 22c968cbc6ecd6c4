// PyTorch's CPU generator (at::CPUGeneratorImpl): an MT19937 engine plus the cached normal
// sample, with the same seeding, draw order and 5056-byte state layout (RNG.md §1).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The error thrown when bytes cannot be loaded as generator state.
public struct RandomStateError: Error, CustomStringConvertible {
    /// What was wrong with the state bytes.
    public let message: String

    /// Creates an error carrying `message`.
    public init(_ message: String) { self.message = message }

    /// The message, so the error prints readably.
    public var description: String { message }
}

/// Which family of PyTorch CPU kernels a generator imitates.
///
/// Only the rounding of a few distributions differs (RNG.md §3, §4, §12): `.avx2` is stock
/// x86-64 PyTorch and the reference platform; `.scalar` is `ATEN_CPU_CAPABILITY=default`.
public enum RandomKernel: Sendable {
    /// The AVX2 kernels: fused multiply-adds and the Cephes float32 log/sincos.
    case avx2
    /// The generic scalar kernels: unfused arithmetic and libm `logf`/`sincosf`.
    case scalar
}

/// A CPU random number generator that reproduces `torch.Generator` bit for bit.
///
/// Not thread-safe: like PyTorch (which takes a mutex per call), callers sharing one
/// generator across threads must serialise access themselves.
public final class Generator {
    /// The seed of a fresh `torch.Generator()` and of the default generator.
    public static let defaultSeed: UInt64 = 67280421310721

    /// The process-wide default generator (torch.default_generator).
    nonisolated(unsafe) public static let global = Generator()

    /// Size in bytes of the state from `getState()` (CPUGeneratorImplState).
    public static let stateByteCount = 5056
    /// Size in bytes of the pre-1.5 legacy state that `set_rng_state` also accepts.
    static let legacyStateByteCount = 5048
    static let stateWords = 624

    /// The kernel family used by the distribution fills.
    public var kernel: RandomKernel

    /// The seed last set by `manualSeed` or `setState` (torch's `initial_seed()`).
    public private(set) var initialSeed: UInt64 = 0

    // MT19937 engine. A raw buffer keeps the per-draw path free of array overhead.
    private let mt: UnsafeMutablePointer<UInt32>
    private var left: Int = 1
    private var next: Int = 0

    /// The spare Box–Muller sample of the serial normal path (RNG.md §4.2).
    var cachedNormal: Double?
    /// The float normal cache: unused by CPU kernels but part of the state layout.
    var cachedFloatNormal: Float?

    /// Creates a generator seeded with `seed` that imitates `kernel`.
    public init(seed: UInt64 = Generator.defaultSeed, kernel: RandomKernel = .avx2) {
        self.kernel = kernel
        mt = .allocate(capacity: Generator.stateWords)
        mt.initialize(repeating: 0, count: Generator.stateWords)
        manualSeed(seed)
    }

    deinit { mt.deallocate() }

    /// Reseeds the engine like `torch.manual_seed` and clears both normal caches.
    ///
    /// The full 64 bits are kept as `initialSeed`, but only the low 32 reach the engine.
    public func manualSeed(_ seed: UInt64) {
        initialSeed = seed
        cachedNormal = nil
        cachedFloatNormal = nil
        var x = UInt32(truncatingIfNeeded: seed)
        mt[0] = x
        for i in 1..<Generator.stateWords {  // classic init_genrand
            x = 1_812_433_253 &* (x ^ (x >> 30)) &+ UInt32(i)
            mt[i] = x
        }
        left = 1
        next = 0
    }

    /// Reseeds with a signed seed; negative values wrap modulo 2^64 as in Python.
    public func manualSeed(_ seed: Int64) { manualSeed(UInt64(bitPattern: seed)) }

    /// Reseeds with an `Int`, so that `manualSeed(42)` is not ambiguous.
    public func manualSeed(_ seed: Int) { manualSeed(UInt64(bitPattern: Int64(seed))) }

    /// Returns the next 32-bit draw of the engine (`random()` in PyTorch).
    @inline(__always)
    public func nextUInt32() -> UInt32 {
        left -= 1
        // `next >= 624` never happens for states PyTorch produces; it guards odd loaded ones.
        if left <= 0 || next >= Generator.stateWords { regenerate() }
        var y = mt[next]
        next += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Returns a 64-bit draw: the first 32-bit draw is the high word.
    @inline(__always)
    public func nextUInt64() -> UInt64 {
        let hi = UInt64(nextUInt32())
        let lo = UInt64(nextUInt32())
        return (hi << 32) | lo
    }

    /// Regenerates the 624-word block in place with the MT19937 recurrence.
    private func regenerate() {
        let n = Generator.stateWords
        for k in 0..<n {
            // Indices that wrap read words already updated in this pass, as in the C loop.
            let y = (mt[k] & 0x8000_0000) | (mt[(k + 1) % n] & 0x7FFF_FFFF)
            mt[k] = mt[(k + 397) % n] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908_B0DF : 0)
        }
        left = n
        next = 0
    }

    /// A float32 uniform in [0, 1): the low 24 bits of one draw times 2^-24 (U24).
    @inline(__always)
    func nextU24() -> Float { Float(nextUInt32() & 0xFF_FFFF) * 0x1p-24 }

    /// A float64 uniform in [0, 1): the low 53 bits of one 64-bit draw times 2^-53 (U53).
    @inline(__always)
    func nextU53() -> Double { Double(nextUInt64() & ((1 << 53) - 1)) * 0x1p-53 }

    // MARK: - State

    /// Returns the generator state as PyTorch's 5056 little-endian bytes (RNG.md §1.4).
    public func getState() -> [UInt8] {
        var b = [UInt8](repeating: 0, count: Generator.stateByteCount)
        func put<T: FixedWidthInteger>(_ value: T, _ offset: Int) {
            var v = value.littleEndian
            withUnsafeBytes(of: &v) { raw in
                for (i, byte) in raw.enumerated() { b[offset + i] = byte }
            }
        }
        put(initialSeed, 0)
        put(Int32(truncatingIfNeeded: left), 8)
        put(Int32(1), 12)  // `seeded`
        put(UInt64(next), 16)
        for i in 0..<Generator.stateWords { put(UInt64(mt[i]), 24 + 8 * i) }
        // 5016 normal_x and 5032 normal_rho are legacy fields, always 0.
        put((cachedNormal ?? 0).bitPattern, 5024)
        put(Int32(cachedNormal == nil ? 0 : 1), 5040)
        put((cachedFloatNormal ?? 0).bitPattern, 5048)
        b[5052] = cachedFloatNormal == nil ? 0 : 1
        return b
    }

    /// Loads a state from `getState()` (or PyTorch's 5048-byte legacy layout).
    ///
    /// Throws `RandomStateError` for any other size or for an engine state PyTorch would
    /// reject (`seeded` 0, `left` outside 1…624, `next` above 624); never traps.
    public func setState(_ bytes: [UInt8]) throws {
        let legacy = bytes.count == Generator.legacyStateByteCount
        guard legacy || bytes.count == Generator.stateByteCount else {
            throw RandomStateError(
                "Expected either a CPUGeneratorImplStateLegacy of size \(Generator.legacyStateByteCount) "
                    + "or a CPUGeneratorImplState of size \(Generator.stateByteCount) but found the "
                    + "input RNG state size to be \(bytes.count)")
        }
        func get<T: FixedWidthInteger>(_ type: T.Type, _ offset: Int) -> T {
            var v = T.zero
            for i in 0..<MemoryLayout<T>.size { v |= T(truncatingIfNeeded: bytes[offset + i]) << (8 * i) }
            return v
        }
        let seed = get(UInt64.self, 0)
        let newLeft = get(Int32.self, 8)
        let seeded = get(Int32.self, 12)
        let newNext = UInt32(truncatingIfNeeded: get(UInt64.self, 16))  // PyTorch casts to uint32
        guard seeded != 0, newLeft > 0, newLeft <= 624, newNext <= 624 else {
            throw RandomStateError("Invalid mt19937 state")
        }
        var newCached: Double? = nil
        var newFloat: Float? = nil
        if get(Int32.self, 5040) != 0 {
            if legacy {
                // The legacy layout kept (x, rho); PyTorch rebuilds the sin-sample from them.
                let x = Double(bitPattern: get(UInt64.self, 5016))
                let rho = Double(bitPattern: get(UInt64.self, 5032))
                newCached = rho * sin(2.0 * Double.pi * x)
            } else {
                newCached = Double(bitPattern: get(UInt64.self, 5024))
            }
        }
        if !legacy && bytes[5052] != 0 { newFloat = Float(bitPattern: get(UInt32.self, 5048)) }
        for i in 0..<Generator.stateWords {
            mt[i] = UInt32(truncatingIfNeeded: get(UInt64.self, 24 + 8 * i))
        }
        initialSeed = seed
        left = Int(newLeft)
        next = Int(newNext)
        cachedNormal = newCached
        cachedFloatNormal = newFloat
    }
}
