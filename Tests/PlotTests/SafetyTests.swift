import XCTest
@testable import Plot

/// No title, label, legend entry, tick label, text or path can make gnuplot run a command.
final class SafetyTests: XCTestCase {
    static let hostile: [String] = [
        "`touch MARK`",
        "'; system('touch MARK'); '",
        "'\nsystem('touch MARK')\n'",
        "\"\n!touch MARK\n\"",
        "x'\n!touch MARK\n#",
        "a'.system('touch MARK').'b",
        "@MACRO `touch MARK`",
        "\\\n!touch MARK",
        "end\\",
        "'\rsystem(\"touch MARK\")\r'",
        "'; load '/etc/passwd'; '",
        "'; set output '/tmp/elsewhere'; '",
        "$(touch MARK) ${touch MARK}",
        "{/Symbol a}^2_3 @ & ~ \\344",
        "100% %s%n %d",
        "''''' ''",
        "\"\"\"; print system(\"touch MARK\")",
        "\u{0}nul\u{7}bell\u{1b}[31mesc",
        "line\u{2028}sep\u{85}nel; system('touch MARK')",
        "'''\n\n\n!touch MARK\n'''",
    ]

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot"), "gnuplot is not installed")
        Plot.gnuplotPath = "/usr/bin/gnuplot"
        Plot.resetWarnings()
    }

    override func tearDown() { Plot.gnuplotPath = nil }

    func testHostileTextNeverRunsACommand() throws {
        XCTAssertEqual(Self.hostile.count, 20)
        let dir = try makeTempDirectory("hostile")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let marker = dir + "/MARK"
        for (i, raw) in Self.hostile.enumerated() {
            let s = raw.replacingOccurrences(of: "MARK", with: marker)
            let f = try Figure(number: i + 1)
            let ax = f.gca()
            f.suptitle = s
            ax.title = s; ax.xlabel = s; ax.ylabel = s
            try ax.plot(nil, [1, 2, 3], LineProperties(label: s))
            try ax.axhline(2, LineProperties(label: s))
            try ax.text(1, 2, s)
            try ax.annotate(s, xy: (0, 1), xytext: (1, 1.5), arrow: true)
            try ax.setXTicks([0, 1], labels: [s, s])
            try ax.showLegend()
            try ax.imshow([[1, 2], [3, 4]])
            try f.colorbar(label: s)
            // The hostile text also names a file inside the test folder.
            let name = s.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\u{0}", with: "")
            let saved = try f.savefig(dir + "/" + name + ".png")
            XCTAssertTrue(saved.rendered, "case \(i): \(saved.problem ?? "")")
            XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "case \(i) ran a command: \(raw)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/elsewhere"), "case \(i) redirected output")
            let png = try Data(contentsOf: URL(fileURLWithPath: saved.imagePath))
            XCTAssertEqual(pngSize(png)?.width, 640, "case \(i)")
        }
        // Long hostile tick labels may draw gnuplot's layout warnings, never errors.
        for w in Plot.warnings { XCTAssertTrue(w.contains(": line 0: warning: "), w) }
    }

    func testQuotingIsSingleQuotedPieces() {
        XCTAssertEqual(GnuplotText.quote("plain"), "'plain'")
        XCTAssertEqual(GnuplotText.quote("it's"), "('it'.\"'\".'s')")
        XCTAssertEqual(GnuplotText.quote("''"), "(\"'\".\"'\")")
        XCTAssertEqual(GnuplotText.quote("a\nb"), "('a'.\"\\n\".'b')")
        XCTAssertEqual(GnuplotText.quote("`x` @y"), "'`x` @y'")
        XCTAssertEqual(GnuplotText.quote("\u{0}\r"), "''")
        XCTAssertEqual(Figure.plainFilePath("<cat x"), "./<cat x")
        XCTAssertEqual(Figure.plainFilePath("|sh"), "./|sh")
        XCTAssertEqual(Figure.plainFilePath("/abs"), "/abs")
    }
}
