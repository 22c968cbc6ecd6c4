import XCTest
@testable import Script

/// Behaviour that CPython cannot generate expectations for: wick's documented deviations and limits.
final class RuntimeTests: XCTestCase {
    func testIntegerOverflowRaisesNeverWraps() {
        let overflow = "OverflowError: int too large for wick's 64-bit integers"
        for expr in ["2**200", "1 << 64", "int('9'*40)", "int(1e300)", "2**63", "-(-2)**63", "9223372036854775807 + 1",
                     "(-9223372036854775807 - 1) * -1", "abs(-9223372036854775807 - 1)", "(-9223372036854775807-1) // -1",
                     "99999999999999999999", "0xFFFFFFFFFFFFFFFFFF", "sum([2**62, 2**62])", "-(-9223372036854775807-1)"] {
            XCTAssertEqual(lastErrorLine("x = \(expr)\n"), expr == "int(1e300)" ? overflow : overflow, expr)
        }
        XCTAssertEqual(runScript("print((-2)**63, 2**62 + (2**62 - 1))\n").out, "-9223372036854775808 9223372036854775807\n")
    }

    func testTracebackLayout() {
        let source = "def f(n):\n    return g(n)\n\ndef g(n):\n    return 1 / n\n\nprint('before')\nf(0)\n"
        let r = runScript(source, path: "Lessons/demo.py")
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.out, "before\n")
        XCTAssertEqual(r.err, """
            Traceback (most recent call last):
              File "Lessons/demo.py", line 8, in <module>
                f(0)
              File "Lessons/demo.py", line 2, in f
                return g(n)
              File "Lessons/demo.py", line 5, in g
                return 1 / n
            ZeroDivisionError: division by zero

            """)
    }

    func testRecursionErrorAtDepthLimit() {
        let r = runScript("import sys\ndef f(n):\n    return f(n + 1)\nf(0)\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.hasSuffix("RecursionError: maximum recursion depth exceeded\n"), r.err)
        XCTAssertTrue(r.err.contains("[Previous line repeated"), r.err)
        let deep = runScript("import sys\nsys.setrecursionlimit(5000)\ndef d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(4000))\n")
        XCTAssertEqual(deep.out, "4000\n", deep.err)
    }

    func testExitStatuses() {
        XCTAssertEqual(runScript("import sys\nsys.exit(3)\n").status, 3)
        XCTAssertEqual(runScript("import sys\nsys.exit()\n").status, 0)
        XCTAssertEqual(runScript("raise KeyboardInterrupt\n").status, 130)
        XCTAssertEqual(runScript("x = 1\n").status, 0)
    }

    func testMemoryBudgetForRepetition() {
        XCTAssertEqual(lastErrorLine("x = [0] * (1 << 40)\n"), "MemoryError")
        XCTAssertEqual(lastErrorLine("x = 'ab' * (1 << 40)\n"), "MemoryError")
    }

    func testUnsupportedBuiltinsAreNamed() {
        XCTAssertEqual(lastErrorLine("eval('1')\n"), "NotImplementedError: eval() is not supported by wick")
        XCTAssertEqual(lastErrorLine("open('x.bin', 'rb')\n"), "ValueError: wick opens text files only")
        XCTAssertEqual(lastErrorLine("chr(0xD800)\n"), "ValueError: chr() arg is a lone surrogate, which wick's strings cannot hold")
    }
}

/// Self-referential and deeply nested data never overflow the native stack.
final class NestedDataTests: XCTestCase {
    func testSelfReferenceAndDeepNesting() {
        XCTAssertEqual(runScript("a = [1]\na.append(a)\nd = {}\nd['k'] = d\nprint(a, d)\n").out, "[1, [...]] {'k': {...}}\n")
        XCTAssertEqual(lastErrorLine("a = []\na.append(a)\nb = []\nb.append(b)\nprint(a == b)\n"),
                       "RecursionError: maximum recursion depth exceeded in comparison")
        XCTAssertEqual(lastErrorLine("import json\na = []\na.append(a)\njson.dumps(a)\n"), "ValueError: Circular reference detected")
        XCTAssertEqual(runScript("x = []\nfor _ in range(5000):\n    x = [x]\nimport copy\ny = copy.copy(x)\nprint(len(y))\n").out, "1\n")
    }
}

/// Freeing long chains of objects is iterative, so it cannot overflow the stack.
final class TeardownTests: XCTestCase {
    func testLongChainsAreFreedWithoutRecursion() {
        let source = """
            class Node:
                def __init__(self, nxt):
                    self.nxt = nxt
            head = None
            for i in range(200000):
                head = Node(head)
            x = []
            for _ in range(100000):
                x = [x, (x,), {"k": x}]
            head = None
            x = None
            print("freed")

            """
        let r = runScript(source)
        XCTAssertEqual(r.out, "freed\n", r.err)
    }
}

/// Chained exceptions print both tracebacks as CPython lays them out.
final class ChainedTracebackTests: XCTestCase {
    func testContextAndCauseTracebacks() {
        let r = runScript("def parse(s):\n    try:\n        return int(s)\n    except ValueError as e:\n        raise TypeError('bad') from e\nparse('x')\n", path: "c.py")
        XCTAssertEqual(r.err, """
            Traceback (most recent call last):
              File "c.py", line 3, in parse
                return int(s)
            ValueError: invalid literal for int() with base 10: 'x'

            The above exception was the direct cause of the following exception:

            Traceback (most recent call last):
              File "c.py", line 6, in <module>
                parse('x')
              File "c.py", line 5, in parse
                raise TypeError('bad') from e
            TypeError: bad

            """)
    }
}
