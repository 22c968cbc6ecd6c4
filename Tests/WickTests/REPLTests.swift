import Foundation
import XCTest

/// The REPL driven through a pseudo-terminal as a person would use it.
final class REPLTests: XCTestCase {
    var home = ""

    override func setUpWithError() throws {
        home = try makeTemporaryDirectory("wick-repl-home")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: home)
    }

    func start(_ arguments: [String] = []) throws -> PTYSession {
        let pty = try PTYSession(arguments: arguments, home: home)
        try pty.prompt()
        return pty
    }

    func testExpressionEchoesItsRepr() throws {
        let pty = try start()
        XCTAssertEqual(try pty.enter("6 * 7"), ["42"])
        XCTAssertEqual(try pty.enter("'a' + 'b'"), ["'ab'"])
        XCTAssertEqual(try pty.enter("None"), [])
        XCTAssertEqual(try pty.enter("print('hi')"), ["hi"])
    }

    func testMultiLineDefinitionAndErrorsKeepGoing() throws {
        let pty = try start()
        pty.type("def double(x):\r")
        try pty.read(until: "... ")
        pty.type("    return x * 2\r")
        try pty.read(until: "... ")
        pty.type("\r")
        try pty.prompt()
        pty.type("double(21)\r")
        XCTAssertTrue(try pty.prompt().contains("42\r\n"))
        pty.type("double(undefined)\r")
        let error = try pty.prompt()
        XCTAssertTrue(error.contains("Traceback (most recent call last):"), error)
        XCTAssertTrue(error.contains("NameError: name 'undefined' is not defined"), error)
        pty.type("double(1)\r")
        XCTAssertTrue(try pty.prompt().contains("2\r\n"))
    }

    func testTabCompletesEngineAttributes() throws {
        let pty = try start()
        pty.type("import torch.nn as nn; model = nn.Module(); model.fc1 = nn.Linear(2,2)\r")
        try pty.prompt()
        pty.type("model.fc\t")
        try pty.read(until: "model.fc1")
        pty.type("\r")
        let shown = try pty.prompt()
        XCTAssertTrue(shown.contains("Linear(in_features=2, out_features=2, bias=True)"), shown)
        pty.type("model.fc1.out_f\t")
        try pty.read(until: "out_features")
        XCTAssertEqual(try pty.enter(""), ["2"])
        pty.type("%he\t")
        try pty.read(until: "%help")
        pty.type("\r")
        XCTAssertTrue(try pty.prompt().contains("%gradcheck FN, INPUTS"))
    }

    func testTabCompletesFilePathsInStringsAndAfterFileMagics() throws {
        let dir = try makeTemporaryDirectory("wick-paths")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "1,2\n".write(toFile: dir + "/data.csv", atomically: true, encoding: .utf8)
        try "print('ran it')\n".write(toFile: dir + "/script.py", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        let pty = try start()
        pty.type("len(open('\(dir)/da\t")
        try pty.read(until: "data.csv'")
        XCTAssertEqual(try pty.enter(").read())"), ["4"])
        pty.type("%run \(dir)/scr\t")
        try pty.read(until: "script.py")
        XCTAssertEqual(try pty.enter(""), ["ran it"])
        pty.type("%run \(dir)/su\t")
        try pty.read(until: "sub/")
        pty.type("\u{15}")  // Ctrl-U: drop the line
        XCTAssertEqual(try pty.enter("1"), ["1"])
    }

    func testStepOpensTheLessonBeforeTheFirstPrompt() throws {
        let dir = try makeTemporaryDirectory("wick-step")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "# %% First\nprint('first cell ran')\n".write(toFile: dir + "/07-step.py", atomically: true, encoding: .utf8)
        let pty = try PTYSession(arguments: ["step", dir + "/07-step.py"], home: home)
        let opening = PTYSession.clean(try pty.prompt())
        XCTAssertTrue(opening.contains("First"), opening)
        XCTAssertFalse(opening.contains("first cell ran"), opening)
        XCTAssertTrue(try pty.enter("").contains("first cell ran"))
    }

    func testCtrlCInterruptsRunningCodeAndKeepsTheNamespace() throws {
        let pty = try start()
        pty.type("x = 0\r")
        try pty.prompt()
        pty.type("while True:\r")
        try pty.read(until: "... ")
        pty.type("    if x == 0: print('spinning')\r")
        try pty.read(until: "... ")
        pty.type("    x += 1\r")
        try pty.read(until: "... ")
        pty.type("\r")
        try pty.read(until: "spinning\r\n")  // the loop runs: now Ctrl-C
        usleep(100_000)
        pty.type("\u{3}")
        let interrupted = try pty.prompt()
        XCTAssertTrue(interrupted.contains("KeyboardInterrupt"), interrupted)
        pty.type("x > 0\r")
        XCTAssertTrue(try pty.prompt().contains("True\r\n"))
    }

    func testCtrlCInsideEngineWorkThenKernelsRunAgain() throws {
        let pty = try start()
        _ = try pty.enter("import torch; x = torch.ones(1000, 1000); n = 0")
        pty.type("while True:\r")
        try pty.read(until: "... ")
        pty.type("    y = torch.exp(x) * 2; n += 1\r")
        try pty.read(until: "... ")
        pty.type("    if n == 1: print('spinning')\r")
        try pty.read(until: "... ")
        pty.type("\r")
        try pty.read(until: "spinning\r\n")
        usleep(200_000)
        pty.type("\u{3}")
        XCTAssertTrue(try pty.prompt().contains("KeyboardInterrupt"))
        XCTAssertEqual(try pty.enter("n > 0"), ["True"])
        // The interruption is over: big kernels compute whole results again.
        XCTAssertEqual(try pty.enter("round((torch.exp(x) * 2).sum().item() / 1e6, 4)"), ["5.4366"])
    }

    func testCtrlCCancelsTheLineBeingTyped() throws {
        let pty = try start()
        pty.type("y = 1\r")
        try pty.prompt()
        pty.type("y = 2")
        usleep(200_000)
        pty.type("\u{3}")
        XCTAssertTrue(try pty.prompt().contains("KeyboardInterrupt"))
        pty.type("y\r")
        XCTAssertTrue(try pty.prompt().contains("1\r\n"))
    }

    func testHistoryIsWrittenAfterEveryLine() throws {
        let pty = try start()
        pty.type("first = 1\r")
        try pty.prompt()
        pty.type("second = first + 1\r")
        try pty.prompt()
        pty.signal(SIGKILL)
        let history = try String(contentsOfFile: home + "/.wick_history", encoding: .utf8)
        XCTAssertTrue(history.contains("first = 1\n"), history)
        XCTAssertTrue(history.contains("second = first + 1\n"), history)
        // The next session reads it back: Up recalls the last line.
        let again = try start()
        again.type("\u{1b}[A\r")
        XCTAssertTrue(try again.prompt().contains("second = first + 1"))
    }

    func testReverseSearchRecallsAnEarlierLine() throws {
        let pty = try start()
        _ = try pty.enter("unique_value = 99")
        _ = try pty.enter("unique_value * 2")
        _ = try pty.enter("0")
        pty.type("\u{12}unique_value *")  // Ctrl-R, then the text to find
        try pty.read(until: "reverse-i-search")
        usleep(200_000)
        pty.type("\r")
        // Readline redraws the found line after the normal prompt, runs it, then prompts again.
        try pty.read(until: "198\r\n")
        try pty.prompt()
    }

    func testCtrlDAndExitLeave() throws {
        let pty = try start()
        pty.type("\u{4}")
        XCTAssertEqual(pty.waitForExit(), 0)
        let other = try start()
        other.type("exit(3)\r")
        XCTAssertEqual(other.waitForExit(), 3)
    }

    func testSteppingThroughALesson() throws {
        let dir = try makeTemporaryDirectory("wick-lesson")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lesson = """
        # %% [markdown]
        # # Tiny lesson
        # Numbers add up.

        # %% Adding
        a = 20
        print("a is", a)

        # %% Doubling
        b = a * 2
        print("b is", b)

        # %% [markdown]
        # Try it: set `a = 5` and `%rerun` the cell above.
        """
        try lesson.write(toFile: dir + "/01-tiny.py", atomically: true, encoding: .utf8)
        let pty = try start()
        pty.type("%open \(dir)/01-tiny.py\r")
        let outline = try pty.prompt()
        XCTAssertTrue(outline.contains("Adding"), outline)
        pty.type("%next\r")
        XCTAssertTrue(try pty.prompt().contains("Numbers add up."))
        pty.type("%n\r")
        XCTAssertTrue(try pty.prompt().contains("a is 20"))
        pty.type("a = 1\r")
        try pty.prompt()
        pty.type("\r")  // Enter on an empty line: the next cell
        XCTAssertTrue(try pty.prompt().contains("b is 2"))
        pty.type("%back\r")
        try pty.prompt()
        pty.type("%rerun\r")
        XCTAssertTrue(try pty.prompt().contains("a is 20"))
        // On a prose cell, %rerun runs the nearest code cell above it.
        pty.type("%goto 4\r")
        XCTAssertTrue(try pty.prompt().contains("Try it"))
        pty.type("a = 5\r")
        try pty.prompt()
        pty.type("%rerun\r")
        let rerun = try pty.prompt()
        XCTAssertTrue(rerun.contains("re-running cell 3") && rerun.contains("b is 10"), rerun)
    }

    func testPipedInputRunsWithoutPrompts() throws {
        let process = Process()
        process.executableURL = WickBinary.url
        process.environment = ["HOME": home, "PATH": "/usr/bin:/bin"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write("print(1)\nx = 5\nif x:\n    x + 1\n\n".data(using: .utf8) ?? Data())
        try input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); XCTFail("wick did not finish reading a pipe") }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(text, "1\n6\n")
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
