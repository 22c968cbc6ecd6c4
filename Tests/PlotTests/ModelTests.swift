import XCTest
@testable import Plot

/// The figure model: numbers against numpy/matplotlib 3.11 (values printed by the venv's
/// numpy and matplotlib), and matplotlib's error messages.
final class ModelTests: XCTestCase {
    private func assertClose(_ a: [Double], _ b: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, "\(a) vs \(b)", file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-12 * max(1, abs(y)), "\(a) vs \(b)", file: file, line: line) }
    }

    func testHistogramMatchesNumpy() throws {
        let d = [0.1, 0.25, 0.3, 0.7, 0.7, 0.95, 1.0, -0.2, 2.5]
        let h = try Histogram(d)
        XCTAssertEqual(h.counts, [1, 3, 0, 2, 2, 0, 0, 0, 0, 1])
        assertClose(h.edges, [-0.2, 0.07, 0.34, 0.6100000000000001, 0.8800000000000001, 1.1500000000000001, 1.4200000000000002,
                              1.6900000000000002, 1.9600000000000002, 2.23, 2.5])
        assertClose(try Histogram(d, bins: .count(3), density: true).counts, [0.4938271604938272, 0.4938271604938271, 0.1234567901234568])
        XCTAssertEqual(try Histogram(d, bins: .edges([0, 0.5, 1])).counts, [3, 4])
        let same = try Histogram([5, 5, 5], bins: .count(2))
        XCTAssertEqual(same.counts, [0, 3]); XCTAssertEqual(same.edges, [4.5, 5, 5.5])
        XCTAssertEqual(try Histogram([], bins: .count(2)).edges, [0, 0.5, 1])
        XCTAssertEqual(try Histogram([1, 2, 3, 4], bins: .count(3), range: (2, 3)).counts, [1, 0, 1])
        XCTAssertEqual(try Histogram([1, .nan, 2], bins: .count(1)).counts, [2])
    }

    func testMultipleDatasetHistogramSitsSideBySide() throws {
        // matplotlib: hist([[1,2,2,3],[2,3,3,4,5]], bins=2) → counts [[3,1],[1,4]], edges [1,3,5],
        // bars at x = 1.2, 3.2 (first) and 2.0, 4.0 (second), each 0.8 wide.
        let ax = try Figure().gca()
        let hs = try ax.hist(datasets: [[1, 2, 2, 3], [2, 3, 3, 4, 5]], bins: .count(2), labels: ["a", "b"])
        XCTAssertEqual(hs.map(\.counts), [[3, 1], [1, 4]])
        XCTAssertEqual(hs[0].edges, [1, 3, 5])
        guard case .bars(let a) = ax.series[0], case .bars(let b) = ax.series[1] else { return XCTFail("bars expected") }
        assertClose(a.left + b.left, [1.2, 3.2, 1.9999999999999998, 4.0])
        assertClose(a.width, [0.8000000000000003, 0.8000000000000003])
        XCTAssertEqual([a.color.hex, b.color.hex], ["#1f77b4", "#ff7f0e"])
    }

    func testHistogramErrors() {
        assertPlotError(.value, "`bins` must be positive, when an integer") { try Histogram([1], bins: .count(0)) }
        assertPlotError(.value, "`bins` must increase monotonically, when an array") { try Histogram([1], bins: .edges([3, 2, 1])) }
        assertPlotError(.value, "autodetected range of [-inf, 1.0] is not finite") { try Histogram([-.infinity, 1]) }
        assertPlotError(.value, "supplied range of [0.0, inf] is not finite") { try Histogram([1], range: (0, .infinity)) }
    }

    func testContourLevelsMatchMatplotlib() {
        let cases: [(Double, Double, Int, [Double])] = [
            (0, 1, 7, [0.0, 0.15000000000000002, 0.30000000000000004, 0.45000000000000007, 0.6000000000000001, 0.7500000000000001, 0.9000000000000001, 1.0500000000000003]),
            (0, 24, 7, [0, 3, 6, 9, 12, 15, 18, 21, 24]),
            (0, 24, 3, [0, 6, 12, 18, 24]),
            (-3.7, 12.2, 7, [-4, -2, 0, 2, 4, 6, 8, 10, 12, 14]),
            (1000, 1001, 5, [1000.0, 1000.2, 1000.4, 1000.6, 1000.8, 1001.0]),
            (-1e-3, 2e-3, 7, [-0.0012000000000000001, -0.0008000000000000001, -0.0004000000000000001, 0.0, 0.00039999999999999996, 0.0007999999999999999, 0.0012000000000000001, 0.0015999999999999999, 0.002]),
            (0.37, 0.38, 7, [0.369, 0.3705, 0.372, 0.3735, 0.375, 0.3765, 0.378, 0.3795, 0.381]),
        ]
        for (lo, hi, n, want) in cases {
            assertClose(MaxNLocator(nbins: n + 1).tickValues(lo, hi), want)
        }
        assertClose(ContourSeries.autoLevels(7, zmin: 0, zmax: 24), [0, 3, 6, 9, 12, 15, 18, 21, 24])
        assertClose(ContourSeries.autoLevels(5, zmin: 0, zmax: 2), [0.0, 0.4, 0.8, 1.2000000000000002, 1.6, 2.0])
        assertClose(ContourSeries.autoLevels(5, zmin: 0.3, zmax: 1.7), [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75])
    }

    func testFormatStrings() throws {
        XCTAssertEqual(try FormatString.parse("r--"), FormatString(color: try Color.parse("r"), lineStyle: .dashed, marker: nil))
        XCTAssertEqual(try FormatString.parse("o-"), FormatString(color: nil, lineStyle: .solid, marker: .circle))
        XCTAssertEqual(try FormatString.parse("k:"), FormatString(color: .black, lineStyle: .dotted, marker: nil))
        XCTAssertEqual(try FormatString.parse("C1"), FormatString(color: Color.cycle[1], lineStyle: .solid, marker: nil))
        XCTAssertEqual(try FormatString.parse("^"), FormatString(color: nil, lineStyle: .none, marker: .triangleUp))
        XCTAssertEqual(try FormatString.parse("1"), FormatString(color: nil, lineStyle: .none, marker: .triDown))
        XCTAssertEqual(try FormatString.parse("g-.x"), FormatString(color: try Color.parse("g"), lineStyle: .dashDot, marker: .x))
        assertPlotError(.value, "'rx-z' is not a valid format string (unrecognized character 'z')") { try FormatString.parse("rx-z") }
        assertPlotError(.value, "'r--:' is not a valid format string (two linestyle symbols)") { try FormatString.parse("r--:") }
        assertPlotError(.value, "'rg' is not a valid format string (two color symbols)") { try FormatString.parse("rg") }
        assertPlotError(.value, "'ox' is not a valid format string (two marker symbols)") { try FormatString.parse("ox") }
        assertPlotError(.value, "'C' is not a valid format string ('C' must be followed by a number)") { try FormatString.parse("C") }
    }

    func testColours() throws {
        XCTAssertEqual(try Color.parse("C0").hex, "#1f77b4")
        XCTAssertEqual(try Color.parse("C12").hex, "#2ca02c")
        XCTAssertEqual(try Color.parse("tab:orange").hex, "#ff7f0e")
        XCTAssertEqual(try Color.parse("g").hex, "#008000")
        XCTAssertEqual(try Color.parse("rebeccapurple").hex, "#663399")
        XCTAssertEqual(try Color.parse("#F0a").hex, "#ff00aa")
        XCTAssertEqual(try Color.parse("#ff000080").description, "#ff000080")
        XCTAssertEqual(try Color.parse("0.5").hex, "#808080")
        XCTAssertEqual(try Color.parse("#ff000080").gnuplot(), "rgb '#7fff0000'")
        let tail = " is not a valid value for color: supported inputs are (r, g, b) and (r, g, b, a) 0-1 float tuples; '#rrggbb', '#rrggbbaa', '#rgb', '#rgba' strings; named color strings; string reprs of 0-1 floats for grayscale values; 'C0', 'C1', ... strings for colors of the color cycle; and pairs combining one of the above with an alpha value"
        assertPlotError(.value, "'foo'" + tail) { try Color.parse("foo") }
        assertPlotError(.value, "'#12345'" + tail) { try Color.parse("#12345") }
        assertPlotError(.value, "'1.5'" + tail) { try Color.parse("1.5") }
        assertPlotError(.value, "RGBA values should be within 0-1 range") { try Color(red: 2, green: 0, blue: 0) }
        assertPlotError(.value, "'foo' is not a valid value for ls.") { try LineStyle.parse("foo") }
        assertPlotError(.value, "Unrecognized marker style 'foo'") { try Marker.parse("foo") }
        XCTAssertEqual(try Colormap.named("viridis").color(at: 0).hex, "#440154")
        XCTAssertEqual(try Colormap.named("viridis_r").color(at: 0).hex, "#fde725")
        XCTAssertEqual(try Colormap.named("grey").color(at: 1).hex, "#ffffff")
        XCTAssertThrowsError(try Colormap.named("nope"))
    }

    func testColourCyclesFollowMatplotlib() throws {
        // matplotlib 3.11: plot C0, bar C0, scatter C1, hist C1, plot C2, fill_between C2, errorbar C3, axhline C0, plot C4.
        let ax = try Figure().gca()
        let l1 = try ax.plot(nil, [1, 2]); let b = try ax.bar([1], [2]); let s = try ax.scatter([1], [2])
        try ax.hist([1, 2, 3]); let l2 = try ax.plot(nil, [1, 2]); let f = try ax.fillBetween([1, 2], [1, 2])
        let e = try ax.errorbar([1], [1], yerr: ErrorExtent(lower: [1])); let a = try ax.axhline(1); let l3 = try ax.plot(nil, [3, 4])
        guard case .bars(let hist) = ax.series[3], case .uniform(let sc) = s.colors else { return XCTFail("series kinds") }
        XCTAssertEqual([l1.color, b.color, sc, hist.color, l2.color, f.color, e.line.color, a.color, l3.color].map(\.hex),
                       ["#1f77b4", "#1f77b4", "#ff7f0e", "#ff7f0e", "#2ca02c", "#2ca02c", "#d62728", "#1f77b4", "#9467bd"])
    }

    func testShapeErrors() throws {
        let ax = try Figure().gca()
        assertPlotError(.value, "x and y must have same first dimension, but have shapes (3,) and (4,)") { try ax.plot([1, 2, 3], [1, 2, 3, 4]) }
        assertPlotError(.value, "x and y must be the same size") { try ax.scatter([1, 2], [1, 2, 3]) }
        assertPlotError(.value, "'c' argument has 3 elements, which is inconsistent with 'x' and 'y' with size 2.") {
            try ax.scatter([1, 2], [1, 2], colors: .mapped([1, 2, 3]))
        }
        assertPlotError(.value, "s (size 3) cannot be broadcast to match x and y (size 2)") { try ax.scatter([1, 2], [1, 2], sizes: [1, 2, 3]) }
        assertPlotError(.value, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between 'x' with shape (3,) and 'height' with shape (2,).") {
            try ax.bar([1, 2, 3], [1, 2])
        }
        assertPlotError(.value, "'x' has size 3, but 'y1' has an unequal size of 2") { try ax.fillBetween([1, 2, 3], [1, 2]) }
        assertPlotError(.value, "'yerr' (shape: (2,)) must be a scalar or a 1D or (2, n) array-like whose shape matches 'y' (shape: (3,))") {
            try ax.errorbar([1, 2, 3], [1, 2, 3], yerr: ErrorExtent(lower: [1, 2]))
        }
        assertPlotError(.value, "'yerr' must not contain negative values") { try ax.errorbar([1], [1], yerr: ErrorExtent(lower: [-1])) }
        assertPlotError(.type, "Length of x (2) must match number of columns in z (3)") {
            try ax.contour(x: .vector([1, 2]), y: .vector([1, 2]), z: [[1, 2, 3], [3, 4, 5]])
        }
        assertPlotError(.value, "Contour levels must be increasing") { try ax.contour(z: [[1, 2], [3, 4]], levels: .values([2, 1])) }
        assertPlotError(.type, "Input z must be at least a (2, 2) shaped array, but has shape (1, 3)") { try ax.contour(z: [[1, 2, 3]]) }
        assertPlotError(.value, "The number of FixedLocator locations (2), usually from a call to set_ticks, does not match the number of labels (1).") {
            try ax.setXTicks([1, 2], labels: ["a"])
        }
        assertPlotError(.value, "'foo' is not a valid value for loc.") { try ax.showLegend(location: "foo") }
        assertPlotError(.value, "'foo' is not a valid value for scale.") { try ax.setXScale("foo") }
        assertPlotError(.notImplemented, "the 'symlog' axis scale is not supported by Wick's plots (use 'linear' or 'log')") { try ax.setYScale("symlog") }
        assertPlotError(.value, "alpha (1.5) is outside 0-1 range") { try ax.plot(nil, [1], LineProperties(alpha: 1.5)) }
        assertPlotError(.value, "Axis limits cannot be NaN or Inf") { try ax.setXLim(.nan, 1) }
        assertPlotError(.type, "Invalid shape (2, 0) for image data") { try ax.imshow([[], []]) }
        assertPlotError(.runtime, "No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).") {
            try Figure().colorbar()
        }
    }

    func testViewLimitsMatchMatplotlibAutoscaling() throws {
        // Values from matplotlib 3.11's get_xlim()/get_ylim() after drawing.
        func limits(_ build: (Axes) throws -> Void) throws -> [Double] {
            let ax = try Figure().gca()
            try build(ax)
            let l = try ax.viewLimits()
            return [l.x.lower, l.x.upper, l.y.lower, l.y.upper]
        }
        assertClose(try limits { try $0.bar([1, 2, 3], [3, 5, 2], width: [0.5]) }, [0.625, 3.375, 0, 5.25])
        assertClose(try limits { try $0.plot([1], [1]) }, [0.945, 1.0550000000000002, 0.945, 1.0550000000000002])
        assertClose(try limits { try $0.axhline(2) }, [0, 1, 1.89, 2.1100000000000003])
        assertClose(try limits { try $0.plot([0, 10], [0, 5]); try $0.axvline(4) }, [-0.5, 10.5, -0.25, 5.25])
        assertClose(try limits { try $0.fillBetween([0, 1, 2], [0.2]) }, [-0.1, 2.1, -0.010000000000000002, 0.21000000000000002])
        assertClose(try limits { try $0.imshow([[1, 2, 3], [4, 5, 6]]) }, [-0.5, 2.5, 1.5, -0.5])
        let log = try limits { ax in try ax.plot([1, 10, 100], [1, 100, 10000]); try ax.setXScale("log"); try ax.setYScale("log") }
        for (a, b) in zip(log, [0.7943282347242815, 125.89254117941677, 0.6309573444801931, 15848.931924611146]) {
            XCTAssertEqual(a, b, accuracy: b * 1e-12)
        }
    }

    func testBestLegendLocationAvoidsTheData() throws {
        func key(_ x: [Double], _ y: [Double]) throws -> String {
            let f = try Figure()
            try f.gca().plot(x, y, LineProperties(label: "l"))
            try f.gca().showLegend()
            let script = try f.gnuplot(format: .png, output: nil, dataPath: "/d").script
            return script.split(separator: "\n").first { $0.hasPrefix("set key inside") }.map(String.init) ?? ""
        }
        XCTAssertTrue(try key([0, 1], [0, 1]).hasPrefix("set key inside left top"))        // rising line: upper left is empty
        XCTAssertTrue(try key([0, 1], [1, 0]).hasPrefix("set key inside right top"))       // falling line: upper right
        XCTAssertTrue(try key([0, 1, 2, 2], [2, 2, 2, 0]).hasPrefix("set key inside left bottom")) // along the top, down the right
        XCTAssertTrue(try key([0, 1, 2], [0, 1, 0]).hasPrefix("set key inside right top"))  // a peak: upper corners are empty
    }

    func testHandEditedSeriesAreCheckedBeforeRendering() throws {
        let f = try Figure()
        let ax = f.gca()
        var line = try ax.plot(nil, [1, 2, 3])
        line.x = [0, 1]
        ax.series[0] = .line(line)
        assertPlotError(.value, "line data have inconsistent lengths 2, 3") { try f.gnuplot(format: .png, output: nil, dataPath: "/d") }
        var c = try Color.parse("red")
        c.red = .nan; c.alpha = -3
        XCTAssertEqual(c.hex, "#000000")
        XCTAssertEqual(c.gnuplot(), "rgb '#ff000000'")
        ax.series = [.scatter(ScatterSeries(x: [1], y: [1], colors: .perPoint([c]), sizes: [.nan], marker: .circle,
                                            colormap: .viridis, vmin: .nan, vmax: .infinity, alpha: nil, label: nil))]
        XCTAssertNoThrow(try f.gnuplot(format: .png, output: nil, dataPath: "/d"))
        assertPlotError(.value, "Image size of 72000000x72 pixels is too large. It must be less than 2^15 in each direction.") {
            try Figure(size: FigureSize(width: 1e6, height: 1)).gnuplot(format: .svg, output: nil, dataPath: "/d")
        }
    }

    func testFigureAndStateErrors() throws {
        assertPlotError(.value, "figure size must be positive finite not (-1, 2)") { try FigureSize(width: -1, height: 2) }
        assertPlotError(.value, "num must be an integer with 1 <= num <= 4, not 5") { try PyplotState().subplot(2, 2, 5) }
        assertPlotError(.value, "Number of rows must be a positive integer, not 0") { try PyplotState().subplots(nrows: 0) }
        assertPlotError(.value, "Number of columns must be a positive integer, not -1") { try SubplotSpec(1, -1, 1) }
        assertPlotError(.value, "Image size of 100000x100000 pixels is too large. It must be less than 2^15 in each direction.") {
            try Figure(size: FigureSize(width: 1000, height: 1000)).pixelSize()
        }
        assertPlotError(.value, "Format 'xyz' is not supported (supported formats: avif, eps, gif, jpeg, jpg, pdf, pgf, png, ps, raw, rgba, svg, svgz, tif, tiff, webp)") {
            try Figure().savefig("/tmp/x.xyz")
        }
        assertPlotError(.notImplemented, "savefig cannot write 'jpg' files in Wick (use .png, .svg or .pdf)") { try Figure().savefig("/tmp/x.jpg") }
        assertPlotError(.fileNotFound, "[Errno 2] No such file or directory: '/nonexistent-dir/x.png'") { try Figure().savefig("/nonexistent-dir/x.png") }
    }

    func testPyplotStateSemantics() throws {
        let plt = PyplotState()
        let a = try plt.subplot(2, 1, 1)
        let b = try plt.subplot(2, 1, 2)
        XCTAssertTrue(try plt.subplot(2, 1, 1) === a)
        XCTAssertTrue(plt.gca() === a)
        try plt.sca(b)
        XCTAssertTrue(plt.gca() === b)
        let f1 = plt.gcf()
        let f2 = try plt.figure()
        XCTAssertEqual([f1.number, f2.number], [1, 2])
        XCTAssertTrue(try plt.figure(num: 1) === f1)
        plt.close()
        XCTAssertEqual(plt.figures.map(\.number), [2])
        XCTAssertTrue(plt.current === f2)
        try plt.gca().plot(nil, [1])
        plt.cla()
        XCTAssertTrue(plt.gca().series.isEmpty)
        plt.clf()
        XCTAssertTrue(plt.gcf().axes.isEmpty)
        plt.close(.all)
        XCTAssertNil(plt.current)
        XCTAssertEqual(plt.gcf().number, 1)
        let (f, grid) = try plt.subplots(nrows: 2, ncols: 3)
        XCTAssertEqual(grid.map(\.count), [3, 3])
        XCTAssertEqual(f.axes.map(\.spec.index), [1, 2, 3, 4, 5, 6])
        XCTAssertTrue(plt.gca() === grid[0][0])
    }
}
