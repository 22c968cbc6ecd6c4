/// The Python subset that lesson files are written in (LANGUAGE.md).
public enum Script {
    /// The language version whose semantics the interpreter follows.
    public static let pythonVersion = "3.11"
}
