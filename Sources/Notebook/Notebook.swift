/// Lessons as notebooks: percent-format cells, Markdown in the terminal, the lesson catalogue, stepping (RUNNER.md).
public enum Notebook {}
