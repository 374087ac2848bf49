public import Storage

/// `migrator copy`: every table the migrations own, from one database to another at the
/// same schema version, in one transaction on the target. The source is read in one
/// consistent snapshot, so it may keep serving meanwhile.
public struct DatabaseCopy: Sendable {
    /// Rows of one table on each side after the copy.
    public struct Count: Sendable, Equatable {
        public let table: String
        public let source: Int
        public let target: Int
    }

    let source: Migrations
    let target: Migrations

    /// The two databases with the migration files of `directory`.
    public init(from source: any UserDatabase, to target: any UserDatabase, directory: String) throws(MigrationError) {
        self.source = try Migrations(database: source, directory: directory)
        self.target = try Migrations(database: target, directory: directory)
    }

    /// Copies; with `replace`, the target's rows are deleted first, else a target that has
    /// users is refused. Returns the row counts, which it has checked match.
    public func run(replace: Bool = false) async throws -> [Count] {
        try await checkVersions()
        let layout = try await layout(of: try await ownedTables())
        let data = try await source.database.withSchemaSession(readOnly: true) { session in
            try session.inSnapshot { try layout.map { try session.read($0.table, columns: $0.columns, timestamps: $0.timestamps) } }
        }
        let counts = try await target.database.withSchemaSession { session in
            try session.inTransaction { try Self.write(data, into: session, replace: replace) }
        }
        return zip(data, counts).map { Count(table: $0.table, source: $0.count, target: $1) }
    }

    private static func write(_ data: [TableRows], into session: SchemaSession, replace: Bool) throws -> [Int] {
        let existing = try session.rowCount("users")
        guard existing == 0 || replace else {
            throw MigrationError("the target already has \(existing) user(s); pass --replace to overwrite its data")
        }
        for table in data.reversed() { try session.deleteAll(table.table) }
        for table in data { try session.write(table) }
        let counts = try data.map { try session.rowCount($0.table) }
        if let mismatch = zip(data, counts).first(where: { $0.count != $1 }) {
            throw MigrationError("\(mismatch.0.table): \(mismatch.0.count) rows read but \(mismatch.1) written; nothing was copied")
        }
        return counts
    }

    /// Both sides must be at exactly the same applied versions.
    private func checkVersions() async throws {
        let (from, to) = (try await Self.applied(source), try await Self.applied(target))
        guard from == to else {
            throw MigrationError("the databases are at different schema versions (source \(from.last ?? 0), target \(to.last ?? 0)); run migrator up on both first")
        }
        guard try await source.isCurrent() else { throw MigrationError("the source has pending migrations; run migrator up on both first") }
    }

    private static func applied(_ migrations: Migrations) async throws -> [Int] {
        try await migrations.status().filter { !$0.isPending }.map(\.version)
    }

    /// The tables the migration files create, in the order they create them (so rows that
    /// refer to others come after those), that exist in the source.
    private func ownedTables() async throws -> [String] {
        let existing = Set(try await source.database.tableNames())
        var ordered: [String] = []
        for migration in source.migrations {
            for name in Self.createdTables(migration.up) where existing.contains(name) && !ordered.contains(name) { ordered.append(name) }
        }
        return ordered
    }

    static func createdTables(_ sql: String) -> [String] {
        sql.split(whereSeparator: \.isNewline).compactMap { line in
            let words = line.split(whereSeparator: \.isWhitespace)
            guard words.count >= 3, words[0].uppercased() == "CREATE", words[1].uppercased() == "TABLE" else { return nil }
            let name = words[2].uppercased() == "IF" && words.count >= 6 ? words[5] : words[2]
            return String(name.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        }
    }

    /// Per table, its columns in the source's order, and those either side stores as a
    /// timestamp (which the two dialects store differently).
    private func layout(of tables: [String]) async throws -> [(table: String, columns: [String], timestamps: Set<String>)] {
        let read = { (database: any UserDatabase) in
            try await database.withSchemaSession(readOnly: true) { session in try tables.map { try session.columns($0) } }
        }
        let (from, to) = (try await read(source.database), try await read(target.database))
        return zip(tables, zip(from, to)).map { table, columns in
            let timestamps = (columns.0 + columns.1).filter(\.isTimestamp).map(\.name)
            return (table, columns.0.map(\.name), Set(timestamps))
        }
    }
}
