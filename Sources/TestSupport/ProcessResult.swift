import Foundation
import Subprocess
import SystemPackage

/// What a finished child process printed and returned.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// Runs `executable` with `arguments` in `directory` and awaits it without blocking a
    /// thread. `DATABASE_URL` is removed from the inherited environment unless given.
    public static func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil,
        environment: [String: String] = [:]
    ) async throws -> ProcessResult {
        var changes: [Environment.Key: String?] = ["DATABASE_URL": nil]
        for (name, value) in environment { changes[Environment.Key(stringLiteral: name)] = value }
        let result = try await Subprocess.run(
            .path(FilePath(executable)), arguments: Arguments(arguments),
            environment: .inherit.updating(changes),
            workingDirectory: directory.map { FilePath($0) },
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        let status: Int32 = switch result.terminationStatus {
        case .exited(let code): Int32(code)
        case .signaled(let signal): 128 + Int32(signal)
        }
        return ProcessResult(status: status, stdout: result.standardOutput, stderr: result.standardError)
    }
}
