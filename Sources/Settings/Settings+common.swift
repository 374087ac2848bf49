public import Storage

extension Settings {
    /// `DATABASE_URL`, by SQLAlchemy's rules; the Python service's `sqlite:///./test.db` by default.
    public func databaseURL() throws(DatabaseURLError) -> DatabaseURL {
        try DatabaseURL(parsing: string("DATABASE_URL") ?? DatabaseURL.defaultString)
    }

    /// `MIGRATIONS_DIR`: the folder holding `sqlite/` and `postgres/`; `./sql` by default.
    public var migrationsDirectory: String { string("MIGRATIONS_DIR") ?? "./sql" }

    /// `PORT`: where the service listens (and where `--check-health` asks); 8000 by default.
    public func port() throws(ConfigurationError) -> Int {
        try integer("PORT", in: 0...65535, default: 8000)
    }
}
