import Foundation
import XCTest
@testable import Plot

/// Golden gnuplot scripts: `Golden/<name>.gp` and `.dat` next to this file.
/// Regenerate after a deliberate rendering change with `WICK_UPDATE_GOLDEN=1 swift test --filter PlotTests`
/// and review the diff.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Renders `figure` as PNG to the fixed paths `/golden/<name>.png` / `.dat` and compares
    /// script and data with the committed files.
    static func check(_ name: String, _ figure: Figure, format: OutputFormat = .png, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let doc = try figure.gnuplot(format: format, output: "/golden/\(name).\(ext(format))", dataPath: "/golden/\(name).dat")
            let gp = directory.appendingPathComponent(name + ".gp"), dat = directory.appendingPathComponent(name + ".dat")
            if ProcessInfo.processInfo.environment["WICK_UPDATE_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try doc.script.write(to: gp, atomically: true, encoding: .utf8)
                try doc.data.write(to: dat, atomically: true, encoding: .utf8)
                return
            }
            guard let wantScript = try? String(contentsOf: gp, encoding: .utf8),
                  let wantData = try? String(contentsOf: dat, encoding: .utf8) else {
                XCTFail("missing golden files for \(name); run with WICK_UPDATE_GOLDEN=1", file: file, line: line)
                return
            }
            XCTAssertEqual(doc.script, wantScript, "script of \(name) differs from Golden/\(name).gp", file: file, line: line)
            XCTAssertEqual(doc.data, wantData, "data of \(name) differs from Golden/\(name).dat", file: file, line: line)
            try drawsCleanly(name, figure, format: format, file: file, line: line)
        } catch {
            XCTFail("rendering \(name) threw \(error)", file: file, line: line)
        }
    }

    /// The same figure, drawn by the real gnuplot (when installed) into a temporary folder,
    /// must produce its output with nothing on stderr.
    static func drawsCleanly(_ name: String, _ figure: Figure, format: OutputFormat, file: StaticString, line: UInt) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot") else { return }
        let dir = try makeTempDirectory("golden-\(name)")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/\(name).\(ext(format))", dat = dir + "/\(name).dat"
        let doc = try figure.gnuplot(format: format, output: out, dataPath: dat)
        try doc.data.write(toFile: dat, atomically: true, encoding: .utf8)
        let saved = Plot.gnuplotPath
        Plot.gnuplotPath = "/usr/bin/gnuplot"
        defer { Plot.gnuplotPath = saved }
        guard let run = Plot.runGnuplot(doc.script) else { return XCTFail("gnuplot did not run", file: file, line: line) }
        XCTAssertTrue(run.succeeded, "gnuplot failed on \(name): \(run.errors)", file: file, line: line)
        let noise = run.errors.split(separator: "\n").filter { !$0.contains("matrix contains missing or undefined values") }
        XCTAssertEqual(noise, [], "gnuplot complained about \(name)", file: file, line: line)
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        XCTAssertGreaterThan(size, 0, "\(name) drew nothing", file: file, line: line)
    }

    static func ext(_ f: OutputFormat) -> String {
        switch f {
        case .png: return "png"
        case .svg: return "svg"
        case .pdf: return "pdf"
        case .dumb, .sixel: return "txt"
        }
    }
}

/// Asserts that `body` throws a `PlotError` of `kind` with exactly `message`.
func assertPlotError<T>(_ kind: PlotError.Kind, _ message: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) {
    do {
        _ = try body()
        XCTFail("expected \(kind.rawValue): \(message)", file: file, line: line)
    } catch let e as PlotError {
        XCTAssertEqual(e.kind, kind, file: file, line: line)
        XCTAssertEqual(e.message, message, file: file, line: line)
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
}

/// A fresh temporary directory for one test.
func makeTempDirectory(_ tag: String) throws -> String {
    let path = NSTemporaryDirectory() + "wick-plot-test-\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Width and height from a PNG's IHDR chunk, or nil when `data` is not a PNG.
func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let bytes = [UInt8](data)
    let signature: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
    guard bytes.count >= 33, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
    func be32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
    guard be32(8) == 13 else { return nil }
    return (be32(16), be32(20))
}
