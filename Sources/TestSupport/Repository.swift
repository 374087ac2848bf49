public import Foundation

/// The repository the tests run from: its folders, and its scripts run as child processes.
public enum Repository {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The absolute path of `relative` in the repository.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Runs `scripts/NAME` with `arguments` under bash and returns its standard output;
    /// a non-zero exit is a `TestSetupError` carrying its standard error.
    @discardableResult
    public static func runScript(_ name: String, _ arguments: [String]) async throws -> String {
        let result = try await ProcessResult.run("/bin/bash", [path("scripts/\(name)")] + arguments)
        guard result.status == 0 else { throw TestSetupError("\(name) \(arguments.first ?? "") failed (\(result.status)): \(result.stderr)") }
        return result.stdout
    }

    /// Runs `scripts/NAME up ARGUMENTS`, hands `body` what it printed, then runs
    /// `scripts/NAME down ARGUMENTS`, also when `up` or `body` throws: the throwaway servers
    /// and hosts the tests start.
    public static func withScript<T>(_ name: String, _ arguments: [String], _ body: (String) async throws -> T) async throws -> T {
        do {
            let result = try await body(try await runScript(name, ["up"] + arguments))
            try await runScript(name, ["down"] + arguments)
            return result
        } catch {
            _ = try? await runScript(name, ["down"] + arguments)
            throw error
        }
    }
}
