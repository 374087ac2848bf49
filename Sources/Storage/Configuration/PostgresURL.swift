import CLibPQ

/// A PostgreSQL URL as libpq takes it: hosts, percent-encoding, sslmode and the rest
/// are libpq's to interpret; only the pool size is taken out.
public struct PostgresURL: Sendable, Equatable {
    /// The libpq connection URI (`postgresql://...`).
    let conninfo: String
    /// The pool size from `?pool_size=N`, if given.
    public let poolSize: Int?
    /// The password as written and as decoded, to scrub from messages.
    private let secrets: [String]
    /// The URL as given, with the password masked.
    public let redacted: String

    /// Parses what follows `postgresql://` (or `postgres://`, `postgresql+driver://`).
    init(afterScheme rest: String) throws(DatabaseURLError) {
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var kept: [Substring] = []
        var poolSize: Int?
        for pair in parts.count > 1 ? parts[1].split(separator: "&") : [] {
            let (name, value) = QueryParameters.split(pair)
            if QueryParameters.poolSizeNames.contains(name) {
                poolSize = try QueryParameters.parsePoolSize(value)
            } else {
                kept.append(pair)
            }
        }
        for (name, value) in PostgresURL.defaults where !kept.contains(where: { $0.hasPrefix("\(name)=") }) {
            kept.append("\(name)=\(value)")
        }
        let conninfo = "postgresql://\(parts[0])?\(kept.joined(separator: "&"))"
        let rawPassword = PostgresURL.rawPassword(inAuthority: String(parts[0]))
        let decoded = try PostgresURL.validate(conninfo, scrubbing: rawPassword)
        self.conninfo = conninfo
        self.poolSize = poolSize
        self.secrets = [rawPassword, decoded].compactMap { $0 }.filter { !$0.isEmpty }
        self.redacted = PostgresURL.masked(rest, password: rawPassword)
    }

    /// What the service sets unless the URL says otherwise: fail fast when a server is
    /// unreachable (per host), and notice a peer that went silent within about 10 s, where
    /// TCP's own defaults wait two hours: keepalive probes after 4 s idle, every 2 s, 3 of
    /// them; and unacknowledged data for 10 s ends the connection (`tcp_user_timeout`).
    static let defaults: KeyValuePairs<String, String> = [
        "connect_timeout": "5", "client_encoding": "UTF8",
        "keepalives": "1", "keepalives_idle": "4", "keepalives_interval": "2", "keepalives_count": "3",
        "tcp_user_timeout": "10000",
    ]

    /// `message` with every occurrence of the password replaced by `***`.
    func redacting(_ message: String) -> String {
        secrets.reduce(message) { text, secret in text.replacing(secret, with: "***") }
    }

    /// The still-encoded password between `user:` and the last `@`, if any.
    private static func rawPassword(inAuthority rest: String) -> String? {
        let authority = rest.prefix { $0 != "/" }
        guard let at = authority.lastIndex(of: "@") else { return nil }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return nil }
        return String(userInfo[userInfo.index(after: colon)...])
    }

    /// `postgresql://` + `rest` with the password in the authority replaced by `***`.
    private static func masked(_ rest: String, password: String?) -> String {
        guard let password, let at = rest.prefix(while: { $0 != "/" }).lastIndex(of: "@") else {
            return "postgresql://\(rest)"
        }
        let userEnd = rest.index(at, offsetBy: -password.count - 1)
        return "postgresql://\(rest[..<userEnd]):***\(rest[at...])"
    }

    /// Lets libpq parse `conninfo` and returns the decoded password; libpq's own
    /// message is scrubbed of the password before it is shown.
    private static func validate(_ conninfo: String, scrubbing raw: String?) throws(DatabaseURLError) -> String? {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &error) else {
            let message = error.map { String(cString: $0) } ?? "cannot parse"
            PQfreemem(error)
            let scrubbed = raw.map { message.replacing($0, with: "***") } ?? message
            throw DatabaseURLError("malformed PostgreSQL URL: \(scrubbed.oneLine)")
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val {
                return String(cString: value)
            }
            option += 1
        }
        return nil
    }
}
