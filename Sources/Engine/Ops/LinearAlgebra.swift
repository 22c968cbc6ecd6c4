extension GradcheckCase {
    /// Placeholder: filled in by the LinearAlgebra ops.
    static let linearAlgebra: [GradcheckCase] = []
}
