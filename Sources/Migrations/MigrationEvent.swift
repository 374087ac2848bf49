/// Something the engine did to one migration.
public struct MigrationEvent: Sendable, Equatable {
    /// Which way a migration moved.
    public enum Direction: String, Sendable {
        case up
        case down
        /// An existing table was taken over as this version instead of running it.
        case adopt
        /// `down` stopped here: the version holds adopted data it never drops.
        case keep
    }

    /// Which way it moved.
    public let direction: Direction
    /// The migration's version.
    public let version: Int
    /// The migration's name.
    public let name: String
    /// How long it took.
    public let duration: Duration
}
