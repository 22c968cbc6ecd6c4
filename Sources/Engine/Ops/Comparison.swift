extension GradcheckCase {
    /// Placeholder: filled in by the Comparison ops.
    static let comparisonAndSelection: [GradcheckCase] = []
}
