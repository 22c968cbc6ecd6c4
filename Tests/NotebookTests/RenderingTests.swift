import XCTest
@testable import Notebook

/// Markdown to terminal text, colour off and on.
final class MarkdownRendererTests: XCTestCase {
    let plain = MarkdownRenderer(colour: false, width: 40)
    let colour = MarkdownRenderer(colour: true, width: 40)

    func testHeadingsAndParagraphWrapping() {
        let md = "# 03 · Activations\n\nA *nonlinearity* after each layer lets the network bend: **without it** stacked layers collapse."
        XCTAssertEqual(plain.render(md), """
        03 · Activations
        ════════════════

        A nonlinearity after each layer lets the
        network bend: without it stacked layers
        collapse.
        """)
        XCTAssertEqual(colour.render("## Two\n\nSee `relu(x)` and *this*."),
                       "\u{1B}[1m\u{1B}[36mTwo\u{1B}[0m\n\u{1B}[2m───\u{1B}[0m\n\n"
                       + "See \u{1B}[33mrelu(x)\u{1B}[0m and \u{1B}[3mthis\u{1B}[0m.")
        XCTAssertEqual(plain.render("### Small\ntext"), "Small\n\ntext")
    }

    func testInlineCodeLinksAndEscapes() {
        XCTAssertEqual(plain.render("Call `nn.ReLU()` — see [the docs](https://pytorch.org)."),
                       "Call `nn.ReLU()` — see the docs\n(https://pytorch.org).")
        XCTAssertEqual(plain.render(#"snake_case_name stays, \*literal\* too"#), "snake_case_name stays, *literal* too")
        XCTAssertEqual(plain.render("<https://a.org> and [https://b.org](https://b.org)"), "https://a.org and https://b.org")
    }

    func testLists() {
        XCTAssertEqual(plain.render("- one\n- two is a much longer item that has to wrap around\n  - nested\n1. first\n2. second"), """
          • one
          • two is a much longer item that has
            to wrap around
            ◦ nested
          1. first
          2. second
        """)
    }

    func testFencedCodeIsIndentedAndHighlighted() {
        XCTAssertEqual(plain.render("```python\nx = 1  # one\n```"), "    x = 1  # one")
        XCTAssertEqual(colour.render("```python\nif x:\n```"), "    \u{1B}[35mif\u{1B}[0m x:")
        XCTAssertEqual(colour.render("```\nif x:\n```"), "    if x:")
    }

    func testTable() {
        let md = "| op | grad |\n|:---|---:|\n| `relu` | 1 |\n| sigmoid | $\\sigma(1-\\sigma)$ |"
        XCTAssertEqual(plain.render(md), """
        ┌─────────┬────────┐
        │ op      │   grad │
        ├─────────┼────────┤
        │ `relu`  │      1 │
        │ sigmoid │ σ(1-σ) │
        └─────────┴────────┘
        """)
    }

    func testQuoteAndRule() {
        XCTAssertEqual(plain.render("> **Try it:** set `lr = 1.0`\n\n---"),
                       "│ Try it: set `lr = 1.0`\n\n" + String(repeating: "─", count: 40))
    }

    func testMath() {
        XCTAssertEqual(Math.unicode(#"\alpha x^2 + \beta"#), "α x² + β")
        XCTAssertEqual(Math.unicode(#"\frac{1}{1+e^{-x}}"#), "1/(1+e⁻ˣ)")
        XCTAssertEqual(Math.unicode(#"\dfrac{f(x+h) - f(x-h)}{2h}"#), "(f(x+h) - f(x-h))/(2h)")
        XCTAssertEqual(Math.unicode(#"\tfrac12\delta"#), "½δ")
        XCTAssertEqual(Math.unicode(#"\frac{\lambda}{2}"#), "λ/2")
        XCTAssertEqual(Math.unicode(#"\sqrt{2} \cdot W_{ij}"#), "√2 · Wᵢⱼ")
        XCTAssertEqual(Math.unicode(#"x \in \mathbb{R}^n, \hat{y}"#), "x ∈ ℝⁿ, ŷ")
        XCTAssertEqual(Math.unicode(#"x^{yz}"#), "x^(yz)")
        XCTAssertEqual(Math.unicode(#"\unknown{a} + \alpha"#), #"\unknown{a} + \alpha"#)   // as written
        XCTAssertEqual(Math.unicode(#"\begin{pmatrix}1 & 2\end{pmatrix}"#), #"\begin{pmatrix}1 & 2\end{pmatrix}"#)
        XCTAssertEqual(Math.unicode(#"\lfloor x\rfloor, A^\top A, \log\cosh(d)"#), "⌊x⌋, Aᵀ A, log cosh(d)")
        XCTAssertEqual(plain.render(#"return $\partial L/\partial x = $ now"#), "return ∂ L/∂ x = now")
        XCTAssertEqual(plain.render(#"The loss is $L = \frac{1}{n}\sum_i (y_i - \hat{y}_i)^2$, costs $5 and $6."#),
                       "The loss is L = 1/n Σᵢ (yᵢ - ŷᵢ)², costs\n$5 and $6.")
    }
}

/// Python highlighting.
final class HighlighterTests: XCTestCase {
    func testTokensRoundTrip() {
        let code = "@torch.no_grad()\ndef f(x=1.5e-3):\n    s = f'{x!r}' + \"\"\"a\nb\"\"\"  # note\n    return len(s) if x else None\n"
        XCTAssertEqual(SyntaxHighlighter.tokens(code).map(\.0).joined(), code)
        XCTAssertEqual(SyntaxHighlighter(colour: false).highlight(code), code)
        let kinds = SyntaxHighlighter.tokens(code).filter { $0.1 != .other }.map { "\($0.1):\($0.0)" }
        XCTAssertEqual(kinds, ["decorator:@torch.no_grad", "keyword:def", "definition:f", "number:1.5e-3",
                               "string:f'{x!r}'", "string:\"\"\"a\nb\"\"\"", "comment:# note", "keyword:return",
                               "builtin:len", "keyword:if", "keyword:else", "keyword:None"])
    }

    func testColours() {
        XCTAssertEqual(SyntaxHighlighter(colour: true).highlight("x = 'a'  # c"),
                       "x = \u{1B}[32m'a'\u{1B}[0m  \u{1B}[90m\u{1B}[3m# c\u{1B}[0m")
        XCTAssertEqual(SyntaxHighlighter(colour: true).highlight("print(2)"),
                       "\u{1B}[36mprint\u{1B}[0m(\u{1B}[33m2\u{1B}[0m)")
    }
}

/// Cell headers, the stepping cursor and the progress line.
final class HeaderStepperProgressTests: XCTestCase {
    func testHeader() {
        let h = CellHeader.render(lesson: 3, cell: 4, of: 12, title: "Leaky ReLU", width: 50, colour: false)
        XCTAssertEqual(h, "── lesson 03 · cell 4/12 · Leaky ReLU " + String(repeating: "─", count: 12))
        XCTAssertEqual(ANSI.visibleWidth(h), 50)
        let c = CellHeader.render(lesson: nil, cell: 1, of: 2, title: nil, width: 20, colour: true)
        XCTAssertEqual(ANSI.strip(c), "── cell 1/2 ────────")
        XCTAssertTrue(c.contains("\u{1B}[1mcell 1/2\u{1B}[0m"))
    }

    func testStepper() throws {
        let lesson = Lesson(source: "# %% [markdown]\n# # 02 · Grad\n# %% Setup\nx = 1\n# %%\ny = x + 1\n# %% [markdown]\n# **Try it:** set `x`\n",
                            path: "Lessons/02-grad.py")
        let s = Stepper(lesson: lesson)
        XCTAssertNil(s.current)
        XCTAssertEqual(s.next()?.kind, .markdown)
        XCTAssertEqual(s.next()?.title, "Setup")
        XCTAssertEqual(s.outline(width: 60, colour: false), """
        02 · Grad (4 cells)
          1  prose  Grad
        ▶ 2  code   Setup
          3  code   y = x + 1
          4  prose  Try it: set `x`
        """)
        XCTAssertEqual(s.next()?.source, "y = x + 1")
        XCTAssertEqual(s.next()?.kind, .markdown)
        XCTAssertTrue(s.isAtEnd)
        XCTAssertNil(s.next())
        XCTAssertEqual(s.back()?.index, 3)
        XCTAssertEqual(try s.goto(1).index, 1)
        XCTAssertThrowsError(try s.goto(5)) { XCTAssertEqual(($0 as? NotebookError)?.message, "cell 5 is out of range (1–4)") }
        XCTAssertEqual(s.header(for: lesson.cells[1], width: 40, colour: false),
                       "── lesson 02 · cell 2/4 · Setup ────────")
        XCTAssertEqual(s.header(for: lesson.cells[0], width: 30, colour: false), "── lesson 02 · cell 1/4 · Grad ──")
        XCTAssertEqual(s.render(lesson.cells[0], width: 40, colour: false), "02 · Grad\n═════════")
    }

    func testProgressFormat() {
        XCTAssertEqual(ProgressBar.format(n: 45, total: 100, elapsed: 1.1215, desc: "desc", postfix: nil, width: nil),
                       "desc:  45%|████▌     | 45/100 [00:01<00:01, 40.12it/s]")
        XCTAssertEqual(ProgressBar.format(n: 0, total: 3, elapsed: 0, desc: nil, postfix: nil, width: nil),
                       "  0%|          | 0/3 [00:00<?, ?it/s]")
        XCTAssertEqual(ProgressBar.format(n: 2, total: 4, elapsed: 5, desc: nil, postfix: "loss=0.5", width: nil),
                       " 50%|█████     | 2/4 [00:05<00:05,  2.50s/it, loss=0.5]")
        XCTAssertEqual(ProgressBar.format(n: 7, total: nil, elapsed: 3725, desc: "epochs", postfix: nil, width: nil),
                       "epochs: 7it [1:02:05,  0.00it/s]".replacingOccurrences(of: " 0.00it/s", with: "532.14s/it"))
        let line = ProgressBar.format(n: 1, total: 2, elapsed: 1, desc: nil, postfix: nil, width: 60)
        XCTAssertEqual(ANSI.visibleWidth(line), 60)
        XCTAssertEqual(ProgressBar.formatNumber(0.123456), "0.123")
        XCTAssertEqual(ProgressBar.formatNumber(-0.5), "-.5")
        XCTAssertEqual(ProgressBar.formatNumber(12345), "12345")
        XCTAssertEqual(ProgressBar.formatNumber(1e-5), "1e-5")
    }

    func testProgressDrawsOnlyWhenEnabled() {
        var written = ""
        var now = 0.0
        let bar = ProgressBar(total: 2, desc: "t", width: 52, enabled: true, write: { written += $0 }, clock: { now })
        now = 1; bar.update()
        now = 2; bar.update()
        bar.close()
        XCTAssertEqual(written, "\rt:   0%|                      | 0/2 [00:00<?, ?it/s]" + "\rt:  50%|███████       | 1/2 [00:01<00:01,  1.00it/s]"
                       + "\rt: 100%|██████████████| 2/2 [00:02<00:00,  1.00it/s]\rt: 100%|██████████████| 2/2 [00:02<00:00,  1.00it/s]\n")
        // leave=False erases the line at the end.
        var erased = ""
        let temporary = ProgressBar(total: nil, leave: false, width: 40, enabled: true, write: { erased += $0 }, clock: { 0 })
        temporary.close()
        XCTAssertEqual(erased, "\r0it [00:00, ?it/s]\r" + String(repeating: " ", count: 18) + "\r")
        var silent = ""
        let off = ProgressBar(total: 2, enabled: false, write: { silent += $0 })
        off.update(2); off.close()
        XCTAssertEqual(silent, "")
    }
}

/// The colour policy and text measurement.
final class TerminalTests: XCTestCase {
    func testNoColor() {
        let saved = ProcessInfo.processInfo.environment["NO_COLOR"]
        defer { if let saved { setenv("NO_COLOR", saved, 1) } else { unsetenv("NO_COLOR") } }
        setenv("NO_COLOR", "1", 1)
        XCTAssertTrue(Terminal.noColorRequested)
        XCTAssertFalse(Terminal.colour)
        setenv("NO_COLOR", "", 1)
        XCTAssertFalse(Terminal.noColorRequested)
        unsetenv("NO_COLOR")
        XCTAssertFalse(Terminal.noColorRequested)
        // Test output goes to a pipe or file here, never a terminal: no colour either way.
        XCTAssertEqual(Terminal.colour, Terminal.stdoutIsTTY)
    }

    func testVisibleWidthAndPadding() {
        XCTAssertEqual(ANSI.visibleWidth("\u{1B}[1m\u{1B}[36mab\u{1B}[0m·σ"), 4)
        XCTAssertEqual(ANSI.visibleWidth("ŷ"), 1)
        XCTAssertEqual(ANSI.visibleWidth("表"), 2)
        XCTAssertEqual(ANSI.strip("\u{1B}[33mx\u{1B}[0m"), "x")
        XCTAssertEqual(ANSI.pad("ab", to: 5, align: .center), " ab  ")
        XCTAssertEqual(ANSI.styled("x", ANSI.bold, colour: false), "x")
    }

    func testColouredTableStripsToPlain() {
        let t = TextTable(header: ["a", "b"], rows: [["1", "22"]], alignments: [.right])
        XCTAssertEqual(ANSI.strip(t.render(colour: true)), t.render(colour: false))
        XCTAssertNotEqual(t.render(colour: true), t.render(colour: false))
    }
}
