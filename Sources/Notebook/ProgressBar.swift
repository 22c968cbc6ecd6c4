import Foundation

/// A tqdm-style progress line (`desc: 45%|████▌     | 45/100 [00:01<00:01, 40.12it/s]`),
/// redrawn in place with `\r`; draws nothing unless enabled (by default: stderr is a terminal).
public final class ProgressBar {
    /// Items expected, nil when unknown (then the line shows a count and rate only).
    public var total: Int?
    /// Items done so far.
    public private(set) var n = 0
    /// The text before the bar.
    public private(set) var desc: String?
    /// The text after the rate (`loss=0.123`), as `set_postfix` makes it.
    public private(set) var postfix: String?
    /// Whether the finished bar stays on screen (`leave=True`) or is erased.
    public let leave: Bool
    /// Whether anything is drawn.
    public let enabled: Bool
    /// Terminal columns (nil: a 10-character bar, as tqdm without a width).
    public let width: Int?

    private let write: (String) -> Void
    private let clock: () -> Double
    private let start: Double
    private var lastDraw = -Double.infinity
    private var lastLength = 0
    private var closed = false
    /// Seconds between redraws (tqdm's `mininterval`).
    public var minInterval = 0.1

    /// Makes a bar and draws it at 0 when enabled.
    /// - Parameters:
    ///   - enabled: nil means "stderr is a terminal".
    ///   - width: nil means the terminal width of stderr when enabled.
    ///   - write: where the line goes (default: stderr, unbuffered).
    ///   - clock: seconds since some origin (tests pass a fake one).
    public init(total: Int?, desc: String? = nil, leave: Bool = true, width: Int? = nil, enabled: Bool? = nil,
                write: ((String) -> Void)? = nil, clock: (() -> Double)? = nil) {
        self.total = total
        self.desc = desc
        self.leave = leave
        let on = enabled ?? Terminal.stderrIsTTY
        self.enabled = on
        self.width = width ?? (on ? Terminal.width(of: STDERR_FILENO) : nil)
        self.write = write ?? { FileHandle.standardError.write($0.data(using: .utf8) ?? Data()) }
        let clock = clock ?? { ProcessInfo.processInfo.systemUptime }
        self.clock = clock
        self.start = clock()
        if on { draw(force: true) }
    }

    /// Adds `count` finished items and redraws (at most every `minInterval` seconds).
    public func update(_ count: Int = 1) {
        let (sum, overflow) = n.addingReportingOverflow(count)
        n = overflow ? (count > 0 ? Int.max : Int.min) : sum
        draw(force: total.map { n >= $0 } ?? false)
    }

    /// Replaces the text after the rate and redraws.
    public func setPostfix(_ text: String?, refresh: Bool = true) {
        postfix = text
        if refresh { draw(force: true) }
    }

    /// Replaces the text before the bar and redraws.
    public func setDescription(_ text: String?, refresh: Bool = true) {
        desc = text
        if refresh { draw(force: true) }
    }

    /// Draws the final state and ends the line (or erases it when `leave` is false). Idempotent.
    public func close() {
        guard !closed else { return }
        defer { closed = true }
        guard enabled else { return }
        if leave {
            draw(force: true)
            write("\n")
        } else {
            write("\r" + String(repeating: " ", count: lastLength) + "\r")
        }
    }

    /// The current line (what would be drawn now).
    public var line: String {
        ProgressBar.format(n: n, total: total, elapsed: clock() - start, desc: desc, postfix: postfix, width: width)
    }

    private func draw(force: Bool) {
        guard enabled, !closed else { return }
        let now = clock()
        guard force || now - lastDraw >= minInterval else { return }
        lastDraw = now
        let text = line
        let length = ANSI.visibleWidth(text)
        write("\r" + text + String(repeating: " ", count: max(0, lastLength - length)))
        lastLength = length
    }

    /// tqdm's `format_interval`: `01:05`, or `1:01:05` past an hour.
    public static func interval(_ seconds: Double) -> String {
        let t = seconds.isFinite && seconds < 1e15 ? max(0, Int(seconds)) : 0
        let (mins, s) = t.quotientAndRemainder(dividingBy: 60)
        let (h, m) = mins.quotientAndRemainder(dividingBy: 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%02d:%02d", m, s)
    }

    /// tqdm's `format_meter` with unit `it`: the whole line for `n` of `total` after `elapsed`
    /// seconds; `width` nil gives a 10-character bar, else the bar fills the line to `width`.
    public static func format(n: Int, total: Int?, elapsed: Double, desc: String?, postfix: String?, width: Int?) -> String {
        var total = total
        if let t = total, n > t { total = nil }
        let rate: Double? = elapsed > 0 && n > 0 ? Double(n) / elapsed : nil
        let rateText: String
        if let rate, 1 / rate > 1 {
            rateText = String(format: "%5.2f", 1 / rate) + "s/it"
        } else {
            rateText = (rate.map { String(format: "%5.2f", $0) } ?? "?") + "it/s"
        }
        let post = postfix.map { $0.isEmpty ? "" : ", " + $0 } ?? ""
        var prefix = ""
        if let desc, !desc.isEmpty { prefix = desc.hasSuffix(": ") ? desc : desc + ": " }
        let elapsedText = interval(elapsed)
        guard let total, total > 0 else {
            return "\(prefix)\(n)it [\(elapsedText), \(rateText)\(post)]"
        }
        let frac = Double(n) / Double(total)
        let remaining = rate.map { interval((Double(total) - Double(n)) / $0) } ?? "?"
        let left = prefix + String(format: "%3.0f%%", frac * 100) + "|"
        let right = "| \(n)/\(total) [\(elapsedText)<\(remaining), \(rateText)\(post)]"
        let bars = width.map { max(1, $0 - ANSI.visibleWidth(left) - ANSI.visibleWidth(right)) } ?? 10
        return left + bar(frac, bars) + right
    }

    /// tqdm's unicode bar: full blocks, one partial eighth-block, spaces.
    static func bar(_ frac: Double, _ length: Int) -> String {
        let symbols: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
        let eighths = Int(max(0, min(1, frac)) * Double(length) * 8)
        let (full, part) = eighths.quotientAndRemainder(dividingBy: 8)
        var s = String(repeating: "█", count: full)
        if full < length {
            s.append(symbols[part])
            s += String(repeating: " ", count: length - full - 1)
        }
        return s
    }

    /// tqdm's `format_num` for postfix values: `{:.3g}` (with `+0`/`-0` shortened, as tqdm
    /// does) unless `str(x)` is shorter.
    public static func formatNumber(_ x: Double) -> String {
        var f = String(format: "%.3g", x)
        f = f.replacingOccurrences(of: "+0", with: "+").replacingOccurrences(of: "-0", with: "-")
        let plain = "\(x)"
        return f.count < plain.count ? f : plain
    }
}

extension ProgressBar {
    /// tqdm's `format_num` for an int: `{:.3g}` unless `str(n)` is shorter.
    public static func formatNumber(_ n: Int) -> String {
        var f = String(format: "%.3g", Double(n))
        f = f.replacingOccurrences(of: "+0", with: "+").replacingOccurrences(of: "-0", with: "-")
        return f.count < String(n).count ? f : String(n)
    }
}
