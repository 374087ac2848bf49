import Settings

/// One limit: at most `count` events per `window`, written `COUNT/WINDOW` (`5/15m`, `20/1h`).
struct RateLimit: Sendable, Equatable {
    let count: Int
    let window: Duration

    init(count: Int, window: Duration) {
        self.count = count
        self.window = window
    }

    /// Parses `5/15m`: a whole count, a slash, a whole number with `s`, `m`, `h` or `d`.
    init(parsing text: String, name: String) throws {
        let parts = text.split(separator: "/")
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard parts.count == 2, let count = Int(parts[0]), count > 0,
            let unit = parts[1].last.flatMap({ units[$0] }), let amount = Int(parts[1].dropLast()), amount > 0
        else {
            throw ConfigurationError("\(name) must look like 5/15m (a count, a slash, a window in s, m, h or d), not '\(text)'")
        }
        self.init(count: count, window: .seconds(amount * unit))
    }
}
