import Foundation
import Settings
import Storage
import Testing

/// Where settings come from.
@Suite("Settings precedence")
struct SettingsTests {
    @Test("the environment wins over .env, which wins over nothing")
    func precedence() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("uas-\(UUID().uuidString).env").path
        try "DATABASE_URL=sqlite:///from-file.db\nSECRET_KEY=\"quoted\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let both = Settings(environment: ["DATABASE_URL": "sqlite:///from-env.db"], dotEnvPath: path)
        #expect(both.string("DATABASE_URL") == "sqlite:///from-env.db")
        #expect(both.string("SECRET_KEY") == "quoted")
        let fileOnly = Settings(environment: [:], dotEnvPath: path)
        #expect(fileOnly.string("DATABASE_URL") == "sqlite:///from-file.db")
        #expect(Settings(environment: [:], dotEnvPath: "/nonexistent/.env").string("DATABASE_URL") == nil)
    }

    @Test("flags win over the environment; PORT, DATABASE_URL and MIGRATIONS_DIR have one default")
    func resolver() throws {
        let none = "/nonexistent/.env"
        let defaults = Settings(environment: [:], dotEnvPath: none)
        #expect(try defaults.port() == 8000)
        #expect(try defaults.databaseURL() == .sqlite(.file("./test.db"), poolSize: nil))
        #expect(defaults.migrationsDirectory == "./sql")
        let environment = ["PORT": "9000", "DATABASE_URL": "sqlite://", "MIGRATIONS_DIR": "/env/sql"]
        let fromEnvironment = Settings(environment: environment, dotEnvPath: none)
        #expect(try fromEnvironment.port() == 9000 && fromEnvironment.migrationsDirectory == "/env/sql")
        let flagged = Settings(environment: environment, dotEnvPath: none, flags: ["PORT": "9100", "MIGRATIONS_DIR": nil])
        #expect(try flagged.port() == 9100)
        #expect(flagged.migrationsDirectory == "/env/sql")
        #expect(throws: ConfigurationError.self) { try Settings(environment: ["PORT": "http"], dotEnvPath: none).port() }
    }
}
