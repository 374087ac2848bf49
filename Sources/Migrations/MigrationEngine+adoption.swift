import Foundation
import Storage

extension MigrationEngine {
    /// Takes over the Python service's `users` table as version 1, in one transaction: the
    /// rows keep their ids, hashes and `created_at`, and gain their case-insensitive keys. Rows
    /// that collide case-insensitively stop it before anything changes.
    func adopt(_ table: LegacyUsersTable, _ session: SchemaSession) throws -> MigrationEvent {
        guard let first = migrations.first, first.version == 1, first.name == "create_users" else {
            throw MigrationError("cannot adopt the Python service's users table: version 1 is not create_users")
        }
        let users = try session.legacyUsers(table)
        let collisions = Self.collisions(users)
        guard collisions.isEmpty else {
            throw MigrationError("cannot adopt the Python service's users table, nothing was changed: these rows are the same ignoring case; rename or merge them, then run up again: \(collisions.joined(separator: "; "))")
        }
        let duration = try ContinuousClock().measure {
            try session.inTransaction {
                try session.replaceLegacyUsers(users, createUsers: first.up, now: Date())
                try session.createHistory()
                try session.recordApplied(version: first.version, name: first.name, checksum: first.checksum, milliseconds: 0)
                try session.markBaseline(first.version, note: "adopted \(users.count) rows of the Python service's users table")
            }
        }
        return MigrationEvent(direction: .adopt, version: first.version, name: "\(first.name) (\(users.count) users)", duration: duration)
    }

    /// Groups of ids whose username or email is the same ignoring case, with the values (never
    /// the password column).
    static func collisions(_ users: [LegacyUser]) -> [String] {
        let describe = { (field: String, key: (LegacyUser) -> String, value: (LegacyUser) -> String) -> [String] in
            Dictionary(grouping: users, by: key).values.filter { $0.count > 1 }
                .map { group in "\(field) " + group.map { "id \($0.id) '\(value($0))'" }.joined(separator: ", ") }
        }
        return (describe("username", { $0.username.identityKey }, \.username) + describe("email", { $0.email.identityKey }, \.email)).sorted()
    }
}
