import Foundation
import Script

/// `%time` and `%timeit`, printed as IPython prints them.
extension Magics {
    /// IPython's `_format_time`: three significant digits in s, ms, µs or ns; `1min 5s` past a minute.
    static func formatTime(_ seconds: Double, precision: Int = 3) -> String {
        if seconds >= 60 {
            var parts: [String] = []
            var left = seconds
            for (suffix, length) in [("d", 86_400.0), ("h", 3_600.0), ("min", 60.0), ("s", 1.0)] {
                let value = Int(left / length)
                if value > 0 {
                    left = left.truncatingRemainder(dividingBy: length)
                    parts.append("\(value)\(suffix)")
                }
                if left < 1 { break }
            }
            return parts.joined(separator: " ")
        }
        let units = ["s", "ms", "µs", "ns"], scaling = [1.0, 1e3, 1e6, 1e9]
        var order = 3
        if seconds > 0 {
            let exponent = Int(floor(log10(seconds)))
            order = min(-Int(floor(Double(exponent) / 3)), 3)
            order = max(order, 0)
        }
        return String(format: "%.*g", Int32(precision), seconds * scaling[order]) + " " + units[order]
    }

    /// User and system CPU seconds of the process so far.
    static func cpuTimes() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }

    /// `%time STMT`: runs it once, then `CPU times: …` and `Wall time: …`; an expression's value is shown after.
    func time(_ statement: String) -> Result {
        guard !statement.isEmpty else { usage("%time"); return .done }
        SignalFlag.clear()
        let cpu0 = Magics.cpuTimes()
        let wall0 = DispatchTime.now().uptimeNanoseconds
        var value: PyObject?
        var outcome = ScriptSession.Outcome.ok
        do {
            value = try session.evaluate(statement)
        } catch is SyntaxErrorInfo {
            // Not a lone expression: run it as statements (a real syntax error is printed there).
            outcome = session.run(statement, interactive: false)
        } catch {
            REPLOutput.err(session.describe(error))
            outcome = .error
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - wall0) / 1e9
        let cpu1 = Magics.cpuTimes()
        SignalFlag.clear()
        if case .exit(let status) = outcome { return .exit(status) }
        let user = cpu1.user - cpu0.user, system = cpu1.system - cpu0.system
        REPLOutput.out("CPU times: user \(Magics.formatTime(user)), sys: \(Magics.formatTime(system)), total: \(Magics.formatTime(user + system))\n")
        REPLOutput.out("Wall time: \(Magics.formatTime(wall))\n")
        if let value, !(value is PyNone), let text = session.perform({ ScriptSession.repr(value) }) {
            REPLOutput.out(text + "\n")
        }
        return .done
    }

    /// `%timeit [-n N] [-r R] STMT`: IPython's loop count (×10 until a run takes 0.2 s), 7 runs,
    /// `mean ± std. dev.` per loop.
    func timeit(_ argument: String) {
        var words = argument.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var number: Int?, repeats = 7
        while words.count >= 2, words[0] == "-n" || words[0] == "-r", let v = Int(words[1]), v > 0 {
            if words[0] == "-n" { number = v } else { repeats = v }
            words.removeFirst(2)
        }
        let statement = argument.hasPrefix("-") ? words.joined(separator: " ") : argument
        guard !statement.isEmpty else { usage("%timeit"); return }
        SignalFlag.clear()
        defer { SignalFlag.clear() }
        do {
            let loops: Int
            if let n = number {
                loops = n
            } else {
                var n = 1
                for index in 0..<10 {
                    n = Int(pow(10.0, Double(index)))
                    if try session.measure(statement, number: n) >= 0.2 { break }
                }
                loops = n
            }
            var timings: [Double] = []
            for _ in 0..<repeats { timings.append(try session.measure(statement, number: loops) / Double(loops)) }
            let mean = timings.reduce(0, +) / Double(timings.count)
            let std = (timings.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(timings.count)).squareRoot()
            let grouped = Magics.grouped(loops)
            REPLOutput.out("\(Magics.formatTime(mean)) ± \(Magics.formatTime(std)) per loop (mean ± std. dev. of \(repeats) run\(repeats == 1 ? "" : "s"), \(grouped) loop\(loops == 1 ? "" : "s") each)\n")
        } catch let e as SyntaxErrorInfo {
            REPLOutput.err("  File \"<timeit>\", line \(e.line)\n\(e.type): \(e.message)\n")
        } catch {
            REPLOutput.err(session.describe(error))
        }
    }

    /// `1,000,000`: Python's `{:,}`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
