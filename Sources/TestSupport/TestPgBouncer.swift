import Foundation

/// PgBouncer in transaction pooling mode in front of the test PostgreSQL
/// (`scripts/test-pgbouncer.sh`), serving a fresh database of its own.
public struct TestPgBouncer: Sendable {
    /// The database, straight to PostgreSQL: for migrations, which need session-level locks.
    public let directURL: String
    /// The same database through PgBouncer.
    public let bouncerURL: String

    /// Starts PgBouncer and the database, runs `body`, and removes both, also when `body` throws.
    public static func with<T>(_ body: (TestPgBouncer) async throws -> T) async throws -> T {
        guard let base = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"] else {
            throw TestSetupError("TEST_POSTGRES_URL is not set: run scripts/test.sh")
        }
        let name = "b_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("uas-pgbouncer-\(name)").path
        return try await Repository.withScript("test-pgbouncer.sh", [directory, base, name]) { output in
            guard let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)), let at = base.lastIndex(of: "@") else {
                throw TestSetupError("test-pgbouncer.sh printed no port: \(output)")
            }
            let server = base[base.index(after: at)...].prefix { $0 != "/" }
            return try await body(TestPgBouncer(
                directURL: "\(base[...at])\(server)/\(name)", bouncerURL: "postgresql://postgres@127.0.0.1:\(port)/\(name)"))
        }
    }
}
