import Foundation
import XCTest
@testable import Bindings
import Script

/// matplotlib.pyplot and the numpy subset: golden scripts (Pyplot/NAME.py must print what
/// CPython + matplotlib + numpy printed, NAME.out from `generate.py Pyplot`), and the figure
/// model of the scripts in Tests/Fixtures/pyplot.json compared with what real matplotlib drew.
final class PyplotTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Pyplot")
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/pyplot.json")

    override func setUp() {
        setenv("WICK_PLOT", "none", 1)
    }

    func testGoldenScriptsMatchPython() throws {
        try assertScriptsMatchGoldens(in: Self.folder, label: "pyplot scripts", minimum: 5)
    }

    /// The same scripts draw the same data in wick's figure model as in matplotlib (1e-9).
    func testFiguresMatchMatplotlib() throws {
        let data = try Data(contentsOf: Self.fixture)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cases = try XCTUnwrap(root["cases"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(cases.count, 8)
        var artists = 0
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let output = runTorchScript(c["script"] as? String ?? "", path: name + ".py")
            XCTAssertEqual(output, "", "\(name) printed or raised")
            let expected = c["figures"] as? [[String: Any]] ?? []
            let actual = PyplotBindings.snapshot()
            var failures: [String] = []
            FigureComparison.figures(expected, actual, name, &failures, &artists)
            XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
        }
        XCTAssertGreaterThan(artists, 25)
    }

    func testSavefigWritesScriptAndData() throws {
        let dir = NSTemporaryDirectory() + "wick-pyplot-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = runTorchScript("""
        import matplotlib.pyplot as plt
        plt.plot([1, 2, 3], [1, 4, 9], label="squares")
        plt.legend()
        plt.savefig('\(dir)/sq.png', dpi=50)
        fig, ax = plt.subplots()
        ax.hist([1, 2, 2, 3])
        fig.savefig('\(dir)/hist.svg')
        """)
        XCTAssertEqual(out, "")
        let dat = try String(contentsOfFile: dir + "/sq.dat", encoding: .utf8)
        XCTAssert(dat.contains("1 1") && dat.contains("3 9"), dat)
        let gp = try String(contentsOfFile: dir + "/sq.gp", encoding: .utf8)
        XCTAssert(gp.contains("'squares'"), gp)
        XCTAssert(FileManager.default.fileExists(atPath: dir + "/hist.gp"))
    }

    func testWickSpecificMessages() {
        XCTAssertEqual(runTorchScript("import numpy as np\nnp.random.seed(0)\n"),
                       "NotImplementedError: numpy.random.seed is not supported by wick\n")
        XCTAssertEqual(runTorchScript("import numpy as np\nnp.fft2\n"),
                       "NotImplementedError: numpy.fft2 is not supported by wick\n")
        XCTAssertEqual(runTorchScript("import matplotlib.pyplot as plt\nplt.style.use('ggplot')\n"),
                       "NotImplementedError: matplotlib.pyplot.style is not supported by wick\n")
        XCTAssertEqual(runTorchScript("import matplotlib.pyplot as plt\nplt.hist([1, 2], bins='auto')\n"),
                       "NotImplementedError: hist(bins='auto') is not supported by wick; give a number of bins or the edges\n")
        XCTAssertEqual(runTorchScript("import matplotlib\nmatplotlib.use('Agg')\nprint(matplotlib.get_backend())\n"), "agg\n")
        XCTAssertEqual(runTorchScript("import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nprint(hasattr(ax, 'set_aspect'))\nax.set_aspect('equal')\n"),
                       "False\nNotImplementedError: matplotlib.axes.Axes.set_aspect is not supported by wick\n")
        XCTAssertEqual(runTorchScript("import numpy as np\nnp.arange(3).cumsum()\n"),
                       "NotImplementedError: numpy.ndarray.cumsum is not supported by wick\n")
        XCTAssertEqual(runTorchScript("import matplotlib.pyplot as plt\nplt.plot([1, 2])\nprint(plt.xticks(rotation=45))\n"), "None\n")
        XCTAssertEqual(runTorchScript("import matplotlib.pyplot as plt\nplt.plot([1])\nplt.show()\nprint(plt.get_fignums())\n"), "[]\n")
    }
}

/// Compares the snapshot of wick's figures with the records of matplotlib's.
enum FigureComparison {
    static func figures(_ expected: [[String: Any]], _ actual: [[String: Any]], _ at: String, _ f: inout [String], _ count: inout Int) {
        guard expected.count == actual.count else { f.append("\(at): \(actual.count) figures, expected \(expected.count)"); return }
        for (i, (e, a)) in zip(expected, actual).enumerated() {
            let here = "\(at) fig \(i)"
            for key in ["number", "size", "suptitle", "colorbars"] { value(e[key], a[key], "\(here).\(key)", &f) }
            let ea = e["axes"] as? [[String: Any]] ?? [], aa = a["axes"] as? [[String: Any]] ?? []
            guard ea.count == aa.count else { f.append("\(here): \(aa.count) axes, expected \(ea.count)"); continue }
            for (j, (ex, ac)) in zip(ea, aa).enumerated() { axes(ex, ac, "\(here) axes \(j)", &f, &count) }
        }
    }

    static func axes(_ e: [String: Any], _ a: [String: Any], _ at: String, _ f: inout [String], _ count: inout Int) {
        for key in ["title", "xlabel", "ylabel", "xscale", "yscale", "axis", "xlim", "ylim", "xticks", "yticks", "legend", "texts",
                    "row", "col", "nrows", "ncols"] {
            value(e[key], a[key], "\(at).\(key)", &f)
        }
        let ea = e["artists"] as? [[String: Any]] ?? [], aa = a["artists"] as? [[String: Any]] ?? []
        // matplotlib keeps each kind of artist in its own list: compare in drawing order within a kind.
        let kinds = Set(ea.compactMap { $0["kind"] as? String } + aa.compactMap { $0["kind"] as? String })
        for kind in kinds.sorted() {
            let ek = ea.filter { $0["kind"] as? String == kind }, ak = aa.filter { $0["kind"] as? String == kind }
            guard ek.count == ak.count else { f.append("\(at): \(ak.count) \(kind) artists, expected \(ek.count)"); continue }
            for (i, (x, y)) in zip(ek, ak).enumerated() {
                count += 1
                for (key, ev) in x where key != "kind" {
                    // matplotlib's automatic labels (`_child3`) depend on its artist order; compare real labels only.
                    if key == "label", let s = ev as? String, s.hasPrefix("_") { continue }
                    // matplotlib keeps one size when all points share it; wick's model stores one per point.
                    if key == "sizes", let one = ev as? [Any], one.count == 1, let all = y[key] as? [Double],
                       let size = number(one[0]), all.allSatisfy({ $0 == size }) { continue }
                    value(ev, y[key], "\(at).\(kind)[\(i)].\(key)", &f)
                }
            }
        }
    }

    static func value(_ e: Any?, _ a: Any?, _ at: String, _ f: inout [String]) {
        switch (e, a) {
        case (nil, nil), (is NSNull, nil): return
        case (let ed as [String: Any], let ad as [String: Any]):
            for key in Set(ed.keys).union(ad.keys) { value(ed[key], ad[key], "\(at).\(key)", &f) }
        case (let el as [Any], let al as [Any]):
            guard el.count == al.count else { f.append("\(at): \(al.count) items, expected \(el.count)"); return }
            for (i, (x, y)) in zip(el, al).enumerated() { value(x, y, "\(at)[\(i)]", &f) }
        case (let es as String, let y?):
            if let d = number(y), ["nan", "inf", "-inf"].contains(es) {
                if (es == "nan" && d.isNaN) || (es == "inf" && d == .infinity) || (es == "-inf" && d == -.infinity) { return }
            }
            if let s = y as? String, s == es { return }
            f.append("\(at): \(y), expected \(es)")
        case (let x?, let y?):
            guard let ex = number(x), let ac = number(y) else { f.append("\(at): \(y), expected \(x)"); return }
            if abs(ex - ac) <= 1e-9 * max(1, abs(ex)) { return }
            f.append("\(at): \(ac), expected \(ex)")
        default:
            f.append("\(at): \(a.map { "\($0)" } ?? "missing"), expected \(e.map { "\($0)" } ?? "missing")")
        }
    }

    static func number(_ v: Any) -> Double? {
        if let b = v as? Bool, !(v is NSNumber) { return b ? 1 : 0 }
        if let n = v as? NSNumber { return n.doubleValue }
        if let d = v as? Double { return d }
        if let i = v as? Int { return Double(i) }
        return nil
    }
}
