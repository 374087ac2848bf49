import CLibPQ

/// A PostgreSQL URL as libpq takes it: hosts, percent-encoding, sslmode and the rest
/// are libpq's to interpret; only the pool size is taken out.
public struct PostgresURL: Sendable, Equatable {
    /// The libpq connection URI (`postgresql://...`).
    let conninfo: String
    /// The pool size from `?pool_size=N`, if given.
    public let poolSize: Int?
    /// Whether statements are prepared once per connection (`?prepared_statements=false`
    /// turns it off, for PgBouncer in transaction mode before 1.21).
    let preparesStatements: Bool
    /// The password as written and as decoded, to scrub from messages.
    private let secrets: [String]
    /// The URL as given, with the password masked.
    public let redacted: String

    /// Parses what follows `postgresql://` (or `postgres://`, `postgresql+driver://`).
    init(afterScheme rest: String) throws(DatabaseURLError) {
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var kept: [Substring] = []
        var poolSize: Int?
        var prepares = true
        for pair in parts.count > 1 ? parts[1].split(separator: "&") : [] {
            let (name, value) = QueryParameters.split(pair)
            if QueryParameters.poolSizeNames.contains(name) {
                poolSize = try QueryParameters.parsePoolSize(value)
            } else if name == "prepared_statements" {
                guard let flag = ["true": true, "on": true, "1": true, "false": false, "off": false, "0": false][value] else {
                    throw DatabaseURLError("prepared_statements must be true or false, not '\(value)'")
                }
                prepares = flag
            } else {
                kept.append(pair)
            }
        }
        let given = "postgresql://\(parts[0])" + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        for (name, value) in PostgresURL.defaults where !kept.contains(where: { $0.hasPrefix("\(name)=") }) {
            kept.append("\(name)=\(value)")
        }
        let conninfo = "postgresql://\(parts[0])?\(kept.joined(separator: "&"))"
        let rawPassword = PostgresURL.rawPassword(inAuthority: String(parts[0]))
        let options = try PostgresURL.options(of: conninfo, scrubbing: rawPassword)
        self.conninfo = conninfo
        self.poolSize = poolSize
        self.preparesStatements = prepares
        self.secrets = ([rawPassword] + Self.secretKeywords.map { options[$0] }).compactMap { $0 }.filter { !$0.isEmpty }
        // Rebuilt from what libpq read, not from the text: however the password was written
        // (in the authority, in the query, with / or ? or @ in it), it cannot show.
        self.redacted = PostgresURL.display((try? PostgresURL.options(of: given, scrubbing: rawPassword)) ?? options)
    }

    /// Options whose values are secrets.
    static let secretKeywords = ["password", "sslpassword"]

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

    /// The options libpq reads from `conninfo` (a URI or `key=value` pairs), by keyword;
    /// libpq's own error message is scrubbed of the password before it is shown.
    static func options(of conninfo: String, scrubbing raw: String?) throws(DatabaseURLError) -> [String: String] {
        var error: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(conninfo, &error) else {
            let message = error.map { String(cString: $0) } ?? "cannot parse"
            PQfreemem(error)
            let scrubbed = raw.map { message.replacing($0, with: "***") } ?? message
            throw DatabaseURLError("malformed PostgreSQL URL: \(scrubbed.oneLine)")
        }
        defer { PQconninfoFree(parsed) }
        var options: [String: String] = [:]
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { options[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        return options
    }

    /// A URL for logs and errors, written from parsed options, every secret as `***`.
    static func display(_ options: [String: String]) -> String {
        let hosts = (options["host"] ?? options["hostaddr"] ?? "").split(separator: ",", omittingEmptySubsequences: false)
        let ports = (options["port"] ?? "").split(separator: ",", omittingEmptySubsequences: false)
        let authority = hosts.enumerated().map { index, host in
            let port = ports.count == 1 ? ports[0] : index < ports.count ? ports[index] : ""
            return port.isEmpty ? String(host) : "\(host):\(port)"
        }.joined(separator: ",")
        let user = options["user"].map { $0 + (options["password"] == nil ? "" : ":***") + "@" } ?? ""
        let shown: Set<String> = ["host", "hostaddr", "port", "user", "password", "dbname"]
        let query = options.keys.filter { !shown.contains($0) }.sorted().map { key in
            "\(key)=\(secretKeywords.contains(key) ? "***" : options[key] ?? "")"
        }
        return "postgresql://\(user)\(authority)/\(options["dbname"] ?? "")" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }
}
