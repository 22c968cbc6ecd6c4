extension GradcheckCase {
    /// Placeholder: filled in by the Reduction ops.
    static let reductions: [GradcheckCase] = []
}
