public import Storage

/// Runs `body` against a fresh, migrated database of `backend` and removes it afterwards.
public func withDatabase<T>(
    _ backend: Backend, migrated: Bool = true, poolSize: Int? = nil,
    _ body: (any UserDatabase) async throws -> T
) async throws -> T {
    try await withTestDatabase(backend) { database in
        try await database.withOpen(migrated: migrated, poolSize: poolSize, body)
    }
}

/// Creates a fresh database of `backend` (not opened) for `body`, for tests that hand its
/// URL to a child process, and removes it afterwards, also when `body` throws.
public func withTestDatabase<T>(_ backend: Backend, _ body: (TestDatabase) async throws -> T) async throws -> T {
    let database = try await TestDatabase.make(backend)
    do {
        let result = try await body(database)
        try await database.destroy()
        return result
    } catch {
        try? await database.destroy()
        throw error
    }
}
