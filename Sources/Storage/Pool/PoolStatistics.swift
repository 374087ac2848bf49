/// A snapshot of a database's connection pools, for metrics.
public struct PoolStatistics: Sendable, Equatable {
    /// Connections lent out right now.
    public var inUse = 0
    /// Open connections waiting to be lent.
    public var idle = 0
    /// Borrowers waiting for a connection right now.
    public var waiting = 0
    /// Connections lent since start.
    public var acquisitions = 0
    /// Total time borrowers spent waiting for a connection, in seconds.
    public var waitSeconds = 0.0

    public init() {}

    /// The sum of two pools' figures.
    static func + (lhs: PoolStatistics, rhs: PoolStatistics) -> PoolStatistics {
        var sum = lhs
        sum.inUse += rhs.inUse
        sum.idle += rhs.idle
        sum.waiting += rhs.waiting
        sum.acquisitions += rhs.acquisitions
        sum.waitSeconds += rhs.waitSeconds
        return sum
    }
}
