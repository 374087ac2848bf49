import Foundation
@testable import Storage
import Testing
import TestSupport

/// Statements prepared once per PostgreSQL connection, and what happens when the server
/// loses them (a pooler, `DISCARD ALL`) or the URL turns them off.
@Suite("PostgreSQL prepared statements")
struct PostgresPreparedStatementTests {
    /// How many statements the connection of a one-connection pool has prepared.
    private static func preparedCount(_ database: any UserDatabase) async throws -> Int64 {
        try await database.withSchemaSession { session in
            try session.connection.query("SELECT count(*) AS n FROM pg_prepared_statements", []).first?.integer("n") ?? -1
        }
    }

    @Test("reads outside a transaction are prepared once, and prepared again after the server lost them")
    func preparedAndRecovered() async throws {
        try await withDatabase(.postgres, poolSize: 1) { database in
            let user = try await database.create(NewUser(username: "pat", email: "pat@example.com", passwordHash: "h"))
            #expect(try await database.find(id: user.id)?.username == "pat")
            let prepared = try await Self.preparedCount(database)
            #expect(prepared > 0)
            #expect(try await database.find(id: user.id)?.username == "pat")
            #expect(try await Self.preparedCount(database) == prepared)
            try await database.withSchemaSession { try $0.execute("DEALLOCATE ALL") }
            #expect(try await database.find(id: user.id)?.username == "pat")
            #expect(try await database.find(username: "PAT")?.id == user.id)
        }
    }

    @Test("prepared_statements=false sends every statement whole; the parameter never reaches libpq")
    func turnedOff() async throws {
        try await withTestDatabase(.postgres) { target in
            let url = try DatabaseURL(parsing: target.urlString + "&prepared_statements=false")
            try await Database.withOpen(url, poolSize: 1) { database in
                try await TestDatabase.migrate(database)
                let user = try await database.create(NewUser(username: "pia", email: "pia@example.com", passwordHash: "h"))
                #expect(try await database.find(id: user.id)?.username == "pia")
                #expect(try await Self.preparedCount(database) == 0)
            }
        }
        #expect(throws: DatabaseURLError.self) { try DatabaseURL(parsing: "postgresql://u@h/db?prepared_statements=maybe") }
    }
}
