import Foundation
import Settings
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
}
