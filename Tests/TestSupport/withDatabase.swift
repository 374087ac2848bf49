public import Storage

/// Runs `body` against a fresh, migrated database of `backend` and removes it afterwards.
public func withDatabase<T>(
    _ backend: Backend, migrated: Bool = true, poolSize: Int? = nil,
    _ body: (any UserDatabase) async throws -> T
) async throws -> T {
    let database = try await TestDatabase.make(backend)
    do {
        let result = try await database.withOpen(migrated: migrated, poolSize: poolSize, body)
        try await database.destroy()
        return result
    } catch {
        try? await database.destroy()
        throw error
    }
}
