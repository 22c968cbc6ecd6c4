import XCTest
@testable import Plot

/// One golden gnuplot script (and data) per pyplot call.
final class GoldenScriptTests: XCTestCase {
    private func figure() throws -> (Figure, Axes) {
        let f = try Figure(number: 1)
        return (f, f.gca())
    }

    func testPlotY() throws {
        let (f, ax) = try figure()
        try ax.plot(nil, [1, 4, 9, 16])
        Golden.check("plot_y", f)
    }

    func testPlotFormatStrings() throws {
        let (f, ax) = try figure()
        let x: [Double] = [0, 1, 2, 3]
        try ax.plot(x, [0, 1, 2, 3], fmt: "r--", LineProperties(label: "r--"))
        try ax.plot(x, [1, 2, 3, 4], fmt: "o-", LineProperties(label: "o-"))
        try ax.plot(x, [2, 3, 4, 5], fmt: "k:", LineProperties(label: "k:"))
        try ax.plot(x, [3, 4, 5, 6], fmt: "C1", LineProperties(label: "C1"))
        try ax.plot(x, [4, 5, 6, 7], fmt: "^", LineProperties(label: "^"))
        try ax.showLegend()
        Golden.check("plot_fmt", f)
    }

    func testPlotKeywords() throws {
        let (f, ax) = try figure()
        try ax.plot([1, 2, 3], [3, 1, 2], LineProperties(color: Color.parse("tab:green"), lineStyle: .dashDot, marker: .some(.square),
                                                      lineWidth: 3, markerSize: 10, alpha: 0.5, label: "kw"))
        try ax.plot([1, 2, 3], [.nan, 2, .infinity], LineProperties(color: Color.parse("#abc")))
        Golden.check("plot_kwargs", f)
    }

    func testScatter() throws {
        let (f, ax) = try figure()
        try ax.scatter([1, 2, 3], [1, 4, 9], label: "uniform")
        try ax.scatter([1, 2, 3], [2, 5, 8], colors: .mapped([0.1, 0.5, 0.9]), sizes: [10, 40, 90], cmap: Colormap.named("coolwarm"))
        try ax.scatter([1, 2], [3, 3], colors: .perPoint([Color.parse("red"), Color.parse("b")]), marker: .x, alpha: 0.5)
        try f.colorbar()
        try ax.showLegend(location: "upper left")
        Golden.check("scatter", f)
    }

    func testHist() throws {
        let (f, ax) = try figure()
        let h = try ax.hist([1, 2, 2, 3, 3, 3, 4, 4, 5], bins: .count(4), alpha: 0.7, label: "counts")
        XCTAssertEqual(h.counts, [1, 2, 3, 3])
        try ax.hist([0, 1, 1.5, 2], bins: .edges([0, 1, 2]), density: true)
        Golden.check("hist", f)
    }

    func testBar() throws {
        let (f, ax) = try figure()
        try ax.bar([1, 2, 3], [3, 5, 2], width: [0.5], label: "numeric")
        try ax.bar([1, 2, 3], [1, 1, 1], bottom: [3, 5, 2], color: Color.parse("C3"), edgeColor: Color.parse("k"))
        Golden.check("bar", f)
        let (g, bx) = try figure()
        try bx.bar(categories: ["cat", "dog", "it's"], [4, 2, 7])
        Golden.check("bar_categories", g)
    }

    func testErrorbar() throws {
        let (f, ax) = try figure()
        try ax.errorbar([1, 2, 3], [2, 4, 3], yerr: ErrorExtent(lower: [0.5]), fmt: "o", capSize: 4)
        try ax.errorbar([1, 2, 3], [1, 2, 1], yerr: ErrorExtent(lower: [0.1, 0.2, 0.3], upper: [0.3, 0.2, 0.1]),
                        xerr: ErrorExtent(lower: [0.2]), LineProperties(label: "both"))
        Golden.check("errorbar", f)
    }

    func testFillBetween() throws {
        let (f, ax) = try figure()
        try ax.plot([0, 1, 2], [1, 2, 1])
        try ax.fillBetween([0, 1, 2], [0.5, 1.5, 0.5], [1.5, 2.5, 1.5], alpha: 0.3, label: "band")
        try ax.fillBetween([0, 1, 2], [0.2])
        Golden.check("fill_between", f)
    }

    func testReferenceLines() throws {
        let (f, ax) = try figure()
        try ax.plot([0, 10], [0, 5])
        try ax.axhline(2.5, LineProperties(color: Color.parse("gray"), lineStyle: .dashed, label: "mean"))
        try ax.axvline(4, ymin: 0.25, ymax: 0.75)
        try ax.showLegend(location: "lower right")
        Golden.check("axhline_axvline", f)
    }

    func testImshow() throws {
        let (f, ax) = try figure()
        try ax.imshow([[1, 2, 3], [4, 5, 6]], cmap: Colormap.named("gray"), vmin: 0, vmax: 10)
        try f.colorbar(label: "intensity")
        ax.title = "confusion"
        Golden.check("imshow", f)
        ax.axisVisible = false
        Golden.check("imshow_axis_off", f)
    }

    func testImshowExtentOriginAndRGB() throws {
        let (f, ax) = try figure()
        try ax.imshow([[1, 2, 3], [4, 5, 6]], extent: ImageExtent(left: -2, right: 2, bottom: 0, top: 1), originLower: true)
        let l = try ax.viewLimits()
        XCTAssertEqual([l.x.lower, l.x.upper, l.y.lower, l.y.upper], [-2, 2, 0, 1])
        Golden.check("imshow_extent", f)
        let (g, bx) = try figure()
        let red = try Color.parse("red"), half = try Color(red: 0, green: 0, blue: 1, alpha: 0.5)
        try bx.imshow(colors: [[red, half], [half, red]])
        XCTAssertFalse(bx.hasMappable)
        Golden.check("imshow_rgb", g)
    }

    func testContour() throws {
        let (f, ax) = try figure()
        let g: [Double] = [-1, 0, 1]
        let z = g.map { y in g.map { x in x * x + y * y } }
        let c = try ax.contour(x: .vector(g), y: .vector(g), z: z, levels: .values([0.5, 1.5]), color: Color.parse("k"))
        XCTAssertEqual(c.levels, [0.5, 1.5])
        Golden.check("contour", f)
    }

    func testContourf() throws {
        let (f, ax) = try figure()
        let z: [[Double]] = [[0, 1, 2], [1, 2, 3]]
        let c = try ax.contour(z: z, levels: .count(3), filled: true, cmap: Colormap.named("RdBu"))
        XCTAssertEqual(c.levels, [0.0, 0.8, 1.6, 2.4000000000000004, 3.2])
        try f.colorbar()
        Golden.check("contourf", f)
    }

    func testTextAndAnnotate() throws {
        let (f, ax) = try figure()
        try ax.plot([0, 1], [0, 1])
        try ax.text(0.2, 0.8, "note", color: Color.parse("red"), fontSize: 14)
        try ax.text(0.5, 0.5, "centre", horizontalAlignment: "center", coordinates: .axesFraction)
        try ax.annotate("peak", xy: (1, 1), xytext: (0.6, 0.4), arrow: true)
        Golden.check("text_annotate", f)
    }

    func testDecoration() throws {
        let (f, ax) = try figure()
        try ax.plot([1, 10, 100], [1, 100, 10000], LineProperties(label: "growth"))
        ax.title = "Decorated"; ax.xlabel = "epoch"; ax.ylabel = "loss"
        try ax.setXScale("log"); try ax.setYScale("log")
        try ax.setXLim(0.5, nil); try ax.setYLim(nil, 1e5)
        ax.grid(true)
        try ax.setYTicks([1, 100, 10000], labels: ["one", "hundred", "100%"])
        ax.legend = try Legend(code: 2)
        Golden.check("decoration", f)
    }

    func testAxesOptions() throws {
        let (f, ax) = try figure()
        try ax.plot([0, 1, 2], [0, 2, 1])
        ax.xtickRotation = 45
        ax.xInverted = true
        ax.equalAspect = true
        try ax.setXTicks([0, 1, 2], labels: ["zero", "one", "two"])
        Golden.check("axes_options", f)
        let (g, bx) = try figure()
        try bx.imshow([[0, 1], [1, 0]])
        bx.yInverted = true
        bx.equalAspect = false
        Golden.check("imshow_origin_lower", g)
    }

    func testSubplotsWithSuptitle() throws {
        let plt = PyplotState()
        let (f, axs) = try plt.subplots(nrows: 2, ncols: 2, figsize: FigureSize(width: 8, height: 6))
        f.suptitle = "grid"
        for (i, row) in axs.enumerated() {
            for (j, ax) in row.enumerated() { try ax.plot(nil, [Double(i), Double(j)]); ax.title = "(\(i),\(j))" }
        }
        Golden.check("subplots", f)
    }

    func testMixedSubplotGrids() throws {
        let plt = PyplotState()
        try plt.subplot(2, 2, 1).plot(nil, [1, 2])
        try plt.subplot(2, 2, 2).plot(nil, [2, 1])
        try plt.subplot(2, 1, 2).plot(nil, [1, 1])
        Golden.check("subplot_mixed", plt.gcf())
    }

    func testOtherTerminals() throws {
        let (f, ax) = try figure()
        try ax.plot(nil, [1, 2])
        Golden.check("terminal_svg", f, format: .svg)
        Golden.check("terminal_pdf", f, format: .pdf)
        Golden.check("terminal_dumb", f, format: .dumb(columns: 80, rows: 24, ansi: true))
        Golden.check("terminal_sixel", f, format: .sixel(width: 640, height: 480))
    }

    func testEmptyFigureAndAxes() throws {
        let f = try Figure(number: 3)
        Golden.check("empty_figure", f)
        _ = f.gca()
        Golden.check("empty_axes", f)
    }
}
