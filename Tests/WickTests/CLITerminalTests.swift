import XCTest
import Foundation

/// `wick run` on a terminal (a pseudo-terminal): prose rendered, tqdm bars drawn, colour policy.
final class CLITerminalTests: XCTestCase {
    static let lesson = """
    # %% [markdown]
    # # 05 · Steps
    #
    # A *short* lesson with `code`.

    # %%
    from tqdm import tqdm
    total = 0
    for i in tqdm(range(3), desc='sum'):
        total += i
    print('total', total)

    # %% [markdown]
    # - done

    """

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32?, String) {
        let dir = try makeTemporaryDirectory("wick-cli-tty")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/05-steps.py"
        try CLITerminalTests.lesson.write(toFile: path, atomically: true, encoding: .utf8)
        let session = try PTYSession(arguments: ["run", path] + arguments, home: dir, environment: environment)
        let status = session.waitForExit(timeout: 20)
        return (status, session.transcript)
    }

    func testProseRenderedAndBarDrawn() throws {
        let (status, screen) = try run([])
        XCTAssertEqual(status, 0, screen)
        let text = PTYSession.clean(screen)
        XCTAssertTrue(text.hasPrefix("05 · Steps\n══════════\n\nA short lesson with `code`.\n\n"), text)
        XCTAssertTrue(text.contains("sum: 100%|"), text)
        XCTAssertTrue(text.contains("| 3/3 ["), text)
        XCTAssertTrue(text.contains("total 3\n\n  • done\n"), text)
        XCTAssertFalse(screen.contains("\u{1B}[1m"), "NO_COLOR=1 means no styles")
    }

    func testQuietSkipsProse() throws {
        let (status, screen) = try run(["--quiet"])
        XCTAssertEqual(status, 0, screen)
        let text = PTYSession.clean(screen)
        XCTAssertFalse(text.contains("Steps"), text)
        XCTAssertTrue(text.hasSuffix("total 3\n"), text)
    }

    func testColourWithoutNoColor() throws {
        let (status, screen) = try run([], environment: ["NO_COLOR": ""])
        XCTAssertEqual(status, 0, screen)
        XCTAssertTrue(screen.contains("\u{1B}[1m\u{1B}[36m05 · Steps\u{1B}[0m"), screen)
        XCTAssertTrue(screen.contains("\u{1B}[3mshort\u{1B}[0m"), screen)
    }
}
