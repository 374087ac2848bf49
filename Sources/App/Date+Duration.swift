import Foundation
import Storage

extension Date {
    /// The date `duration` later, to the millisecond.
    static func + (date: Date, duration: Duration) -> Date {
        date.addingTimeInterval(Double(duration.milliseconds) / 1000)
    }
}
