import XCTest
@testable import Script

/// ScriptSession.isComplete (when the REPL shows `... `) and completions.
final class SessionInputTests: XCTestCase {
    func complete(_ s: String) -> String {
        switch ScriptSession.isComplete(s) {
        case .complete: return "complete"
        case .incomplete: return "incomplete"
        case .invalid(let e): return "\(e.type): \(e.message)"
        }
    }

    func testIsComplete() {
        XCTAssertEqual(complete("x = 1"), "complete")
        XCTAssertEqual(complete(""), "complete")
        XCTAssertEqual(complete("if x:"), "incomplete")
        XCTAssertEqual(complete("if x:\n    y = 1"), "incomplete")
        XCTAssertEqual(complete("if x:\n    y = 1\n"), "complete")
        XCTAssertEqual(complete("for i in range(3): print(i)"), "incomplete")
        XCTAssertEqual(complete("def f():\n    return 1\n"), "complete")
        XCTAssertEqual(complete("@dec"), "incomplete")
        XCTAssertEqual(complete("x = (1,"), "incomplete")
        XCTAssertEqual(complete("x = (1,\n"), "incomplete")
        XCTAssertEqual(complete("x = (1,\n2)"), "complete")
        XCTAssertEqual(complete("x = [\n"), "incomplete")
        XCTAssertEqual(complete("s = '''abc"), "incomplete")
        XCTAssertEqual(complete("x = 1 + \\"), "incomplete")
        XCTAssertEqual(complete("x = 1 + \\\n2"), "complete")
        XCTAssertEqual(complete("x = )"), "SyntaxError: unmatched ')'")
        XCTAssertEqual(complete("if x:\n"), "IndentationError: expected an indented block after 'if' statement on line 1")
        XCTAssertEqual(complete("1 +"), "SyntaxError: invalid syntax")
    }

    func testNameAndKeywordCompletion() {
        let s = RecordingSession()
        s.run("alpha = 1\nalphabet = 2\n_private = 3\n")
        XCTAssertEqual(s.session.completions(before: "x = alp").matches, ["alpha", "alphabet"])
        XCTAssertEqual(s.session.completions(before: "x = alp").token, "alp")
        XCTAssertEqual(s.session.completions(before: "pri").matches, ["print"])
        XCTAssertEqual(s.session.completions(before: "whi").matches, ["while"])
        XCTAssertEqual(s.session.completions(before: "_pr").matches, ["_private"])
        XCTAssertEqual(s.session.completions(before: "print('alp").matches, [])
        XCTAssertEqual(s.session.completions(before: "1.").matches, [])
    }

    func testAttributeCompletionLooksUpChainsWithoutCalling() {
        let s = RecordingSession()
        s.run("class Net:\n    def forward(self, x, scale=1):\n        return x\nclass Holder:\n    pass\nh = Holder()\nh.net = Net()\nh.count = 0\ncalls = []\ndef make():\n    calls.append(1)\n    return h\n")
        XCTAssertEqual(s.session.completions(before: "h.n").matches, ["h.net"])
        XCTAssertEqual(s.session.completions(before: "h.net.f").matches, ["h.net.forward"])
        XCTAssertEqual(s.session.completions(before: "h.").matches, ["h.count", "h.net"])
        XCTAssertEqual(s.session.completions(before: "make().n").matches, [])
        XCTAssertEqual(s.run("len(calls)").1, "0\n")
        XCTAssertEqual(s.session.completions(before: "'abc'.upp").matches, [])
        XCTAssertTrue(s.session.completions(before: "calls.app").matches == ["calls.append"])
        s.run("import math")
        XCTAssertEqual(s.session.completions(before: "math.sq").matches, ["math.sqrt"])
        XCTAssertTrue(s.session.completions(before: "h.__").matches.contains("h.__class__"))
    }

    func testSignatureLineParsing() {
        XCTAssertEqual(ScriptSession.parameterNames(fromSignature: "zeros(*size, *, dtype=None, device=None, requires_grad=False)"),
                       ["dtype", "device", "requires_grad"])
        XCTAssertEqual(ScriptSession.parameterNames(fromSignature: "f(self, x: int, y=(1, 2), /, **kw)"), ["x", "y"])
        XCTAssertEqual(ScriptSession.parameterNames(fromSignature: "no signature"), [])
    }

    func testImportCompletion() {
        let s = RecordingSession()
        // Other test targets in the same process may have registered matplotlib; the standard ones are always there.
        XCTAssertEqual(s.session.completions(before: "import ma").matches.filter { !$0.hasPrefix("matplotlib") }, ["math"])
        XCTAssertEqual(s.session.completions(before: "import mat").matches.filter { !$0.hasPrefix("matplotlib") }, ["math"])
        XCTAssertEqual(s.session.completions(before: "from os.p").matches, ["os.path"])
        XCTAssertEqual(s.session.completions(before: "from math import sq").matches, ["sqrt"])
    }

    func testKeywordArgumentCompletion() {
        let s = RecordingSession()
        s.run("def train(model, lr=0.1, *, epochs=3):\n    pass\nclass Opt:\n    def __init__(self, params, lr=0.01, momentum=0):\n        pass\nlearning = 1\n")
        XCTAssertEqual(s.session.completions(before: "train(m, l").matches, ["lr=", "lambda", "learning", "len", "list"])
        XCTAssertEqual(s.session.completions(before: "train(m, ep").matches, ["epochs="])
        XCTAssertEqual(s.session.completions(before: "Opt(p, mo").matches, ["momentum="])
        XCTAssertEqual(s.session.completions(before: "print(len(x), se").matches, ["sep=", "set", "setattr"])
        XCTAssertEqual(s.session.completions(before: "sorted(x, ke").matches, ["key="])
    }
}
