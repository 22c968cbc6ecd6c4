import Foundation

/// Grid coordinates for `contour`: 1-D (one per column for x, per row for y) or a full meshgrid.
public enum GridCoordinates: Equatable, Sendable {
    /// One coordinate per column (x) or per row (y).
    case vector([Double])
    /// A coordinate per grid point, the same shape as Z.
    case matrix([[Double]])
}

/// `levels=` of `contour`: a count (chosen like matplotlib's `MaxNLocator(n + 1)`) or explicit values.
public enum ContourLevels: Equatable, Sendable {
    /// About this many intervals at round numbers (matplotlib's default is 7).
    case count(Int)
    /// These levels, increasing.
    case values([Double])
}

extension ContourSeries {
    /// Validates the grid with matplotlib's messages and resolves the levels.
    static func make(x: GridCoordinates?, y: GridCoordinates?, z: [[Double]], levels: ContourLevels, filled: Bool,
                     cmap: Colormap, color: Color?, lineWidth: Double, alpha: Double?) throws -> ContourSeries {
        guard let first = z.first, z.allSatisfy({ $0.count == first.count }) else {
            throw PlotError.type("Input z must be 2D, not 1D")
        }
        let rows = z.count, cols = first.count
        guard rows >= 2, cols >= 2 else {
            throw PlotError.type("Input z must be at least a (2, 2) shaped array, but has shape \(Check.shape(rows, cols))")
        }
        guard rows * cols <= 4_000_000 else { throw PlotError.value("contour grid \(Check.shape(rows, cols)) is too large (at most 4000000 points)") }
        func grid(_ g: GridCoordinates?, isX: Bool) throws -> [[Double]] {
            switch g {
            case nil:
                return (0..<rows).map { r in (0..<cols).map { c in Double(isX ? c : r) } }
            case .vector(let v)?:
                let need = isX ? cols : rows
                guard v.count == need else {
                    throw PlotError.type("Length of \(isX ? "x" : "y") (\(v.count)) must match number of \(isX ? "columns" : "rows") in z (\(need))")
                }
                return (0..<rows).map { r in (0..<cols).map { c in isX ? v[c] : v[r] } }
            case .matrix(let m)?:
                guard m.count == rows, m.allSatisfy({ $0.count == cols }) else {
                    let shape = Check.shape(m.count, m.first?.count ?? 0)
                    throw PlotError.type("Shapes of \(isX ? "x" : "y") \(shape) and z \(Check.shape(rows, cols)) do not match")
                }
                return m
            }
        }
        let gx = try grid(x, isX: true), gy = try grid(y, isX: false)
        let finite = z.joined().filter(\.isFinite)
        guard let zmin = finite.min(), let zmax = finite.max() else {
            throw PlotError.value("contour needs at least one finite z value")
        }
        var lv: [Double]
        switch levels {
        case .count(let n):
            guard n > 0, n <= 1000 else { throw PlotError.value("levels must be between 1 and 1000, not \(n)") }
            lv = autoLevels(n, zmin: zmin, zmax: zmax)
        case .values(let v):
            guard v.allSatisfy(\.isFinite) else { throw PlotError.value("Contour levels must be finite") }
            lv = v
        }
        if filled && lv.count < 2 { throw PlotError.value("Filled contours require at least 2 levels.") }
        if lv.count > 1, zip(lv, lv.dropFirst()).contains(where: { $1 - $0 <= 0 }) {
            throw PlotError.value("Contour levels must be increasing")
        }
        return ContourSeries(x: gx, y: gy, z: z, levels: lv, filled: filled, colormap: cmap, color: color,
                             lineWidth: lineWidth, alpha: alpha)
    }

    /// matplotlib's `_autolev`: `MaxNLocator(n + 1, min_n_ticks=1).tick_values(zmin, zmax)`, trimmed.
    static func autoLevels(_ n: Int, zmin: Double, zmax: Double) -> [Double] {
        let lev = MaxNLocator(nbins: n + 1).tickValues(zmin, zmax)
        let under = lev.indices.filter { lev[$0] < zmin }
        var i0 = under.last ?? 0
        let over = lev.indices.filter { lev[$0] > zmax }
        var i1 = over.first.map { $0 + 1 } ?? lev.count
        if i1 - i0 < 3 { i0 = 0; i1 = lev.count }
        return Array(lev[i0..<i1])
    }
}

/// matplotlib's `ticker.MaxNLocator` with its default steps [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] and `min_n_ticks=1`.
struct MaxNLocator {
    var nbins: Int

    func tickValues(_ a: Double, _ b: Double) -> [Double] {
        var (vmin, vmax) = (min(a, b), max(a, b))
        // mtransforms.nonsingular(expander=1e-13, tiny=1e-14)
        let maxabs = max(abs(vmin), abs(vmax))
        if maxabs < 1e-300 { (vmin, vmax) = (-1e-13, 1e-13) }
        else if vmax - vmin <= maxabs * 1e-14 {
            if vmax == 0 && vmin == 0 { (vmin, vmax) = (-1e-13, 1e-13) }
            else { vmin -= 1e-13 * abs(vmin); vmax += 1e-13 * abs(vmax) }
        }
        let n = Double(nbins)
        let dv = abs(vmax - vmin), meanv = (vmax + vmin) / 2
        let offset = abs(meanv) / dv < 100 ? 0 : (meanv < 0 ? -1 : 1) * pow(10, floor(log10(abs(meanv))))
        let scale = pow(10, floor(log10(dv / n)))
        let lo = vmin - offset, hi = vmax - offset
        let base: [Double] = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]
        let steps = (base.dropLast().map { $0 * 0.1 } + base + [base[1] * 10]).map { $0 * scale }
        let raw = (hi - lo) / n
        let istep = steps.firstIndex { $0 >= raw } ?? steps.count - 1
        var ticks: [Double] = []
        for step in steps[0...istep].reversed() {
            let best = floorDiv(lo, step) * step
            let tol = tolerance(offset: offset, step: step)
            let low = le(lo - best, step, tol), high = ge(hi - best, step, tol)
            guard high - low < 100_000 else { continue }
            ticks = stride(from: low, through: high, by: 1).map { $0 * step + best }
            if ticks.contains(where: { $0 <= hi && $0 >= lo }) { break }
        }
        return ticks.map { $0 + offset }
    }

    private func floorDiv(_ x: Double, _ y: Double) -> Double { divmod(x, y).0 }

    private func tolerance(offset: Double, step: Double) -> Double {
        guard offset > 0 else { return 1e-10 }
        let digits = log10(offset / step)
        return min(0.4999, max(1e-10, pow(10, digits - 12)))
    }

    /// CPython's float `divmod` (floor division and modulo with the divisor's sign).
    private func divmod(_ vx: Double, _ wx: Double) -> (Double, Double) {
        var mod = fmod(vx, wx)
        var div = (vx - mod) / wx
        if mod != 0 {
            if (wx < 0) != (mod < 0) { mod += wx; div -= 1 }
        } else {
            mod = wx < 0 ? -0.0 : 0.0
        }
        var floordiv: Double
        if div != 0 {
            floordiv = floor(div)
            if div - floordiv > 0.5 { floordiv += 1 }
        } else {
            floordiv = (vx / wx) < 0 ? -0.0 : 0.0
        }
        return (floordiv, mod)
    }

    private func le(_ x: Double, _ step: Double, _ tol: Double) -> Double {
        let (d, m) = divmod(x, step)
        return abs(m / step - 1) < tol ? d + 1 : d
    }

    private func ge(_ x: Double, _ step: Double, _ tol: Double) -> Double {
        let (d, m) = divmod(x, step)
        return abs(m / step) < tol ? d : d + 1
    }
}
