public import Foundation
import Subprocess
import SystemPackage

/// A child process that runs beside a test: the test awaits lines it prints (never polls or
/// sleeps), may signal it, and it is terminated when the test's body ends.
public final class LiveProcess: Sendable {
    private let output: LineBox
    private let pid: Int32

    private init(output: LineBox, pid: Int32) {
        self.output = output
        self.pid = pid
    }

    /// Runs `executable` with `arguments` and `environment` added to this process's, hands
    /// `body` the running process, then terminates it; returns `body`'s value and every line
    /// the process printed on standard output.
    public static func with<T: Sendable>(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        _ body: (LiveProcess) async throws -> T
    ) async throws -> (value: T, lines: [String]) {
        let output = LineBox()
        var changes: [Environment.Key: String?] = ["DATABASE_URL": nil]
        for (name, value) in environment { changes[Environment.Key(stringLiteral: name)] = value }
        let result = try await Subprocess.run(
            .path(FilePath(executable)), arguments: Arguments(arguments), environment: .inherit.updating(changes),
            input: .none, output: .sequence, error: .discarded
        ) { execution in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await line in execution.standardOutput.strings() { await output.append(line) }
                    await output.close()
                }
                defer { try? execution.send(signal: .terminate) }
                return try await body(LiveProcess(output: output, pid: execution.processIdentifier.value))
            }
        }
        return (result.closureResult, await output.lines)
    }

    /// The first line (from the start) that contains `text`; `nil` if the process ended first.
    public func line(containing text: String) async -> String? {
        await output.first { $0.contains(text) }
    }

    /// Every line printed so far.
    public var lines: [String] { get async { await output.lines } }

    /// Sends `signal` (SIGHUP, say) to the process.
    public func send(_ signal: Int32) { kill(pid, signal) }
}

/// The lines a process printed, and the tests waiting for one of them.
private actor LineBox {
    private(set) var lines: [String] = []
    private var closed = false
    private var waiters: [(match: @Sendable (String) -> Bool, continuation: CheckedContinuation<String?, Never>)] = []

    func append(_ line: String) {
        lines.append(line)
        let ready = waiters.filter { $0.match(line) }
        waiters.removeAll { $0.match(line) }
        for waiter in ready { waiter.continuation.resume(returning: line) }
    }

    func close() {
        closed = true
        for waiter in waiters { waiter.continuation.resume(returning: nil) }
        waiters = []
    }

    func first(where match: @escaping @Sendable (String) -> Bool) async -> String? {
        if let line = lines.first(where: match) { return line }
        if closed { return nil }
        return await withCheckedContinuation { waiters.append((match, $0)) }
    }
}
