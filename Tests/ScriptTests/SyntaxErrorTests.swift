import XCTest
@testable import Script

/// Lexer and parser diagnostics: CPython's messages and locations.
final class SyntaxErrorTests: XCTestCase {
    func testLexerMessages() {
        XCTAssertEqual(firstSyntaxError("x = (1,\n"), "SyntaxError: '(' was never closed (1:5)")
        XCTAssertEqual(firstSyntaxError("s = 'abc\n"), "SyntaxError: unterminated string literal (detected at line 1) (1:5)")
        XCTAssertEqual(firstSyntaxError("x = 1)\n"), "SyntaxError: unmatched ')' (1:6)")
        XCTAssertEqual(firstSyntaxError("x = [1, 2)\n"), "SyntaxError: closing parenthesis ')' does not match opening parenthesis '[' (1:10)")
        XCTAssertEqual(firstSyntaxError("x = 012\n"), "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (1:5)")
        XCTAssertEqual(firstSyntaxError("if x:\n        a\n    b\n"), "IndentationError: unindent does not match any outer indentation level (3:5)")
        XCTAssertEqual(firstSyntaxError("x = 1\u{0}\n"), "SyntaxError: source code cannot contain null bytes (1:6)")
        XCTAssertEqual(firstSyntaxError("x = '''abc\n"), "SyntaxError: unterminated triple-quoted string literal (detected at line 2) (1:5)")
        XCTAssertEqual(firstSyntaxError("x = 1 $ 2\n"), "SyntaxError: invalid syntax (1:7)")
    }

    func testParserMessages() {
        XCTAssertEqual(firstSyntaxError("if True\n    pass\n"), "SyntaxError: expected ':' (1:8)")
        XCTAssertEqual(firstSyntaxError("def f():\nreturn 1\n"), "IndentationError: expected an indented block after function definition on line 1 (2:1)")
        XCTAssertEqual(firstSyntaxError("x = 1\n  y = 2\n"), "IndentationError: unexpected indent (2:3)")
        XCTAssertEqual(firstSyntaxError("return 1\n"), "SyntaxError: 'return' outside function (1:1)")
        XCTAssertEqual(firstSyntaxError("break\n"), "SyntaxError: 'break' outside loop (1:1)")
        XCTAssertEqual(firstSyntaxError("f() = 1\n"), "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? (1:1)")
        XCTAssertEqual(firstSyntaxError("def f(a=1, b):\n    pass\n"), "SyntaxError: non-default argument follows default argument (1:12)")
        XCTAssertEqual(firstSyntaxError("f(a=1, 2)\n"), "SyntaxError: positional argument follows keyword argument (1:8)")
        XCTAssertEqual(firstSyntaxError("def f():\n    nonlocal q\n"), "SyntaxError: no binding for nonlocal 'q' found (2:1)")
        XCTAssertEqual(firstSyntaxError("x = f'{}'\n"), "SyntaxError: f-string: empty expression not allowed (1:5)")
    }

    func testUnsupportedConstructsAreNamed() {
        XCTAssertEqual(firstSyntaxError("async def f():\n    pass\n"), "SyntaxError: 'async' is not supported by wick (1:1)")
        XCTAssertEqual(firstSyntaxError("if (n := 3) > 1:\n    pass\n"), "SyntaxError: the walrus operator ':=' is not supported by wick (1:7)")
        XCTAssertEqual(firstSyntaxError("match x:\n    case 1:\n        pass\n"), "SyntaxError: 'match' is not supported by wick (1:1)")
        XCTAssertEqual(firstSyntaxError("x = b'abc'\n"), "SyntaxError: bytes literals are not supported by wick (1:5)")
        XCTAssertEqual(firstSyntaxError("class A(metaclass=M):\n    pass\n"), "SyntaxError: metaclasses are not supported by wick (1:21)")
        XCTAssertNil(firstSyntaxError("match = 5\nprint(match)\n"))
    }

    func testRecoveryReportsEveryError() {
        let result = Parser.parseCollectingErrors("x = = 1\ny = 2\nz = = 3\n")
        XCTAssertEqual(result.errors.map { $0.line }, [1, 3])
    }

    func testNestingLimit() {
        XCTAssertEqual(firstSyntaxError(String(repeating: "(", count: 201) + String(repeating: ")", count: 201) + "\n"),
                       "SyntaxError: too many nested parentheses (1:201)")
        XCTAssertNil(firstSyntaxError("x = " + String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150) + "\n"))
        XCTAssertNotNil(firstSyntaxError("x = " + String(repeating: "-", count: 100_000) + "1\n"))
    }

    func testSyntaxErrorLayoutHasSourceLineAndCaret() {
        let r = runScript("print('never')\nif True\n    pass\n", path: "lesson.py")
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.out, "")
        XCTAssertEqual(r.err, "  File \"lesson.py\", line 2\n    if True\n           ^\nSyntaxError: expected ':'\n")
    }
}
