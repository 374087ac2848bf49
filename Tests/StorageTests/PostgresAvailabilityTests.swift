import Foundation
import Storage
import Testing
import TestSupport

/// How the PostgreSQL backend behaves when the server is not there.
@Suite("PostgreSQL availability")
struct PostgresAvailabilityTests {
    @Test("an unreachable server fails fast with unavailable, naming no password")
    func unreachable() async throws {
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        let url = try DatabaseURL(parsing: "postgresql://app:hunter2secret@127.0.0.1:1/users")
        try await Database.withOpen(url) { database in
            let error = await #expect(throws: StorageError.self) { try await database.find(id: 1) }
            #expect(error?.code == .unavailable)
            #expect(!"\(error.map { "\($0)" } ?? "")".contains("hunter2"))
        }
    }

    @Test("a pool recovers when its connections die under it")
    func recoversAfterConnectionsAreKilled() async throws {
        try await withTestDatabase(.postgres) { testDatabase in
            // Letters and digits only: the name is spliced into the kill statement below.
            let name = "recovery_\(UUID().uuidString.prefix(8).lowercased())"
            let url = try DatabaseURL(parsing: "\(testDatabase.urlString)&application_name=\(name)")
            try await Database.withOpen(url, poolSize: 3) { storage in
                try await TestDatabase.migrate(storage)
                let user = try await storage.create(NewUser(username: "survivor", email: "s@example.com", passwordHash: "h"))
                _ = try await (storage.find(id: user.id), storage.find(id: user.id), storage.find(id: user.id))
                // Kill this pool's server sessions, as a server restart would.
                try await testDatabase.withOpen(migrated: false) { killer in
                    try await killer.withSchemaSession {
                        try $0.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(name)'")
                    }
                }
                for _ in 0..<5 {
                    #expect(try await storage.find(id: user.id) == user)
                }
                let updated = try await storage.update(id: user.id, UserUpdate(email: "s2@example.com"))
                #expect(updated.email == "s2@example.com")
            }
        }
    }
}
