import XCTest
import Foundation

/// `wick run` with cells, `wick lessons`, `wick check`, `wick gradcheck`, tqdm in a pipe.
final class CLITests: XCTestCase {
    static let basics = """
    # %% [markdown]
    # # 01 · Basics
    #
    # Adding **numbers**.

    # %% Setup
    x = 2
    print('setup', x)

    # %%
    y = x * 3
    print('y', y)

    # %% [markdown]
    # ## Done

    """

    func testRunAllCellsInOneNamespace() throws {
        let p = try CLIProject()
        try p.write("Lessons/01-basics.py", CLITests.basics)
        let r = try p.wick(["run", "Lessons/01-basics.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "setup 2\ny 6\n")   // prose is skipped in a pipe
        XCTAssertEqual(r.stderr, "")
        let short = try p.wick(["Lessons/01-basics.py", "--quiet"])
        XCTAssertEqual(short.stdout, "setup 2\ny 6\n")
    }

    func testCellAndUntil() throws {
        let p = try CLIProject()
        try p.write("Lessons/01-basics.py", CLITests.basics)
        XCTAssertEqual(try p.wick(["run", "Lessons/01-basics.py", "--cell", "2"]).stdout, "setup 2\n")
        XCTAssertEqual(try p.wick(["run", "Lessons/01-basics.py", "--until", "2"]).stdout, "setup 2\n")
        XCTAssertEqual(try p.wick(["run", "Lessons/01-basics.py", "--cell", "2", "--until", "4"]).stdout, "setup 2\ny 6\n")
        // Cell 3 alone has no `x`: the traceback names the file's real line.
        let alone = try p.wick(["run", "Lessons/01-basics.py", "--cell", "3"])
        XCTAssertEqual(alone.status, 1)
        XCTAssertEqual(alone.stdout, "")
        XCTAssertEqual(alone.stderr, """
        Traceback (most recent call last):
          File "Lessons/01-basics.py", line 11, in <module>
            y = x * 3
        NameError: name 'x' is not defined

        """)
    }

    func testUsageErrorsExitTwo() throws {
        let p = try CLIProject()
        try p.write("Lessons/01-basics.py", CLITests.basics)
        let far = try p.wick(["run", "Lessons/01-basics.py", "--cell", "9"])
        XCTAssertEqual(far.status, 2)
        XCTAssertEqual(far.stderr, "wick: error: --cell 9 is out of range: 'Lessons/01-basics.py' has 4 cells\n")
        let backwards = try p.wick(["run", "Lessons/01-basics.py", "--cell", "3", "--until", "2"])
        XCTAssertEqual(backwards.status, 2)
        XCTAssertEqual(backwards.stderr, "wick: error: --cell 3 comes after --until 2\n")
        let missing = try p.wick(["run", "nope.py"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "wick: can't open file 'nope.py': [Errno 2] No such file or directory\n")
        XCTAssertEqual(try p.wick(["run"]).status, 2)
        XCTAssertEqual(try p.wick(["lessons", "--bogus"]).status, 2)
    }

    func testScriptArgumentsAndExitStatus() throws {
        let p = try CLIProject()
        try p.write("s.py", "import sys\nprint(sys.argv)\nsys.exit(int(sys.argv[1]))\n")
        let r = try p.wick(["run", "s.py", "3", "x"])
        XCTAssertEqual(r.stdout, "['s.py', '3', 'x']\n")
        XCTAssertEqual(r.status, 3)
        // Options the script knows reach it; wick's own run options may follow the file.
        let mixed = try p.wick(["s.py", "0", "--help", "-v", "--quiet", "--", "--cell", "2"])
        XCTAssertEqual(mixed.stdout, "['s.py', '0', '--help', '-v', '--cell', '2']\n")
        XCTAssertEqual(mixed.status, 0, mixed.stderr)
    }

    func testLessonsTable() throws {
        let p = try CLIProject()
        try p.write("Lessons/01-basics.py", CLITests.basics)
        try p.write("Lessons/02-more.py", "# %% [markdown]\n# # 02 · More things\n# %%\nprint(1)\n")
        let r = try p.wick(["lessons"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
        ┌────┬─────────────┬───────┐
        │  # │ lesson      │ cells │
        ├────┼─────────────┼───────┤
        │ 01 │ Basics      │     4 │
        │ 02 │ More things │     2 │
        └────┴─────────────┴───────┘

        """)
        let none = try p.wick(["lessons", "--directory", "Missing"])
        XCTAssertEqual(none.status, 2)
        XCTAssertEqual(none.stderr, "wick: error: no lessons directory 'Missing' (run wick from the project folder)\n")
    }

    func testCheckReportsCellsGradchecksAndFailures() throws {
        let p = try CLIProject()
        try p.write("Lessons/01-basics.py", CLITests.basics + """
        # %%
        import torch
        t = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
        assert torch.autograd.gradcheck(torch.sin, (t,))
        assert torch.autograd.gradcheck(lambda a: a * a, (t,))

        """)
        try p.write("Lessons/02-broken.py", """
        # %%
        a = 1
        # %% Claim
        assert a == 2, "a is not 2"
        # %%
        print('never')

        """)
        let r = try p.wick(["check"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("│ 0") }.map {
            $0.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows.first.map { Array($0[0...5]) + [$0[7]] }, ["01-basics", "3/3", "2", "0", "0", "0", "ok"])
        XCTAssertEqual(rows.last.map { Array($0[0...5]) + [$0[7]] }, ["02-broken", "1/3", "0", "0", "0", "0", "FAIL"])
        XCTAssertTrue(r.stdout.contains("── 02-broken cell 2 (Claim) "), r.stdout)
        XCTAssertTrue(r.stdout.contains("  File \"Lessons/02-broken.py\", line 4, in <module>\n    assert a == 2, \"a is not 2\"\nAssertionError: a is not 2\n"), r.stdout)
        XCTAssertFalse(r.stdout.contains("never"))
        XCTAssertTrue(r.stdout.hasSuffix("\n1 of 2 lessons failed\n"), r.stdout)

        let one = try p.wick(["check", "1"])
        XCTAssertEqual(one.status, 0, one.stdout + one.stderr)
        XCTAssertTrue(one.stdout.hasSuffix("\nall 1 lesson passed\n"))
        XCTAssertEqual(try p.wick(["check", "7"]).status, 2)
    }

    func testCheckSeparatesShownAndUnexpectedGradcheckFailures() throws {
        let p = try CLIProject()
        let wrong = """
        import torch
        class Wrong(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * x
            @staticmethod
            def backward(ctx, g):
                return g
        t = torch.tensor([1.5], dtype=torch.float64, requires_grad=True)

        """
        // A demonstration: the lesson expects both failures (caught, and asserted False).
        try p.write("Lessons/03-shown.py", wrong + """
        try:
            torch.autograd.gradcheck(Wrong.apply, (t,))
        except RuntimeError:
            print('caught')
        assert not torch.autograd.gradcheck(Wrong.apply, (t,), raise_exception=False)
        assert torch.autograd.gradcheck(torch.exp, (t,))

        """)
        // A real failure: the check raises out of the lesson.
        try p.write("Lessons/04-unexpected.py", wrong + "torch.autograd.gradcheck(Wrong.apply, (t,))\n")
        let r = try p.wick(["check", "--verbose"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.hasPrefix("caught\n"), r.stdout)
        let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("│ 0") }.map {
            $0.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        XCTAssertEqual(rows.map { Array($0[2...4]) + [$0[7]] }, [["1", "0", "2", "ok"], ["0", "1", "0", "FAIL"]])
        XCTAssertTrue(r.stdout.contains("torch.autograd.gradcheck.GradcheckError: Jacobian mismatch"), r.stdout)
    }

    func testCheckCountsFiguresAndNeverBlocksOnShow() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        guard path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/gnuplot") }) else {
            throw XCTSkip("gnuplot is not installed")
        }
        let p = try CLIProject()
        try p.write("Lessons/05-plots.py", """
        import matplotlib.pyplot as plt
        plt.plot([1, 2, 3], [1, 4, 9], label='square')
        plt.legend()
        plt.savefig('Plots/05-square.png')
        plt.show()
        plt.plot([1, 2], [2, 1])
        plt.savefig('Plots/05-line.png')

        """)
        let r = try p.wick(["check"], environment: ["WICK_PLOT": "sixel"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let row = r.stdout.split(separator: "\n").first { $0.hasPrefix("│ 05-plots") }
        let cells = row.map { $0.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        XCTAssertEqual(cells.count, 8, r.stdout)
        XCTAssertEqual(cells.count > 5 ? cells[5] : "", "2")
        XCTAssertTrue(FileManager.default.fileExists(atPath: p.root + "/Plots/05-square.png"))
    }

    func testGradcheckRowsAndUnknownName() throws {
        let p = try CLIProject()
        let r = try p.wick(["gradcheck", "add/same", "div/scalar"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("│ ") && !$0.contains("case") }
        XCTAssertEqual(rows.map { $0.split(separator: "│").first?.trimmingCharacters(in: .whitespaces) }, ["add/same", "div/scalar"])
        for row in rows {
            let cells = row.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(cells.count, 4, String(row))
            for number in cells[1...2] { XCTAssertLessThan(Double(number) ?? 1, 1e-6, String(row)) }
            XCTAssertTrue(cells[1].contains("e"), String(row))
            XCTAssertEqual(cells[3], "✓")
        }
        XCTAssertTrue(r.stdout.hasSuffix("all 2 gradient checks passed\n"))
        let family = try p.wick(["gradcheck", "mul"])
        XCTAssertEqual(family.stdout.split(separator: "\n").filter { $0.hasPrefix("│ mul/") }.count, 3)
        let unknown = try p.wick(["gradcheck", "mull"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.hasPrefix("wick: error: no gradient check named 'mull'; close names: mul/"), unknown.stderr)
    }

    func testTqdmInAPipeIteratesSilently() throws {
        let p = try CLIProject()
        try p.write("t.py", """
        from tqdm import tqdm, trange
        import tqdm as tq
        total = 0
        for i in tqdm(range(5), desc='loop'):
            total += i
        with tq.tqdm(total=10, leave=False) as bar:
            bar.update(4)
            bar.update(2**62); bar.update(2**62); bar.update(-(2**62) * 2 + 1)
            bar.set_postfix(loss=0.123456, step=3)
            print(bar.n, bar.total)
        print(total, list(trange(2, 5)), len(tqdm([1, 2, 3])))
        print(str(tqdm([1, 2, 3], desc='d')))
        tqdm.write('done')

        """)
        let r = try p.wick(["run", "t.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "0 10\n10 [2, 3, 4] 3\nd:   0%|          | 0/3 [00:00<?, ?it/s]\ndone\n", r.stderr)   // n saturates instead of overflowing
        XCTAssertEqual(r.stderr, "")
    }

    func testHelpForACommand() throws {
        let p = try CLIProject()
        let r = try p.wick(["help", "run"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("USAGE: wick run <file> [--cell <N>] [--until <N>] [--quiet]"), r.stdout)
    }
}
