import XCTest
@testable import Plot

/// Missing gnuplot, gnuplot errors and hangs: one warning, files still written, nothing blocks.
final class GnuplotFailureTests: XCTestCase {
    private var dir = ""
    private var collected: [String] = []

    override func setUpWithError() throws {
        dir = try makeTempDirectory("fail")
        collected = []
        Plot.resetWarnings()
        Plot.warningHandler = { [weak self] in self?.collected.append($0) }
    }

    override func tearDown() {
        Plot.gnuplotPath = nil
        Plot.timeoutSeconds = 30
        Plot.warningHandler = nil
        Plot.resetWarnings()
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func fakeGnuplot(_ body: String) throws -> String {
        let path = dir + "/fake-gnuplot"
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    func testWithoutGnuplotOneWarningAndFilesWritten() throws {
        Plot.gnuplotPath = dir + "/no-such-gnuplot"
        XCTAssertFalse(Plot.gnuplotAvailable)
        let before = Plot.figuresWritten
        let plt = PyplotState()
        try plt.gca().plot(nil, [1, 2, 3])
        let a = try plt.savefig(dir + "/a.png")
        let b = try plt.savefig(dir + "/b.svg")
        XCTAssertEqual(try plt.show(options: ShowOptions(mode: .dumb)), "")
        XCTAssertFalse(a.rendered); XCTAssertFalse(b.rendered)
        for p in [a.scriptPath, a.dataPath, b.scriptPath, b.dataPath] { XCTAssertTrue(FileManager.default.fileExists(atPath: p), p) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: a.imagePath))
        XCTAssertEqual(collected, ["gnuplot was not found (install gnuplot-nox); figures are saved as .gp/.dat scripts only"])
        XCTAssertEqual(Plot.figuresWritten, before)
        XCTAssertEqual(try String(contentsOfFile: a.dataPath, encoding: .utf8), "0 1\n1 2\n2 3\n")
    }

    func testPathWithoutGnuplotWarnsOnce() throws {
        let old = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        setenv("PATH", dir, 1)
        defer { setenv("PATH", old, 1) }
        Plot.gnuplotPath = nil
        XCTAssertFalse(Plot.gnuplotAvailable)
        let f = try Figure()
        try f.gca().plot(nil, [1, 2])
        let a = try f.savefig(dir + "/p1.png"), b = try f.savefig(dir + "/p2.pdf")
        XCTAssertFalse(a.rendered || b.rendered)
        XCTAssertTrue(FileManager.default.fileExists(atPath: b.scriptPath))
        XCTAssertEqual(collected.count, 1)
    }

    func testGnuplotErrorIsReportedWithTheFigureName() throws {
        Plot.gnuplotPath = try fakeGnuplot("cat >/dev/null; echo '\"script\" line 7: undefined variable: oops' >&2; exit 1")
        let f = try Figure(number: 4)
        try f.gca().plot(nil, [1, 2])
        let saved = try f.savefig(dir + "/broken.png")
        XCTAssertFalse(saved.rendered)
        XCTAssertEqual(collected, ["gnuplot failed to draw figure 4 ('\(dir)/broken.png'): \"script\" line 7: undefined variable: oops"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: saved.imagePath))
        XCTAssertTrue(FileManager.default.fileExists(atPath: saved.scriptPath))
    }

    func testRealGnuplotErrorTextComesBack() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot"))
        Plot.gnuplotPath = "/usr/bin/gnuplot"
        let run = try XCTUnwrap(Plot.runGnuplot("set terminal dumb\nplot no_such_function(x)\n"))
        XCTAssertFalse(run.succeeded)
        XCTAssertTrue(run.errors.contains("undefined function"), run.errors)
    }

    func testHangingGnuplotIsStoppedByTheTimeout() throws {
        Plot.gnuplotPath = try fakeGnuplot("sleep 30")
        Plot.timeoutSeconds = 0.5
        let f = try Figure(number: 2)
        try f.gca().plot(nil, [1, 2])
        let start = Date()
        let saved = try f.savefig(dir + "/slow.png")
        XCTAssertLessThan(Date().timeIntervalSince(start), 6)
        XCTAssertFalse(saved.rendered)
        XCTAssertEqual(collected, ["gnuplot did not finish drawing figure 2 ('\(dir)/slow.png') within 0.5 s and was stopped"])
    }

    func testGnuplotThatIgnoresItsInputDoesNotBlockTheWriter() throws {
        // Exits at once without reading: the script write must not kill us with SIGPIPE.
        Plot.gnuplotPath = try fakeGnuplot("exit 3")
        let big = String(repeating: "# filler line to overflow the pipe buffer\n", count: 5000)
        let run = try XCTUnwrap(Plot.runGnuplot(big))
        XCTAssertEqual(run.status, 3)
        XCTAssertFalse(run.timedOut)
    }
}
