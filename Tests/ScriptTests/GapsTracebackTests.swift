import XCTest
@testable import Script

/// Tracebacks and exception chaining print CPython 3.11's text (without its `^^^` position markers).
final class GapsTracebackTests: XCTestCase {
    func check(_ source: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let r = runScript(source)
        XCTAssertEqual(r.status, 1, file: file, line: line)
        XCTAssertEqual(r.err, expected, file: file, line: line)
    }

    func testBareRaiseKeepsTheOriginalLine() {
        check("""
        def h():
            try:
                {}["k"]
            except KeyError:
                raise
        h()

        """, """
        Traceback (most recent call last):
          File "test.py", line 6, in <module>
            h()
          File "test.py", line 3, in h
            {}["k"]
        KeyError: 'k'

        """)
    }

    func testRaisingACaughtExceptionAgainKeepsItsFrames() {
        check("""
        def f():
            raise ValueError("x")
        try:
            f()
        except ValueError as e:
            err = e
        raise err

        """, """
        Traceback (most recent call last):
          File "test.py", line 7, in <module>
            raise err
          File "test.py", line 4, in <module>
            f()
          File "test.py", line 2, in f
            raise ValueError("x")
        ValueError: x

        """)
    }

    func testExplicitCauseChain() {
        check("""
        def a():
            raise KeyError("inner")
        def b():
            try:
                a()
            except KeyError as e:
                raise RuntimeError("outer") from e
        b()

        """, """
        Traceback (most recent call last):
          File "test.py", line 5, in b
            a()
          File "test.py", line 2, in a
            raise KeyError("inner")
        KeyError: 'inner'

        The above exception was the direct cause of the following exception:

        Traceback (most recent call last):
          File "test.py", line 8, in <module>
            b()
          File "test.py", line 7, in b
            raise RuntimeError("outer") from e
        RuntimeError: outer

        """)
    }

    func testImplicitContextChain() {
        check("""
        try:
            int("x")
        except ValueError:
            print(undefined_name)

        """, """
        Traceback (most recent call last):
          File "test.py", line 2, in <module>
            int("x")
        ValueError: invalid literal for int() with base 10: 'x'

        During handling of the above exception, another exception occurred:

        Traceback (most recent call last):
          File "test.py", line 4, in <module>
            print(undefined_name)
        NameError: name 'undefined_name' is not defined

        """)
    }

    func testUnraisedCauseHasNoTracebackHeader() {
        check("""
        raise RuntimeError("outer") from ValueError("never raised")

        """, """
        ValueError: never raised

        The above exception was the direct cause of the following exception:

        Traceback (most recent call last):
          File "test.py", line 1, in <module>
            raise RuntimeError("outer") from ValueError("never raised")
        RuntimeError: outer

        """)
    }
}
