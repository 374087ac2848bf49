public import Foundation

/// A throttling counter's open window: how many events it has counted and when it closes.
public struct RateCount: Sendable, Equatable {
    /// Events counted in the window.
    public var count: Int
    /// When the window closes and the count starts again.
    public var windowEnd: Date

    public init(count: Int, windowEnd: Date) {
        self.count = count
        self.windowEnd = windowEnd
    }
}
