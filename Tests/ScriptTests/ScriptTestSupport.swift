import Foundation
@testable import Script

/// Runs source text as a script and returns (exit status, stdout, stderr).
func runScript(_ source: String, path: String = "test.py") -> (status: Int32, out: String, err: String) {
    var out = "", err = ""
    let status = ScriptRunner.run(source: source, path: path, output: .init(stdout: { out += $0 }, stderr: { err += $0 }))
    return (status, out, err)
}

/// The last non-empty line of a run's stderr (the exception line of a traceback).
func lastErrorLine(_ source: String) -> String {
    let r = runScript(source)
    return r.err.split(separator: "\n").last.map(String.init) ?? ""
}

/// The first syntax error of a source text, as `Type: message (line:column)` (parsed on a big stack).
func firstSyntaxError(_ source: String) -> String? {
    var result: String?
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        result = firstSyntaxErrorOnCurrentThread(source)
        done.signal()
    }
    thread.stackSize = 256 << 20
    thread.start()
    done.wait()
    return result
}

private func firstSyntaxErrorOnCurrentThread(_ source: String) -> String? {
    let result = Parser.parseCollectingErrors(source)
    guard let e = result.errors.first else {
        if let m = result.module {
            do { try Resolver.resolve(m) } catch let r as SyntaxErrorInfo { return "\(r.type): \(r.message) (\(r.line):\(r.column))" } catch {}
        }
        return nil
    }
    return "\(e.type): \(e.message) (\(e.line):\(e.column))"
}
