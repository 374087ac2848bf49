extension Database {
    /// Opens `url`, runs `body`, and closes the database, also when `body` throws.
    public static func withOpen<T>(
        _ url: DatabaseURL, poolSize: Int? = nil, _ body: (any UserDatabase) async throws -> T
    ) async throws -> T {
        let database = try await open(url, poolSize: poolSize)
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }
}
