/// TeX math (`$…$`) shown with simple Unicode where that is clear: `\alpha` → α, `x^2` → x²,
/// `\frac{a}{b}` → a/b, `\sqrt{x}` → √x. A snippet with a command it does not know
/// (`\begin{pmatrix}`…) is shown exactly as written.
public enum Math {
    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
        "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ",
        "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
        "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "equiv": "≡", "propto": "∝", "infty": "∞",
        "partial": "∂", "nabla": "∇", "sum": "Σ", "prod": "∏", "int": "∫", "in": "∈", "notin": "∉",
        "subset": "⊂", "cup": "∪", "cap": "∩", "forall": "∀", "exists": "∃", "to": "→", "rightarrow": "→",
        "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦", "ldots": "…", "cdots": "⋯", "dots": "…",
        "odot": "⊙", "otimes": "⊗", "circ": "∘", "top": "ᵀ", "ell": "ℓ", "lVert": "‖", "rVert": "‖", "|": "‖",
        "log": "log", "ln": "ln", "exp": "exp", "max": "max", "min": "min", "tanh": "tanh", "sin": "sin",
        "cos": "cos", "cosh": "cosh", "sinh": "sinh", "tan": "tan", "det": "det", "arg": "arg",
        "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "langle": "⟨", "rangle": "⟩", "star": "⋆",
        "leftrightarrow": "↔", "iff": "⇔", "implies": "⇒", "gg": "≫", "ll": "≪", "cdotp": "·", "prime": "′", "argmax": "argmax", "argmin": "argmin", "lim": "lim",
        ",": " ", ";": " ", ":": " ", "!": "", " ": " ", "quad": "  ", "qquad": "    ",
        "{": "{", "}": "}", "_": "_", "%": "%", "$": "$", "#": "#", "&": "&",
        "left": "", "right": "", "big": "", "Big": "", "bigg": "", "Bigg": "", "displaystyle": "",
    ]
    static let operators: Set<String> = [
        "sum", "prod", "int", "log", "ln", "exp", "max", "min", "tanh", "sin", "cos", "cosh", "sinh", "tan", "det", "arg", "argmax", "argmin", "lim",
    ]
    static let vulgarFractions: [String: String] = ["1/2": "½", "1/3": "⅓", "2/3": "⅔", "1/4": "¼", "3/4": "¾"]
    static let blackboard: [Character: String] = ["R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼"]
    static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "-": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ", "T": "ᵀ", "t": "ᵗ", "k": "ᵏ",
        "x": "ˣ", "j": "ʲ", "a": "ᵃ", "b": "ᵇ", "d": "ᵈ", "e": "ᵉ", "m": "ᵐ", "*": "*", "′": "′", "ᵀ": "ᵀ",
        "y": "ʸ", "h": "ʰ", "l": "ˡ", "s": "ˢ", "r": "ʳ", "w": "ʷ", "o": "ᵒ", "p": "ᵖ", "u": "ᵘ", "v": "ᵛ", "g": "ᵍ",
    ]
    static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "-": "₋", "=": "₌", "(": "₍", ")": "₎", "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "n": "ₙ", "t": "ₜ",
        "a": "ₐ", "e": "ₑ", "o": "ₒ", "x": "ₓ", "h": "ₕ", "l": "ₗ", "m": "ₘ", "p": "ₚ", "s": "ₛ", "r": "ᵣ",
    ]

    /// The Unicode reading of a TeX snippet (without its `$` delimiters).
    public static func unicode(_ tex: String) -> String {
        var parser = Reader(Array(tex))
        let text = parser.sequence(until: nil)
        return parser.unknown ? tex : text
    }

    /// A recursive reader over the characters of a snippet.
    struct Reader {
        let chars: [Character]
        var i = 0
        /// Whether a command was met that has no Unicode reading.
        var unknown = false
        init(_ chars: [Character]) { self.chars = chars }

        /// Converts everything up to `end` (a closing brace) or the end of input.
        mutating func sequence(until end: Character?) -> String {
            var out = ""
            while i < chars.count {
                let c = chars[i]
                if let end, c == end { i += 1; return out }
                var piece = atom()
                // A big operator or named function after a symbol gets a space: `\frac{1}{n}\sum` → `1/n Σ`.
                if piece.hasPrefix("\u{1}") {
                    piece.removeFirst()
                    if let last = out.last, last != " ", last != "(" { out += " " }
                }
                out += piece
            }
            return out
        }

        /// One unit: a command, a group, a script, or a character.
        mutating func atom() -> String {
            let c = chars[i]
            i += 1
            switch c {
            case "{": return sequence(until: "}")
            case "^", "_":
                let body = argument()
                let table = c == "^" ? Math.superscripts : Math.subscripts
                if !body.isEmpty, let mapped = try? body.map({ ch -> Character in
                    guard let m = table[ch] else { throw NotebookError("") }
                    return m
                }) { return String(mapped) }
                return body.count == 1 ? String(c) + body : String(c) + "(" + body + ")"
            case "\\": return command()
            default: return String(c)
            }
        }

        /// A command's argument: a braced group or the next single unit.
        mutating func argument() -> String {
            while i < chars.count, chars[i] == " " { i += 1 }
            guard i < chars.count else { return "" }
            if chars[i] == "{" { i += 1; return sequence(until: "}") }
            return atom()
        }

        /// `\name` (or `\,`) and what it takes.
        mutating func command() -> String {
            guard i < chars.count else { return "\\" }
            var name = ""
            if chars[i].isLetter {
                while i < chars.count, chars[i].isLetter { name.append(chars[i]); i += 1 }
            } else {
                name = String(chars[i]); i += 1
            }
            switch name {
            case "frac", "dfrac", "tfrac":
                let a = argument(), b = argument()
                if let vulgar = Math.vulgarFractions[a + "/" + b] { return vulgar }
                // A denominator of more than one symbol keeps its brackets: `1/(2h)`, never `1/2h`.
                let bare = b.count <= 1 || b.allSatisfy { $0.isNumber || $0 == "." }
                return group(a) + "/" + (bare || group(b).hasPrefix("(") ? group(b) : "(" + b + ")")
            case "sqrt":
                let a = argument()
                return "√" + group(a)
            case "text", "mathrm", "textrm", "mathit", "mathbf", "boldsymbol", "operatorname", "textbf", "mathsf", "bm":
                return argument()
            case "mathbb":
                let a = argument()
                return a.count == 1 ? (Math.blackboard[a.first ?? " "] ?? a) : a
            case "hat": return argument() + "\u{0302}"
            case "bar", "overline": return argument() + "\u{0304}"
            case "tilde": return argument() + "\u{0303}"
            case "dot": return argument() + "\u{0307}"
            case "vec": return argument() + "\u{20D7}"
            default:
                if let s = Math.symbols[name] {
                    // `\log x` keeps its space; `\alpha x` too (the source's space follows).
                    if ["lfloor", "lceil", "langle"].contains(name) {
                        while i < chars.count, chars[i] == " " { i += 1 }   // `\lfloor x` → `⌊x`
                    }
                    return Math.operators.contains(name) ? "\u{1}" + s : s
                }
                unknown = true
                return "\\" + name
            }
        }

        /// `ab+c` → `(ab+c)`; a single symbol or a number stays bare.
        func group(_ s: String) -> String {
            let simple = s.count <= 1 || s.allSatisfy { $0.isNumber || $0 == "." }
                || s.allSatisfy { $0.isLetter || $0.isNumber || "²³¹⁰⁴⁵⁶⁷⁸⁹ᵢⱼₖₙₜ₀₁₂₃\u{0302}\u{0304}".contains($0) }
            return simple ? s : "(" + s + ")"
        }
    }
}
