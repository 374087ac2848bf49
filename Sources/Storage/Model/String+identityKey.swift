import Foundation

extension String {
    /// The key that makes two names or emails "the same" for uniqueness:
    /// Unicode NFKC, full case folding, then NFKC again (folding can denormalise).
    /// Computed in Swift because SQLite's `lower()` folds ASCII only.
    public var identityKey: String {
        precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
    }
}
