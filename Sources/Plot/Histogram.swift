/// `bins=` of `hist`: a count of equal-width bins or explicit increasing edges.
public enum HistogramBins: Equatable, Sendable {
    /// That many equal-width bins over the data range (matplotlib default 10).
    case count(Int)
    /// Bin edges (n + 1 values for n bins), increasing.
    case edges([Double])
}

/// The result of `hist` / `numpy.histogram`: `counts[i]` values fell in `[edges[i], edges[i+1])`
/// (the last bin includes its right edge).
public struct Histogram: Equatable, Sendable {
    /// Count (or density) per bin.
    public var counts: [Double]
    /// Bin edges, one more than `counts`.
    public var edges: [Double]

    /// Computes a histogram exactly as `numpy.histogram` does (NaN values are ignored as matplotlib
    /// does when it picks the range; values outside `range` are not counted).
    public init(_ data: [Double], bins: HistogramBins = .count(10), range: (Double, Double)? = nil, density: Bool = false) throws {
        let finite = data.filter { !$0.isNaN }
        var edges: [Double]
        switch bins {
        case .count(let n):
            guard n > 0 else { throw PlotError.value("`bins` must be positive, when an integer") }
            guard n <= 10_000_000 else { throw PlotError.value("too many bins: \(n) (at most 10000000)") }
            var lo: Double, hi: Double
            if let r = range {
                (lo, hi) = r
                guard lo.isFinite, hi.isFinite else {
                    throw PlotError.value("supplied range of [\(Format.number(lo)), \(Format.number(hi))] is not finite")
                }
                guard lo <= hi else { throw PlotError.value("max must be larger than min in range parameter.") }
            } else if let mn = finite.min(), let mx = finite.max() {
                (lo, hi) = (mn, mx)
                guard lo.isFinite, hi.isFinite else {
                    throw PlotError.value("autodetected range of [\(Format.number(lo)), \(Format.number(hi))] is not finite")
                }
            } else {
                (lo, hi) = (0, 1)
            }
            if lo == hi { lo -= 0.5; hi += 0.5 }
            let step = (hi - lo) / Double(n)
            edges = (0...n).map { Double($0) * step + lo }
            edges[n] = hi
        case .edges(let e):
            guard e.count >= 2 else { throw PlotError.value("`bins` must have at least two edges, when an array") }
            guard zip(e, e.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw PlotError.value("`bins` must increase monotonically, when an array")
            }
            guard e.allSatisfy(\.isFinite) else { throw PlotError.value("bins must be finite") }
            edges = e
        }
        let nb = edges.count - 1
        var counts = [Double](repeating: 0, count: nb)
        let first = edges[0], last = edges[nb]
        for v in finite where v >= first && v <= last {
            // Binary search: the last edge index i with edges[i] <= v; the top edge joins the last bin.
            var lo = 0, hi = nb
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if edges[mid] <= v { lo = mid } else { hi = mid }
            }
            counts[lo] += 1
        }
        if density {
            let total = counts.reduce(0, +)
            for i in 0..<nb {
                let w = edges[i + 1] - edges[i]
                counts[i] = counts[i] / w / total
            }
        }
        self.counts = counts
        self.edges = edges
    }
}

extension Axes {
    /// `hist([a, b, …], bins=, range=, density=, color=[…], alpha=, label=[…])`: several datasets
    /// binned over their common range and drawn side by side in each bin (80% of the bin shared),
    /// as matplotlib's `histtype='bar'` does. Returns one `Histogram` per dataset.
    @discardableResult
    public func hist(datasets: [[Double]], bins: HistogramBins = .count(10), range: (Double, Double)? = nil, density: Bool = false,
                     colors: [Color]? = nil, alpha: Double? = nil, labels: [String]? = nil) throws -> [Histogram] {
        guard datasets.count != 1 else {
            return [try hist(datasets[0], bins: bins, range: range, density: density, color: colors?.first, alpha: alpha, label: labels?.first)]
        }
        try Check.alpha(alpha)
        let n = datasets.count
        if let c = colors, c.count != n { throw PlotError.value("The 'color' keyword argument must have one color per dataset, but \(n) datasets and \(c.count) colors were provided") }
        if let l = labels, l.count != n { throw PlotError.value("label must have one entry per dataset: \(n) datasets and \(l.count) labels") }
        var common = range
        if common == nil, case .count = bins {
            let all = datasets.joined().filter { !$0.isNaN }
            if let lo = all.min(), let hi = all.max() { common = (lo, hi) }
        }
        let results = try datasets.map { try Histogram($0, bins: bins, range: common, density: density) }
        let colorList = colors ?? (0..<n).map { _ in nextLineColor() }
        for (i, h) in results.enumerated() {
            let m = h.counts.count
            var left: [Double] = [], width: [Double] = []
            for j in 0..<m {
                let total = h.edges[j + 1] - h.edges[j]
                let w = 0.8 * total / Double(n)
                let centre = h.edges[j] + 0.5 * total - 0.5 * 0.8 * total * (1 - 1 / Double(n)) + Double(i) * w
                left.append(centre - w / 2); width.append(w)
            }
            series.append(.bars(BarSeries(left: left, width: width, bottom: Array(repeating: 0, count: m), height: h.counts,
                                          color: colorList[i], edgeColor: nil, alpha: alpha, label: labels?[i])))
        }
        return results
    }
}
