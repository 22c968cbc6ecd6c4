import Foundation

extension AxesRenderer {
    /// Contour lines come from marching squares (chained into polylines, one block per level);
    /// filled contours are the grid resampled bilinearly onto a fine uniform raster where each
    /// pixel takes its band's mid value, drawn `with image` through the colour map.
    mutating func addContour(_ c: ContourSeries) throws {
        let xs = c.x.joined(), ys = c.y.joined()
        sticky = true
        include(x: [xs.min() ?? 0, xs.max() ?? 1], y: [ys.min() ?? 0, ys.max() ?? 1], track: false)
        let lo = c.levels.first ?? 0, hi = c.levels.last ?? 1
        if c.filled {
            try addFilledContour(c)
            mappableFromLevels(c.colormap, lo, hi)
            return
        }
        if c.color == nil { mappableFromLevels(c.colormap, lo, hi) }
        for level in c.levels {
            let lines = ContourTracer(x: c.x, y: c.y, z: c.z).lines(at: level)
            guard !lines.isEmpty else { continue }
            var rows: [[Double]] = []
            for (i, line) in lines.enumerated() {
                if i > 0 { rows.append([]) }
                rows += line.map { [$0.0, $0.1] }
            }
            let k = data.block(rows)
            let t = hi > lo ? (level - lo) / (hi - lo) : 0
            let color = c.color ?? c.colormap.color(at: t)
            let dash: LineStyle = c.color != nil && level < 0 ? .dashed : .solid
            clauses.append("WICK_DATA index \(k) using 1:2 with lines lc \(color.gnuplot(alpha: c.alpha)) lw \(GP.width(c.lineWidth, scale: scale.line)) dt \(dash.gnuplotDash) notitle")
        }
    }

    private mutating func mappableFromLevels(_ cmap: Colormap, _ lo: Double, _ hi: Double) {
        mappable = (cmap, lo, hi > lo ? hi : lo + 1)
    }

    private mutating func addFilledContour(_ c: ContourSeries) throws {
        let rows = c.z.count, cols = c.z.first?.count ?? 0
        let colX = c.x.first ?? [], rowY = c.y.map { $0.first ?? .nan }
        let rectilinear = (0..<rows).allSatisfy { r in c.x[r] == colX } && c.y.allSatisfy { row in row.allSatisfy { $0 == row.first } }
        guard rectilinear, Self.strictlyMonotone(colX), Self.strictlyMonotone(rowY) else {
            throw PlotError.notImplemented("contourf is drawn only on rectilinear grids (X varying along columns, Y along rows, both monotone)")
        }
        let nx = min(400, max(cols, 200)), ny = min(400, max(rows, 200))
        let x0 = colX[0], x1 = colX[cols - 1], y0 = rowY[0], y1 = rowY[rows - 1]
        let dx = (x1 - x0) / Double(nx - 1), dy = (y1 - y0) / Double(ny - 1)
        let levels = c.levels
        var raster: [[Double]] = []
        raster.reserveCapacity(ny)
        for j in 0..<ny {
            let (r, fr) = Self.locate(y0 + Double(j) * dy, in: rowY)
            var line = [Double](repeating: .nan, count: nx)
            for i in 0..<nx {
                let (q, fq) = Self.locate(x0 + Double(i) * dx, in: colX)
                let z00 = c.z[r][q], z01 = c.z[r][q + 1], z10 = c.z[r + 1][q], z11 = c.z[r + 1][q + 1]
                let z = (z00 * (1 - fq) + z01 * fq) * (1 - fr) + (z10 * (1 - fq) + z11 * fq) * fr
                line[i] = Self.bandValue(z, levels)
            }
            raster.append(line)
        }
        let k = data.matrix(raster)
        clauses.append("WICK_DATA index \(k) matrix using (\(Format.gp(x0))+$1*\(Format.gp(dx))):(\(Format.gp(y0))+$2*\(Format.gp(dy))):3 with image notitle")
    }

    static func strictlyMonotone(_ v: [Double]) -> Bool {
        guard v.count >= 2, v.allSatisfy(\.isFinite) else { return false }
        let up = zip(v, v.dropFirst()).allSatisfy { $0 < $1 }
        let down = zip(v, v.dropFirst()).allSatisfy { $0 > $1 }
        return up || down
    }

    /// The cell index i (0 ≤ i ≤ count-2) and fraction of `value` between `coords[i]` and `coords[i+1]`.
    static func locate(_ value: Double, in coords: [Double]) -> (Int, Double) {
        let n = coords.count
        let ascending = coords[n - 1] > coords[0]
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if (coords[mid] <= value) == ascending { lo = mid } else { hi = mid }
        }
        let span = coords[lo + 1] - coords[lo]
        let f = span != 0 ? (value - coords[lo]) / span : 0
        return (lo, min(max(f, 0), 1))
    }

    /// The middle of the band (levels[i], levels[i+1]] holding z (the first band includes its low
    /// edge); NaN outside the levels, as matplotlib leaves those regions empty.
    static func bandValue(_ z: Double, _ levels: [Double]) -> Double {
        guard z.isFinite, let first = levels.first, let last = levels.last, z >= first, z <= last else { return .nan }
        var lo = 0, hi = levels.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if levels[mid] < z { lo = mid } else { hi = mid }
        }
        return (levels[lo] + levels[lo + 1]) / 2
    }
}

/// Marching squares over a (possibly curvilinear) grid, chaining segments into polylines.
struct ContourTracer {
    let x: [[Double]], y: [[Double]], z: [[Double]]

    /// Polylines of the level set z = `level`.
    func lines(at level: Double) -> [[(Double, Double)]] {
        let rows = z.count, cols = z.first?.count ?? 0
        guard rows >= 2, cols >= 2 else { return [] }
        // Edge ids: horizontal edge (r,c)-(r,c+1) = 2*(r*cols+c); vertical (r,c)-(r+1,c) = 2*(r*cols+c)+1.
        var points: [Int: (Double, Double)] = [:]
        var segments: [(Int, Int)] = []
        func point(_ id: Int, _ r0: Int, _ c0: Int, _ r1: Int, _ c1: Int) -> Int {
            if points[id] == nil {
                let a = z[r0][c0], b = z[r1][c1]
                let t = b != a ? (level - a) / (b - a) : 0.5
                points[id] = (x[r0][c0] + t * (x[r1][c1] - x[r0][c0]), y[r0][c0] + t * (y[r1][c1] - y[r0][c0]))
            }
            return id
        }
        for r in 0..<(rows - 1) {
            for c in 0..<(cols - 1) {
                let z00 = z[r][c], z01 = z[r][c + 1], z11 = z[r + 1][c + 1], z10 = z[r + 1][c]
                guard z00.isFinite, z01.isFinite, z11.isFinite, z10.isFinite else { continue }
                let above = [z00 > level, z01 > level, z11 > level, z10 > level]
                var crossed: [Int] = []
                if above[0] != above[1] { crossed.append(point(2 * (r * cols + c), r, c, r, c + 1)) }
                if above[1] != above[2] { crossed.append(point(2 * (r * cols + c + 1) + 1, r, c + 1, r + 1, c + 1)) }
                if above[2] != above[3] { crossed.append(point(2 * ((r + 1) * cols + c), r + 1, c, r + 1, c + 1)) }
                if above[3] != above[0] { crossed.append(point(2 * (r * cols + c) + 1, r, c, r + 1, c)) }
                if crossed.count == 2 {
                    segments.append((crossed[0], crossed[1]))
                } else if crossed.count == 4 {
                    let centreAbove = (z00 + z01 + z11 + z10) / 4 > level
                    // crossed = [top, right, bottom, left]; cut off the corners not joined through the centre.
                    if centreAbove == above[0] {
                        segments.append((crossed[0], crossed[1])); segments.append((crossed[2], crossed[3]))
                    } else {
                        segments.append((crossed[3], crossed[0])); segments.append((crossed[1], crossed[2]))
                    }
                }
            }
        }
        return chain(segments, points)
    }

    private func chain(_ segments: [(Int, Int)], _ points: [Int: (Double, Double)]) -> [[(Double, Double)]] {
        var byEdge: [Int: [Int]] = [:]
        for (i, s) in segments.enumerated() { byEdge[s.0, default: []].append(i); byEdge[s.1, default: []].append(i) }
        var used = [Bool](repeating: false, count: segments.count)
        var result: [[(Double, Double)]] = []
        func extend(_ start: Int, _ from: Int) -> [Int] {
            var ids: [Int] = []
            var edge = start, seg = from
            while true {
                used[seg] = true
                let s = segments[seg]
                edge = s.0 == edge ? s.1 : s.0
                ids.append(edge)
                guard let next = byEdge[edge]?.first(where: { !used[$0] }) else { break }
                seg = next
            }
            return ids
        }
        for i in segments.indices where !used[i] {
            let (a, b) = segments[i]
            let forward = extend(a, i)
            var backward: [Int] = []
            if let next = byEdge[a]?.first(where: { !used[$0] }) { backward = extend(a, next) }
            let ids = backward.reversed() + [a] + forward
            _ = b
            result.append(ids.compactMap { points[$0] })
        }
        return result
    }
}
