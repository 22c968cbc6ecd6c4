import XCTest
@testable import Plot

/// Rendering through the real gnuplot (skipped when none is installed).
final class GnuplotRenderTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot"), "gnuplot is not installed")
        Plot.gnuplotPath = "/usr/bin/gnuplot"
        Plot.timeoutSeconds = 30
        Plot.resetWarnings()
    }

    override func tearDown() {
        Plot.gnuplotPath = nil
        Plot.warningHandler = nil
    }

    private func sampleFigure(_ f: Figure) throws {
        let (a, b) = (try f.addSubplot(1, 2, 1), try f.addSubplot(1, 2, 2))
        try a.plot(nil, [1, 3, 2], fmt: "o-", LineProperties(label: "loss"))
        try a.showLegend()
        let xs = (0..<20).map { Double($0) / 19 * 4 - 2 }
        try b.contour(x: .vector(xs), y: .vector(xs), z: xs.map { y in xs.map { x in x * x + y * y } }, filled: true)
        try f.colorbar(for: b)
    }

    func testPNGHasRequestedPixelSize() throws {
        let dir = try makeTempDirectory("png")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases: [(FigureSize, Double?, Double, Int, Int)] = [
            (.standard, nil, 100, 640, 480),
            (try FigureSize(width: 3, height: 2), nil, 50, 150, 100),
            (try FigureSize(width: 4, height: 3), 200, 100, 800, 600),
        ]
        let before = Plot.figuresWritten
        for (i, (size, saveDPI, figDPI, w, h)) in cases.enumerated() {
            let f = try Figure(number: i + 1, size: size, dpi: figDPI)
            try sampleFigure(f)
            let saved = try f.savefig(dir + "/fig\(i).png", dpi: saveDPI)
            XCTAssertTrue(saved.rendered, "\(saved.problem ?? "")")
            let png = try Data(contentsOf: URL(fileURLWithPath: saved.imagePath))
            let dims = pngSize(png)
            XCTAssertEqual(dims?.width, w); XCTAssertEqual(dims?.height, h)
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/fig\(i).gp"))
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/fig\(i).dat"))
        }
        XCTAssertEqual(Plot.figuresWritten, before + 3)
        XCTAssertEqual(Plot.warnings, [])
        // No temporary files are left beside the images.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(),
                       ["fig0.dat", "fig0.gp", "fig0.png", "fig1.dat", "fig1.gp", "fig1.png", "fig2.dat", "fig2.gp", "fig2.png"])
    }

    func testSVGAndPDFAndRelativePath() throws {
        let dir = try makeTempDirectory("vector")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let f = try Figure()
        try sampleFigure(f)
        let svg = try f.savefig(dir + "/v.svg")
        XCTAssertTrue(try String(contentsOfFile: svg.imagePath, encoding: .utf8).contains("<svg"))
        let pdf = try f.savefig(dir + "/v.pdf")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: pdf.imagePath)).prefix(5), Data("%PDF-".utf8))
        // A relative path is resolved against the working directory and written into the script absolutely.
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(cwd) }
        let rel = try f.savefig("rel")
        XCTAssertTrue(rel.imagePath.hasSuffix("/rel.png"))
        XCTAssertTrue(rel.rendered)
        XCTAssertTrue(try String(contentsOfFile: rel.scriptPath, encoding: .utf8).contains("WICK_DATA = '\(rel.dataPath)'"))
    }

    func testSavedScriptReRendersFromAnotherDirectory() throws {
        let dir = try makeTempDirectory("rerender")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let f = try Figure()
        try sampleFigure(f)
        let saved = try f.savefig(dir + "/again.png")
        try FileManager.default.removeItem(atPath: saved.imagePath)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/gnuplot")
        p.arguments = [saved.scriptPath]
        p.currentDirectoryURL = URL(fileURLWithPath: "/")
        try p.run(); p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertEqual(pngSize(try Data(contentsOf: URL(fileURLWithPath: saved.imagePath)))?.width, 640)
    }

    func testShowDrawsTextAndClosesFigures() throws {
        let plt = PyplotState()
        try plt.gca().plot(nil, [1, 2, 3, 2], LineProperties(label: "curve"))
        plt.gca().title = "terminal"
        let text = try plt.show(options: ShowOptions(mode: .dumb, columns: 60, rows: 20, ansi: false))
        XCTAssertTrue(text.contains("terminal"), text)
        XCTAssertGreaterThanOrEqual(text.split(separator: "\n", omittingEmptySubsequences: false).count, 19)
        XCTAssertTrue(plt.figures.isEmpty)
        try plt.gca().plot(nil, [1, 2])
        XCTAssertEqual(try plt.show(options: ShowOptions(mode: .none)), "")
        try plt.gca().plot(nil, [1, 2])
        let sixel = try plt.show(options: ShowOptions(mode: .sixel))
        XCTAssertTrue(sixel.hasPrefix("\u{1b}P"), "sixel output starts with DCS")
    }

    func testEnhancedTextSpecialsAreDrawnLiterally() throws {
        let plt = PyplotState()
        let ax = plt.gca()
        try ax.plot(nil, [1, 2], LineProperties(label: "a_b^c"))
        try ax.showLegend()
        ax.title = "{/Symbol a}^2_3 @x &y"
        let text = try plt.show(options: ShowOptions(mode: .dumb, columns: 70, rows: 20))
        XCTAssertTrue(text.contains("{/Symbol a}^2_3 @x &y"), text)
        XCTAssertTrue(text.contains("a_b^c"), text)
        XCTAssertFalse(text.contains("\u{0c}"), "no form feed before the drawing")
    }

    func testShowOptionsFollowWickPlot() {
        let old = ProcessInfo.processInfo.environment["WICK_PLOT"]
        defer { if let o = old { setenv("WICK_PLOT", o, 1) } else { unsetenv("WICK_PLOT") } }
        setenv("WICK_PLOT", "none", 1)
        XCTAssertEqual(ShowOptions.fromEnvironment().mode, .none)
        setenv("WICK_PLOT", "sixel", 1)
        XCTAssertEqual(ShowOptions.fromEnvironment().mode, .sixel)
        unsetenv("WICK_PLOT")
        XCTAssertEqual(ShowOptions.fromEnvironment().mode, .dumb)
    }

    func testEveryGoldenKindRendersWithoutGnuplotComplaints() throws {
        let dir = try makeTempDirectory("kinds")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plt = PyplotState()
        let (f, axs) = try plt.subplots(nrows: 2, ncols: 3)
        f.suptitle = "all kinds"
        try axs[0][0].hist([1, 2, 2, 3, 3, 3], label: "h"); try axs[0][0].showLegend()
        try axs[0][1].bar(categories: ["a", "b"], [1, 2]); try axs[0][1].axhline(1.5)
        try axs[0][2].errorbar([1, 2], [1, 2], yerr: ErrorExtent(lower: [0.2]), fmt: "s", capSize: 3)
        try axs[1][0].fillBetween([0, 1, 2], [0, 1, 0], [1, 2, 1], alpha: 0.3); try axs[1][0].setYScale("log")
        try axs[1][1].imshow([[1, .nan], [3, 4]]); try axs[1][1].text(0, 0, "x")
        try axs[1][2].scatter([1, 2, 3], [1, 2, 3], colors: .mapped([1, 2, 3]))
        try axs[1][2].annotate("a", xy: (1, 1), xytext: (2, 1), arrow: true)
        let saved = try plt.savefig(dir + "/kinds.png")
        XCTAssertTrue(saved.rendered, saved.problem ?? "")
        XCTAssertEqual(Plot.warnings, [])
    }
}
