import Foundation
import Storage

/// Who a request's bearer token speaks for, and how: the user row, the token's session (nil
/// for tokens from before sessions) and when the password was last checked.
struct Authentication: Sendable {
    let user: User
    let sessionID: String?
    /// The token's `auth_time`, or its `iat` for tokens that have none.
    let authTime: Date

    /// True when the password was checked within `maxAge` of `now`.
    func isRecent(within maxAge: Duration, now: Date = Date()) -> Bool {
        now.timeIntervalSince(authTime) < Double(maxAge.components.seconds)
    }
}
