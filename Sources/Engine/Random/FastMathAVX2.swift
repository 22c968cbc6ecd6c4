// The float32 log and sincos of PyTorch's AVX2 normal kernel (avx_mathfun.h, Cephes style),
// reproduced lane by lane. RNG.md §4.1 gives every step; GCC contracted some mul+add pairs
// of the intrinsics into FMAs, so `addingProduct` appears exactly where that binary fuses and
// plain `*`/`+` (two roundings) everywhere else. Do not "simplify" any of it.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bit-exact scalar model of PyTorch's AVX2 float32 `log256_ps` and `sincos256_ps`.
///
/// Each function handles one lane; the AVX2 code treats the 8 lanes independently, so
/// calling these per element gives the same bits.
enum FastMathAVX2 {
    // Constants as float32 bit patterns (RNG.md §4.1), so no decimal rounding can creep in.
    static let twoPi = Float(bitPattern: 0x40C9_0FDB)
    static let sqrtHalf = Float(bitPattern: 0x3F35_04F3)
    static let minNormPos = Float(bitPattern: 0x0080_0000)
    static let logP0 = Float(bitPattern: 0x3D90_21BB)
    static let logP1 = Float(bitPattern: 0xBDEB_D1B8)
    static let logP2 = Float(bitPattern: 0x3DEF_251A)
    static let logP3 = Float(bitPattern: 0xBDFE_5D4F)
    static let logP4 = Float(bitPattern: 0x3E11_E9BF)
    static let logP5 = Float(bitPattern: 0xBE2A_AE50)
    static let logP6 = Float(bitPattern: 0x3E4C_CEAC)
    static let logP7 = Float(bitPattern: 0xBE7F_FFFC)
    static let logP8 = Float(bitPattern: 0x3EAA_AAAA)
    static let logQ1 = Float(bitPattern: 0xB95E_8083)
    static let logQ2 = Float(bitPattern: 0x3F31_8000)
    static let fourOverPi = Float(bitPattern: 0x3FA2_F983)
    static let minusDP1 = Float(bitPattern: 0xBF49_0000)
    static let minusDP2 = Float(bitPattern: 0xB97D_A000)
    static let minusDP3 = Float(bitPattern: 0xB322_2169)
    static let cosC0 = Float(bitPattern: 0x37CC_F5CE)
    static let cosC1 = Float(bitPattern: 0xBAB6_061A)
    static let cosC2 = Float(bitPattern: 0x3D2A_AAA5)
    static let sinS0 = Float(bitPattern: 0xB94C_A1F9)
    static let sinS1 = Float(bitPattern: 0x3C08_839E)
    static let sinS2 = Float(bitPattern: 0xBE2A_AAA3)

    /// Natural log of `input` exactly as `log256_ps` in PyTorch's AVX2 build computes it.
    ///
    /// Inputs ≤ 0 give NaN, as the AVX2 code does; the normal kernel only passes (0, 1].
    @inline(__always)
    static func log(_ input: Float) -> Float {
        if input <= 0 { return .nan }
        // _mm256_max_ps(x, min_norm): returns the second operand when x is NaN or smaller.
        let x0 = input > minNormPos ? input : minNormPos
        let bits = x0.bitPattern
        let exponent = Int32(bitPattern: bits >> 23) &- 127
        let m = Float(bitPattern: (bits & 0x807F_FFFF) | 0x3F00_0000)  // mantissa in [0.5, 1)
        var e = Float(exponent) + 1
        let below = m < sqrtHalf
        let t: Float = below ? m : 0
        e = e - (below ? 1 : 0)
        var x = m + (-1)
        x = x + t  // second rounding: (m - 1) + t, not fused
        let z = x * x
        // Horner steps, each one fused: y = fma(y, x, Pk).
        var y = logP1.addingProduct(logP0, x)
        y = logP2.addingProduct(y, x)
        y = logP3.addingProduct(y, x)
        y = logP4.addingProduct(y, x)
        y = logP5.addingProduct(y, x)
        y = logP6.addingProduct(y, x)
        y = logP7.addingProduct(y, x)
        y = logP8.addingProduct(y, x)
        let eq1 = e * logQ1
        y = x * y
        y = eq1.addingProduct(y, z)
        y = y.addingProduct(-z, 0.5)
        x = x + y
        return x.addingProduct(e, logQ2)
    }

    /// Sine and cosine of `theta` exactly as `sincos256_ps` in PyTorch's AVX2 build.
    ///
    /// Valid for |theta| below 2^31 / (4/π); the normal kernel passes [0, 2π).
    @inline(__always)
    static func sincos(_ theta: Float) -> (sin: Float, cos: Float) {
        let tbits = theta.bitPattern
        let a = Float(bitPattern: tbits & 0x7FFF_FFFF)
        var signSin = tbits & 0x8000_0000
        // _mm256_cvttps_epi32 truncates; out-of-range gives 0x80000000 instead of trapping.
        let scaled = a * fourOverPi
        var j: Int32 = scaled < 2_147_483_648 ? Int32(scaled) : Int32.min
        j = (j &+ 1) & ~1
        let yf = Float(j)
        signSin ^= UInt32(bitPattern: j & 4) << 29
        let useCosPoly = (j & 2) == 0
        var x = a.addingProduct(yf, minusDP1)
        x = x.addingProduct(yf, minusDP2)
        x = x.addingProduct(yf, minusDP3)
        let signCos = UInt32(bitPattern: ~(j &- 2) & 4) << 29
        let z = x * x
        let halfZ = z * 0.5

        var c = cosC1.addingProduct(cosC0, z)
        c = cosC2.addingProduct(c, z)
        c = z * c
        c = (-halfZ).addingProduct(z, c)
        c = c + 1

        var s = sinS1.addingProduct(sinS0, z)
        s = sinS2.addingProduct(s, z)
        s = z * s
        s = x.addingProduct(x, s)

        // The AVX2 code blends with masks and then adds, so an unused term is +0; this
        // only matters for the sign of a zero result, but keep it literal.
        let sinPart: Float = useCosPoly ? s : 0
        let cosPart: Float = useCosPoly ? 0 : c
        let sinV = sinPart + cosPart
        let cosV = (s - sinPart) + (c - cosPart)
        return (Float(bitPattern: sinV.bitPattern ^ signSin),
                Float(bitPattern: cosV.bitPattern ^ signCos))
    }

    /// Transforms one 16-value window of uniforms into normals with the AVX2 kernel.
    ///
    /// Lanes j = 0…7 pair `w[j]` (radius) with `w[j+8]` (angle), as `normal_fill_16_AVX2`.
    @inline(__always)
    static func boxMuller16(_ w: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        for j in 0..<8 {
            let u1 = 1 - w[j]  // [0, 1) -> (0, 1] so the log is finite
            let u2 = w[j + 8]
            let radius = (log(u1) * -2).squareRoot()
            let theta = twoPi * u2
            let (s, c) = sincos(theta)
            w[j] = mean.addingProduct(radius * c, std)
            w[j + 8] = mean.addingProduct(radius * s, std)
        }
    }
}
