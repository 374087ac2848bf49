/// How far `up` or `down` goes.
public enum MigrationTarget: Sendable, Equatable {
    /// Every pending migration (up) or every applied one (down).
    case all
    /// At most this many migrations.
    case count(Int)
    /// Up to and including this version (up), or down to just this version left applied
    /// (`.version(0)` reverts everything).
    case version(Int)
}
