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

    /// A batch of reads `SELECT $1` of 0..<count, with a division by zero at `failing`.
    private static func batch(count: Int, failing: Int) -> [SQLStatement] {
        (0..<count).map { index in
            index == failing
                ? SQLStatement(sql: "SELECT 1 / $1::int8 AS value", binds: [.integer(0)])
                : SQLStatement(sql: "SELECT $1::int8 AS value", binds: [.integer(Int64(index))])
        }
    }

    private static func values(_ outcomes: [Result<[SQLRow], any Error>]) -> [Int64?] {
        outcomes.map { try? $0.get().first?.integer("value") }
    }

    @Test("a pipeline answers each read in order; a failing read fails alone and the connection stays usable")
    func pipeline() async throws {
        try await withDatabase(.postgres, poolSize: 1) { database in
            let outcomes = try await database.withSchemaSession { session in
                session.connection.queryBatch(Self.batch(count: 12, failing: 5))
            }
            #expect(Self.values(outcomes) == (0..<12).map { $0 == 5 ? nil : Int64($0) })
            #expect(throws: StorageError.self) { try outcomes[5].get() }
            // Back out of pipeline mode: a transaction and a plain read work on the same connection.
            try await database.withSchemaSession { session in
                try session.connection.inTransaction { _ = try session.connection.query("SELECT 1", []) }
            }
            let user = try await database.create(NewUser(username: "pip", email: "pip@example.com", passwordHash: "h"))
            #expect(try await database.find(id: user.id)?.username == "pip")
        }
    }

    @Test("a pipeline whose prepared statements the server lost, or with preparing turned off, still answers every read")
    func pipelineWithoutPreparedStatements() async throws {
        try await withDatabase(.postgres, poolSize: 1) { database in
            let batch = Self.batch(count: 6, failing: -1)
            _ = try await database.withSchemaSession { $0.connection.queryBatch(batch) }
            try await database.withSchemaSession { try $0.execute("DEALLOCATE ALL") }
            let outcomes = try await database.withSchemaSession { $0.connection.queryBatch(batch) }
            #expect(Self.values(outcomes) == (0..<6).map { Int64($0) })
        }
        try await withTestDatabase(.postgres) { target in
            let url = try DatabaseURL(parsing: target.urlString + "&prepared_statements=false")
            try await Database.withOpen(url, poolSize: 1) { database in
                let outcomes = try await database.withSchemaSession { $0.connection.queryBatch(Self.batch(count: 6, failing: 2)) }
                #expect(Self.values(outcomes) == [0, 1, nil, 3, 4, 5])
                #expect(try await Self.preparedCount(database) == 0)
            }
        }
    }
}
