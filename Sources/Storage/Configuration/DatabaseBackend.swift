/// What a parsed URL knows about its backend: how to open it and how to show it.
protocol DatabaseBackend: Sendable {
    /// Opens the database with `poolSize` connections (SQLite: readers besides the writer).
    func open(poolSize: Int) async throws -> any UserDatabase
    /// The URL with any password replaced by `***`.
    var redacted: String { get }
}
