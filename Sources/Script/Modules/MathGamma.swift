import Foundation

/// CPython's own `math.gamma` and `math.lgamma` (Lanczos approximation from Modules/mathmodule.c), so
/// results match CPython to the last bit rather than the C library's.
enum MathGamma {
    static let lanczosG = 6.024680040776729583740234375
    static let lanczosGMinusHalf = 5.524680040776729583740234375
    static let numerator: [Double] = [
        23531376880.410759688572007674451636754734846804940, 42919803642.649098768957899047001988850926355848959,
        35711959237.355668049440185451547166705960488635843, 17921034426.037209699919755754458931112671403265390,
        6039542586.3520280050642916443072979210699388420708, 1439720407.3117216736632230727949123939715485786772,
        248874557.86205415651146038641322942321632125127801, 31426415.585400194380614231628318205362874684987640,
        2876370.6289353724412254090516208496135991145378768, 186056.26539522349504029498971604569928220784236328,
        8071.6720023658162106380029022722506138218516325024, 210.82427775157934587250973392071336271166969580291,
        2.5066282746310002701649081771338373386264310793408,
    ]
    static let denominator: [Double] = [0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
                                        13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0]
    static let factorials: [Double] = {
        var out: [Double] = [1]
        for i in 1..<23 { out.append(out[i - 1] * Double(i)) }
        return out
    }()

    static func lanczosSum(_ x: Double) -> Double {
        var num = 0.0, den = 0.0
        if x < 5.0 {
            for i in stride(from: numerator.count - 1, through: 0, by: -1) {
                num = num * x + numerator[i]
                den = den * x + denominator[i]
            }
        } else {
            for i in 0..<numerator.count {
                num = num / x + numerator[i]
                den = den / x + denominator[i]
            }
        }
        return num / den
    }

    static func sinpi(_ x: Double) -> Double {
        let y = fmod(Swift.abs(x), 2.0)
        let r: Double
        switch Int((2.0 * y).rounded()) {
        case 0: r = sin(Double.pi * y)
        case 1: r = cos(Double.pi * (y - 0.5))
        case 2: r = sin(Double.pi * (1.0 - y))
        case 3: r = -cos(Double.pi * (y - 1.5))
        default: r = sin(Double.pi * (y - 2.0))
        }
        return copysign(1.0, x) * r
    }

    /// `math.gamma(x)`.
    static func gamma(_ x: Double) throws -> Double {
        let domain = PyError.value("math domain error"), range = PyError.overflow("math range error")
        if !x.isFinite {
            if x.isNaN || x > 0 { return x }
            throw domain
        }
        if x == 0 { throw domain }
        if x == x.rounded(.down) {
            if x < 0 { throw domain }
            if x <= 23 { return factorials[Int(x) - 1] }
        }
        let absx = Swift.abs(x)
        if absx < 1e-20 {
            let r = 1.0 / x
            if r.isInfinite { throw range }
            return r
        }
        if absx > 200.0 {
            if x < 0 { return 0.0 / sinpi(x) }
            throw range
        }
        let y = absx + lanczosGMinusHalf
        var z: Double
        if absx > lanczosGMinusHalf {
            let q = y - absx
            z = q - lanczosGMinusHalf
        } else {
            let q = y - lanczosGMinusHalf
            z = q - absx
        }
        z = z * lanczosG / y
        var r: Double
        if x < 0 {
            r = -Double.pi / sinpi(absx) / absx * exp(y) / lanczosSum(absx)
            r -= z * r
            if absx < 140 { r /= pow(y, absx - 0.5) } else {
                let s = pow(y, absx / 2.0 - 0.25)
                r /= s
                r /= s
            }
        } else {
            r = lanczosSum(absx) / exp(y)
            r += z * r
            if absx < 140 { r *= pow(y, absx - 0.5) } else {
                let s = pow(y, absx / 2.0 - 0.25)
                r *= s
                r *= s
            }
        }
        if r.isInfinite { throw range }
        return r
    }

    /// `math.lgamma(x)`.
    static func lgamma(_ x: Double) throws -> Double {
        if !x.isFinite { return x.isNaN ? x : .infinity }
        if x == x.rounded(.down) && x <= 2.0 {
            if x <= 0 { throw PyError.value("math domain error") }
            return 0.0
        }
        let absx = Swift.abs(x)
        if absx < 1e-20 { return -log(absx) }
        var r = log(lanczosSum(absx)) - lanczosG
        r += (absx - 0.5) * (log(absx + lanczosG - 0.5) - 1)
        if x < 0 { r = log(Double.pi) - log(Swift.abs(sinpi(absx))) - log(absx) - r }
        if r.isInfinite { throw PyError.overflow("math range error") }
        return r
    }
}
