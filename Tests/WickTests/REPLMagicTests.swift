import Foundation
import XCTest

/// The REPL's magics, fed through a pipe (no prompts, plain lines).
final class REPLMagicTests: XCTestCase {
    var home = ""

    override func setUpWithError() throws {
        home = try makeTemporaryDirectory("wick-magic-home")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: home)
    }

    /// Runs `wick` with `input` on standard input; (status, stdout, stderr). Killed after 30 s.
    func repl(_ input: String) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = WickBinary.url
        process.environment = ["HOME": home, "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8"]
        process.currentDirectoryURL = URL(fileURLWithPath: home)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        final class Collected: @unchecked Sendable { var out = Data(), err = Data() }
        let collected = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { collected.out = stdout.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { collected.err = stderr.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); XCTFail("wick did not finish") }
        _ = group.wait(timeout: .now() + 5)
        return (process.terminationStatus, String(decoding: collected.out, as: UTF8.self), String(decoding: collected.err, as: UTF8.self))
    }

    func testWhoListsTypesShapesAndParameters() throws {
        let r = try repl("""
        %who
        import torch
        import torch.nn as nn
        t = torch.zeros(2, 3)
        w = torch.ones(4, dtype=torch.float64, requires_grad=True)
        model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
        n = 3
        name = 'wick'
        %who

        """)
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.err, "")
        XCTAssertEqual(r.out, """
        Interactive namespace is empty.
        Variable   Type         Data/Info
        ---------------------------------
        torch      module       <module 'torch'>
        nn         module       <module 'torch.nn'>
        t          Tensor       shape (2, 3), torch.float32
        w          Tensor       shape (4,), torch.float64, requires_grad
        model      Sequential   49 parameters in 4 tensors
        n          int          3
        name       str          'wick'

        """)
    }

    func testTimeAndTimeit() throws {
        let r = try repl("%time sum(range(10))\n%time q = 1\n%timeit -n 3 -r 2 y = 1\nq\n")
        XCTAssertEqual(r.err, "")
        let lines = r.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 7, r.out)
        guard lines.count == 7 else { return }
        let unit = "[0-9.]+ (ns|µs|ms|s)"
        XCTAssertNotNil(lines[0].range(of: "^CPU times: user \(unit), sys: \(unit), total: \(unit)$", options: .regularExpression), lines[0])
        XCTAssertNotNil(lines[1].range(of: "^Wall time: \(unit)$", options: .regularExpression), lines[1])
        XCTAssertEqual(lines[2], "45")
        XCTAssertTrue(lines[3].hasPrefix("CPU times: "))
        XCTAssertNotNil(lines[5].range(of: "^\(unit) ± \(unit) per loop \\(mean ± std. dev. of 2 runs, 3 loops each\\)$", options: .regularExpression), lines[5])
        XCTAssertEqual(lines[6], "1")
    }

    func testGradcheckReportsEachInput() throws {
        let r = try repl("""
        import torch
        class Bad(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * x
            @staticmethod
            def backward(ctx, g):
                return g * 3

        x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
        w = torch.ones(2, 3, dtype=torch.float64, requires_grad=True)
        %gradcheck lambda a, b: a @ b, (x, w)
        %gradcheck Bad.apply, x
        %gradcheck 1

        """)
        let lines = r.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 7, r.out)
        guard lines.count == 7 else { return }
        XCTAssertEqual(lines[0], "gradcheck lambda a, b: a @ b, (x, w)")
        XCTAssertNotNil(lines[1].range(of: "^  input 0: shape \\(2,\\) torch.float64  max abs error [0-9.e+-]+  max rel error [0-9.e+-]+  ok$", options: .regularExpression), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("  input 1: shape (2, 3) torch.float64"), lines[2])
        XCTAssertEqual(lines[3], "passed: the backward pass matches finite differences (atol 1e-05, rtol 0.001)")
        XCTAssertEqual(lines[5], "  input 0: shape (2,) torch.float64  max abs error 1.00e+00  max rel error 5.00e-01  MISMATCH")
        XCTAssertEqual(lines[6], "FAILED: Jacobian mismatch for output 0 with respect to input 0,")
        XCTAssertEqual(r.err, "UsageError: %gradcheck needs a function and its inputs: %gradcheck FN, INPUTS\n")
    }

    func testSaveRunResetAndErrors() throws {
        let script = home + "/saved.py"
        let r = try repl("""
        a = 20
        def twice(v):
            return 2 * v

        %save \(script)
        %reset
        a
        %run \(script)
        twice(a)
        %foo
        %run /no/such/file.py
        %quit
        print('not reached')

        """)
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.out, "Saved 2 inputs to \(script)\nNamespace cleared.\n40\n")
        XCTAssertEqual(try String(contentsOfFile: script, encoding: .utf8), "a = 20\ndef twice(v):\n    return 2 * v\n\n")
        XCTAssertEqual(r.err, """
        Traceback (most recent call last):
          File "<stdin>", line 1, in <module>
        NameError: name 'a' is not defined
        UsageError: Line magic function `%foo` not found.
        ERROR: File `/no/such/file.py` not found.

        """)
    }

    func testExitStatusAndSyntaxErrors() throws {
        let r = try repl("x = (1,\n2)\nx\n1 +\nraise SystemExit(4)\n")
        XCTAssertEqual(r.status, 4)
        XCTAssertEqual(r.out, "(1, 2)\n")
        XCTAssertEqual(r.err, "  File \"<stdin>\", line 1\n    1 +\n       ^\nSyntaxError: invalid syntax\n")
    }

    func testPlotDrawsTheCurrentFigure() throws {
        let r = try repl("%plot\nimport matplotlib.pyplot as plt\n_ = plt.plot([1, 2, 3], [1, 4, 9])\n%plot\nplt.close()\n%plot\n%reset\n"
                         + "import matplotlib.pyplot as plt\n_ = plt.plot([0, 1]); plt.close()\n%plot\n")
        let none = "No figure to draw: make one with matplotlib.pyplot (plt.plot(...)) first; plt.show() and plt.close() close figures.\n"
        let gnuplot = ["/usr/bin/gnuplot", "/usr/local/bin/gnuplot"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        if gnuplot {
            // Closed after an earlier input: the remembered figure is drawn again.
            XCTAssertEqual(r.err, none + none)
            XCTAssertEqual(r.out.components(separatedBy: "+----").count, 5, r.out)
            XCTAssertTrue(r.out.contains("***"), r.out)
        } else {
            XCTAssertTrue(r.err.hasPrefix(none), r.err)
        }
    }
}
