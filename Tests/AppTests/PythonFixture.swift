import Foundation
import HummingbirdBcrypt
import Storage
import TestSupport

/// A database in the shape the Python (FastAPI + SQLAlchemy) service left it, built from its
/// DDL: passlib bcrypt hashes at cost 12, naive UTC timestamps with microseconds, a Unicode
/// username, and deleted rows, so the largest id is not the row count.
enum PythonFixture {
    struct Row {
        let id: Int
        let username: String
        let email: String
        let password: String
        let createdAt: String
    }

    static let rows = [
        Row(id: 1, username: "alice", email: "alice@example.com", password: "alice's old password", createdAt: "2026-01-02 03:04:05.123456"),
        Row(id: 2, username: "Zoë Ünïcödé", email: "zoe@example.com", password: "zoë's old password", createdAt: "2026-02-03 04:05:06.000001"),
        Row(id: 5, username: "bob", email: "Bob@Example.com", password: "bob's old password", createdAt: "2026-03-04 05:06:07"),
    ]

    /// The Python service's DDL for `dialect`, with the password column named `password`.
    static func ddl(_ dialect: Dialect, passwordColumn: String = "hashed_password", createdAt: Bool = true, extra: String = "") -> String {
        let (id, stamp) = dialect == .postgres ? ("SERIAL", "TIMESTAMP WITHOUT TIME ZONE") : ("INTEGER NOT NULL", "DATETIME")
        let created = createdAt ? "\n\tcreated_at \(stamp) NOT NULL," : ""
        return """
            CREATE TABLE users (
            \tid \(id),
            \tusername VARCHAR NOT NULL,
            \temail VARCHAR NOT NULL,
            \t\(passwordColumn) VARCHAR NOT NULL,\(created)\(extra)
            \tPRIMARY KEY (id)
            );
            CREATE UNIQUE INDEX ix_users_email ON users (email);
            CREATE UNIQUE INDEX ix_users_username ON users (username);
            CREATE INDEX ix_users_id ON users (id);
            """
    }

    /// Creates the table in `database` and fills it with `rows` (hashing their passwords).
    static func create(
        in database: any UserDatabase, rows: [Row] = rows, passwordColumn: String = "hashed_password", createdAt: Bool = true,
        extra: String = ""
    ) async throws {
        let hashes = try await offCooperativePool { rows.map { Bcrypt.hash($0.password, cost: 12) } }
        var script = ddl(database.dialect, passwordColumn: passwordColumn, createdAt: createdAt, extra: extra)
        for (row, hash) in zip(rows, hashes) {
            // Fixture values written by the test itself, quoted for SQL.
            let quote = { (text: String) in "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
            let columns = createdAt ? "id, username, email, \(passwordColumn), created_at" : "id, username, email, \(passwordColumn)"
            let values = [String(row.id), quote(row.username), quote(row.email), quote(hash)] + (createdAt ? [quote(row.createdAt)] : [])
            script += "\nINSERT INTO users (\(columns)) VALUES (\(values.joined(separator: ", ")));"
        }
        if database.dialect == .postgres { script += "\nSELECT setval('users_id_seq', 5);" }
        let finalScript = script
        try await database.withSchemaSession { try $0.execute(finalScript) }
    }
}
