import Foundation
import XCTest
@testable import Script

/// The Python-object memory budget (LANGUAGE.md §9): oversized requests and endless growth raise MemoryError.
final class MemoryBudgetTests: XCTestCase {
    /// Runs `source` with a 4 MB budget; returns (status, stdout, last stderr line).
    func run(_ source: String, memory: Int = 4 << 20) -> (status: Int32, out: String, last: String) {
        var out = "", err = ""
        let status = ScriptRunner.run(source: source, path: "mem.py", limits: .init(memory: memory),
                                      output: .init(stdout: { out += $0 }, stderr: { err += $0 }))
        let last = err.split(separator: "\n").last.map(String.init) ?? ""
        return (status, out, last)
    }

    static let endless = "def gen():\n    i = 0\n    while True:\n        yield i\n        i += 1\n"

    func testEndlessGeneratorIntoListRaisesMemoryError() {
        let r = run(Self.endless + "list(gen())\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.last, "MemoryError")
    }

    func testGrowthInComprehensionsAndAppendIsCaught() {
        let source = Self.endless + """
        for make in (lambda: [x for x in gen()], lambda: {x: 1 for x in gen()}, lambda: {x for x in gen()}, lambda: tuple(gen())):
            try:
                make()
            except MemoryError as e:
                print("caught", repr(e), str(e) == "")
        l = []
        try:
            for x in gen():
                l.append(x)
        except MemoryError:
            print("append stopped", len(l) > 10000)
        l = None
        print(sum([i for i in range(20000)]))

        """
        let r = run(source)
        XCTAssertEqual(r.status, 0, r.last)
        XCTAssertEqual(r.out, String(repeating: "caught MemoryError() True\n", count: 4) + "append stopped True\n199990000\n")
    }

    func testLargeRequestsAreCheckedBeforeAllocating() {
        let source = """
        cases = [lambda: [0] * (10 ** 7), lambda: 'ab' * (10 ** 8), lambda: list(range(10 ** 7)),
                 lambda: f"{1:>100000000}", lambda: ",".join(["x" * 1000000] * 100), lambda: "x".ljust(10 ** 8),
                 lambda: "a" * 1000000 + "" if False else ("a" * 1000).replace("a", "b" * 100000),
                 lambda: [1, 2].extend(range(10 ** 7)), lambda: "{:^100000000}".format("x")]
        for i, c in enumerate(cases):
            try:
                c()
                print(i, "allocated")
            except MemoryError:
                print(i, "MemoryError")
        print(len([0] * 1000), len("ab" * 1000), len(list(range(1000))), len(f"{1:>1000}"))

        """
        let r = run(source)
        XCTAssertEqual(r.status, 0, r.last)
        XCTAssertEqual(r.out, (0..<9).map { "\($0) MemoryError\n" }.joined() + "1000 2000 1000 1000\n")
    }

    func testBudgetIsTheLimitNotAFixedCap() {
        // 1 M list slots (8 MB) fit a 16 MB budget but not a 4 MB one.
        XCTAssertEqual(run("x = [0] * 1000000\nprint(len(x))\n", memory: 16 << 20).out, "1000000\n")
        XCTAssertEqual(run("x = [0] * 1000000\nprint(len(x))\n", memory: 4 << 20).last, "MemoryError")
    }

    func testNoSpuriousErrorAfterRecovering() {
        let source = Self.endless + """
        for round in range(2):
            try:
                list(gen())
            except MemoryError:
                pass
            data = [str(i) for i in range(3000)]
            print(round, len(data))

        """
        let r = run(source)
        XCTAssertEqual(r.out, "0 3000\n1 3000\n", r.last)
    }

    func testWidthAndJoinErrorsMatchCPython() {
        XCTAssertEqual(run("f'{1:>100000000000000000000}'\n").last, "ValueError: Too many decimal digits in format string")
        XCTAssertEqual(run("'x'.ljust(5, 'ab')\n").last, "TypeError: The fill character must be exactly one character long")
        XCTAssertEqual(run("','.join(['a', 2])\n").last, "TypeError: sequence item 1: expected str instance, int found")
    }
}
