/// The Python subset that lesson files are written in (LANGUAGE.md). Being built (issue 3).
public enum Script {
    /// The language version whose semantics the interpreter follows.
    public static let pythonVersion = "3.11"
}
