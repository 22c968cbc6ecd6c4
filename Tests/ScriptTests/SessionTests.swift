import XCTest
@testable import Script

/// A session whose output is collected for assertions.
final class RecordingSession {
    private let lock = NSLock()
    private var outText = "", errText = ""
    var session: ScriptSession!

    init() {
        session = ScriptSession(output: .init(stdout: { [unowned self] s in self.lock.lock(); self.outText += s; self.lock.unlock() },
                                              stderr: { [unowned self] s in self.lock.lock(); self.errText += s; self.lock.unlock() }))
    }

    /// Runs `source` interactively; returns the outcome with the text written meanwhile.
    @discardableResult
    func run(_ source: String, path: String = "<stdin>", firstLine: Int = 1, interactive: Bool = true) -> (ScriptSession.Outcome, String, String) {
        let outcome = session.run(source, path: path, firstLine: firstLine, interactive: interactive)
        lock.lock(); defer { lock.unlock() }
        let result = (outcome, outText, errText)
        outText = ""; errText = ""
        return result
    }
}

/// ScriptSession: the persistent namespace the REPL and lesson stepping run in.
final class SessionTests: XCTestCase {
    func testNamespacePersistsAcrossChunks() {
        let s = RecordingSession()
        XCTAssertEqual(s.run("x = 40").0, .ok)
        XCTAssertEqual(s.run("def f(n):\n    return n + x\n").0, .ok)
        let (outcome, out, err) = s.run("print(f(2))")
        XCTAssertEqual(outcome, .ok)
        XCTAssertEqual(out, "42\n")
        XCTAssertEqual(err, "")
    }

    func testInteractiveEchoesReprAndSetsUnderscore() {
        let s = RecordingSession()
        XCTAssertEqual(s.run("1 + 1").1, "2\n")
        XCTAssertEqual(s.run("'a' * 3").1, "'aaa'\n")
        XCTAssertEqual(s.run("None").1, "")
        XCTAssertEqual(s.run("print('hi')").1, "hi\n")  // print returns None: no echo
        XCTAssertEqual(s.run("_ * 2").1, "'aaaaaa'\n")
        XCTAssertEqual(s.run("1; 2").1, "1\n2\n")
        XCTAssertEqual(s.run("for i in range(3): i\n").1, "0\n1\n2\n")
        XCTAssertEqual(s.run("def g():\n    5\ng()\n").1, "")  // not inside functions
        XCTAssertEqual(s.run("y = 3").1, "")
        XCTAssertEqual(s.run("7", interactive: false).1, "")
    }

    func testCellEchoesOnlyTheLastExpression() {
        let s = RecordingSession()
        XCTAssertEqual(s.session.runCell("a = 1\na\na + 1\n", path: "<cell>"), ScriptSession.Outcome.ok)
        XCTAssertEqual(s.run("None").1, "2\n")  // collected output so far: only the last expression echoed
    }

    func testErrorsPrintATracebackAndKeepTheNamespace() {
        let s = RecordingSession()
        s.run("x = 5")
        let (outcome, _, err) = s.run("1 / 0")
        XCTAssertEqual(outcome, .error)
        XCTAssertEqual(err, "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n")
        XCTAssertEqual(s.run("x").1, "5\n")
        let (o2, _, e2) = s.run("1 +")
        XCTAssertEqual(o2, .error)
        XCTAssertTrue(e2.hasPrefix("  File \"<stdin>\", line 1\n    1 +\n"), e2)
        XCTAssertTrue(e2.hasSuffix("SyntaxError: invalid syntax\n"), e2)
    }

    func testLineNumbersAreOffsetByFirstLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("lesson.py").path
        let s = RecordingSession()
        let (outcome, _, err) = s.run("a = 1\nb = a / 0\n", path: path, firstLine: 10, interactive: false)
        XCTAssertEqual(outcome, .error)
        XCTAssertEqual(err, "Traceback (most recent call last):\n  File \"\(path)\", line 11, in <module>\n    b = a / 0\nZeroDivisionError: division by zero\n")
        // A function defined in one cell names its own line when it fails from a later cell.
        s.run("def f():\n    return undefined_name\n", path: path, firstLine: 20, interactive: false)
        let (_, _, err2) = s.run("f()", path: path, firstLine: 30, interactive: false)
        XCTAssertTrue(err2.contains("line 21, in f\n    return undefined_name\n"), err2)
        XCTAssertTrue(err2.hasSuffix("NameError: name 'undefined_name' is not defined\n"), err2)
        let (_, _, err3) = s.run("x = (", path: path, firstLine: 40, interactive: false)
        XCTAssertTrue(err3.hasPrefix("  File \"\(path)\", line 40\n"), err3)
        // A file's cells import modules from beside the file.
        try "VALUE = 7\n".write(toFile: dir.appendingPathComponent("helper.py").path, atomically: true, encoding: .utf8)
        XCTAssertEqual(s.run("import helper\nprint(helper.VALUE)\n", path: path, firstLine: 50, interactive: false).1, "7\n")
    }

    func testExitOutcomes() {
        let s = RecordingSession()
        XCTAssertEqual(s.run("exit()").0, .exit(0))
        XCTAssertEqual(s.run("quit(3)").0, .exit(3))
        XCTAssertEqual(s.run("import sys\nsys.exit(4)\n").0, .exit(4))
        let (o, _, err) = s.run("raise SystemExit('bye')")
        XCTAssertEqual(o, .exit(1))
        XCTAssertEqual(err, "bye\n")
        XCTAssertEqual(s.run("x = 1").0, .ok)  // the session is still usable
    }

    func testInterruptRaisesKeyboardInterruptAndKeepsVariables() {
        let s = RecordingSession()
        s.run("x = 0")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { s.session.interrupt() }
        let (outcome, _, err) = s.run("while True:\n    x += 1\n")
        XCTAssertEqual(outcome, .interrupted)
        XCTAssertTrue(err.hasSuffix("KeyboardInterrupt\n"), err)
        XCTAssertTrue(err.hasPrefix("Traceback (most recent call last):\n  File \"<stdin>\", line 2, in <module>\n"), err)
        let (o2, out, _) = s.run("x > 0")
        XCTAssertEqual(o2, .ok)
        XCTAssertEqual(out, "True\n")
        // Ctrl-C during a last statement that never polls (a sleep) still ends in KeyboardInterrupt.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { s.session.interrupt() }
        let (o3, _, err3) = s.run("import time\ntime.sleep(0.4)\n")
        XCTAssertEqual(o3, .interrupted)
        XCTAssertTrue(err3.hasSuffix("  File \"<stdin>\", line 2, in <module>\nKeyboardInterrupt\n"), err3)
        // A request left over after a run does not hit the next one.
        s.session.interrupt()
        XCTAssertEqual(s.run("y = 1").0, .ok)
    }

    func testDeepRecursionRunsOnTheBigStack() {
        let s = RecordingSession()
        let (o, out, _) = s.run("import sys\nsys.setrecursionlimit(20000)\ndef d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nd(15000)\n")
        XCTAssertEqual(o, .ok)
        XCTAssertEqual(out, "15000\n")
    }

    func testGlobalsResetAndInputs() throws {
        let s = RecordingSession()
        s.run("a = 1\n_hidden = 2\nb = 'x'\n")
        s.run("c = (")  // a syntax error is not an input worth saving
        XCTAssertEqual(s.session.globals.map { $0.name }, ["a", "b"])
        XCTAssertEqual(s.session.globals.map { ScriptSession.typeName($0.value) }, ["int", "str"])
        XCTAssertEqual((try s.session.evaluate("a + 1") as? PyInt)?.value, 2)
        XCTAssertThrowsError(try s.session.evaluate("nope"))
        XCTAssertEqual(s.session.inputs, ["a = 1\n_hidden = 2\nb = 'x'\n"])
        s.session.reset()
        XCTAssertTrue(s.session.globals.isEmpty)
        XCTAssertTrue(s.session.inputs.isEmpty)
        XCTAssertEqual(s.run("a").0, .error)
    }

    func testMeasureRunsWithoutEchoAndRethrows() throws {
        let s = RecordingSession()
        s.run("count = 0")
        let seconds = try s.session.measure("count += 1\ncount", number: 5)
        XCTAssertGreaterThanOrEqual(seconds, 0)
        XCTAssertEqual(s.run("count").1, "5\n")  // nothing echoed by the timed runs
        XCTAssertThrowsError(try s.session.measure("1 / 0", number: 1)) { error in
            XCTAssertTrue(s.session.describe(error).hasSuffix("ZeroDivisionError: division by zero\n"), s.session.describe(error))
        }
        XCTAssertThrowsError(try s.session.measure("1 +", number: 1)) { XCTAssertTrue($0 is SyntaxErrorInfo) }
    }

    func testPerformAndSubscriptRunOnTheSessionThread() {
        let s = RecordingSession()
        s.session["answer"] = PyInt.make(42)
        XCTAssertEqual(s.run("answer + 0").1, "42\n")
        XCTAssertNil(s.session["missing"])
        XCTAssertFalse(s.session.perform { Thread.isMainThread })
        XCTAssertEqual(s.session.perform { Thread.current.stackSize }, 512 << 20)
    }
}
