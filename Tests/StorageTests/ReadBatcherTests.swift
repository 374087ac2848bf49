import Foundation
@testable import Storage
import Synchronization
import Testing
import TestSupport

/// Reads gathered into batches while the pool is busy, with a stand-in connection that
/// records every batch it is given and answers each read with its own bind.
@Suite("Read batcher")
struct ReadBatcherTests {
    final class EchoConnection: SQLConnection, PooledConnection {
        static var pipelinesReads: Bool { true }
        let batches = Mutex<[Int]>([])
        let healthy = Atomic<Bool>(true)
        /// The next batch fails as a dead connection would.
        let dies = Atomic<Bool>(false)
        var dialect: Dialect { .postgres }

        func isReusable() -> Bool { healthy.load(ordering: .relaxed) }
        func execute(_ script: String) throws {}
        func query(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
            [SQLRow(columns: SQLColumns(["value"]), values: binds)]
        }

        func queryBatch(_ statements: [SQLStatement]) -> [Result<[SQLRow], any Error>] {
            batches.withLock { $0.append(statements.count) }
            if dies.exchange(false, ordering: .relaxed) {
                healthy.store(false, ordering: .relaxed)
                return statements.map { _ in .failure(StorageError.unavailable("connection lost")) }
            }
            return statements.map { statement in Result { try query(statement.sql, statement.binds) } }
        }
    }

    /// Every connection the pool opened, in order.
    final class Opened: Sendable {
        let connections = Mutex<[EchoConnection]>([])
        func open() -> EchoConnection {
            let connection = EchoConnection()
            connections.withLock { $0.append(connection) }
            return connection
        }
        var batches: [Int] { connections.withLock { $0.flatMap { $0.batches.withLock { $0 } } } }
    }

    /// The answers to reads submitted together, by their index.
    typealias Answers = AsyncStream<(Int, Result<[SQLRow], any Error>)>

    /// Submits reads of 0..<count at once, without waiting for them.
    private static func submit(_ batcher: ReadBatcher<EchoConnection>, count: Int) -> Answers {
        let (answers, sink) = Answers.makeStream()
        for index in 0..<count {
            batcher.submit(.init(statement: SQLStatement(sql: "SELECT $1", binds: [.integer(Int64(index))])) { sink.yield((index, $0)) })
        }
        return answers
    }

    /// The `count` answers' values, in the order the reads were submitted.
    private static func collect(_ answers: Answers, count: Int) async -> [Result<Int64, StorageError>] {
        var values = [Result<Int64, StorageError>](repeating: .failure(.internal("no answer")), count: count)
        var iterator = answers.makeAsyncIterator()
        for _ in 0..<count {
            guard let (index, answer) = await iterator.next() else { break }
            values[index] = answer.map { $0.first?.integer("value") ?? -1 }.mapError { $0 as? StorageError ?? .internal("\($0)") }
        }
        return values
    }

    @Test("reads that arrive while the connection is busy go together into the next batch, each with its own answer", .timeLimit(.minutes(3)))
    func gathered() async throws {
        let opened = Opened()
        let pool = ConnectionPool(capacity: 1) { opened.open() }
        let batcher = ReadBatcher(pool: pool, maxBatch: 4)
        // Submitted while a borrower holds the only connection; answered once it lets go.
        let submitted = try await Gate.whileHeld(by: { hold in try await pool.withConnection { _ in hold() } }) {
            Self.submit(batcher, count: 10)
        }
        #expect(await Self.collect(submitted, count: 10) == (0..<10).map { .success(Int64($0)) })
        #expect(opened.batches == [4, 4, 2])
        #expect(try await batcher.query("SELECT $1", [.text("alone")]).first?.text("value") == "alone")
        #expect(opened.batches == [4, 4, 2, 1])
        await pool.close()
    }

    @Test("a batch whose connection died runs once more on a fresh connection")
    func retried() async throws {
        let opened = Opened()
        let pool = ConnectionPool(capacity: 1) { opened.open() }
        let batcher = ReadBatcher(pool: pool)
        _ = try await batcher.query("SELECT $1", [.integer(1)])
        opened.connections.withLock { $0[0].dies.store(true, ordering: .relaxed) }
        #expect(try await batcher.query("SELECT $1", [.integer(2)]).first?.integer("value") == 2)
        #expect(opened.connections.withLock { $0.count } == 2)
        #expect(opened.batches == [1, 1, 1])
        await pool.close()
    }

    @Test("reads waiting for a pool that stays busy fail with unavailable at its deadline", .timeLimit(.minutes(3)))
    func deadline() async throws {
        let pool = ConnectionPool(capacity: 1, acquireTimeout: .milliseconds(100)) { EchoConnection() }
        let batcher = ReadBatcher(pool: pool)
        let answers = try await Gate.whileHeld(by: { hold in try await pool.withConnection { _ in hold() } }) {
            await Self.collect(Self.submit(batcher, count: 3), count: 3)
        }
        #expect(answers.allSatisfy { if case .failure(let error) = $0 { error.code == .unavailable } else { false } })
        #expect(try await batcher.query("SELECT $1", [.integer(7)]).first?.integer("value") == 7)
        await pool.close()
    }

    @Test("a batch of reads answers each in order on every backend; a failing read fails alone", arguments: Backend.allCases)
    func batchOnEveryBackend(_ backend: Backend) async throws {
        try await withDatabase(backend, poolSize: 1) { database in
            let statements = (0..<6).map { index in
                index == 3
                    ? SQLStatement(sql: "SELECT value FROM no_such_table", binds: [])
                    : SQLStatement(sql: "SELECT CAST($1 AS BIGINT) AS value", binds: [.integer(Int64(index))])
            }
            let outcomes = try await database.withSchemaSession { $0.connection.queryBatch(statements) }
            #expect(outcomes.map { try? $0.get().first?.integer("value") } == [0, 1, 2, nil, 4, 5])
            #expect(throws: StorageError.self) { try outcomes[3].get() }
        }
    }
}
