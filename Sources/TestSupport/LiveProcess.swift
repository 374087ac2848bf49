import Foundation
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
        await lines(containing: text, count: 1).first
    }

    /// The first `count` lines that contain `text`, once printed (fewer if the process ended).
    public func lines(containing text: String, count: Int) async -> [String] {
        await output.wait { lines in lines.filter { $0.contains(text) }.count >= count }
        return Array(await output.lines.filter { $0.contains(text) }.prefix(count))
    }

    /// Every line printed so far.
    public var lines: [String] { get async { await output.lines } }

    /// Sends `signal` (SIGHUP, say) to the process.
    public func send(_ signal: Int32) { kill(pid, signal) }
}

/// The lines a process printed, and the tests waiting for them.
private actor LineBox {
    private struct Waiter {
        let ready: @Sendable ([String]) -> Bool
        let continuation: CheckedContinuation<Void, Never>
    }

    private(set) var lines: [String] = []
    private var closed = false
    private var waiters: [Int: Waiter] = [:]
    private var nextWaiter = 0

    func append(_ line: String) {
        lines.append(line)
        wake()
    }

    func close() {
        closed = true
        wake()
    }

    /// Returns once `ready` holds for the lines so far, the process has ended, or the task is
    /// cancelled (a test past its time limit stops waiting instead of hanging the run).
    func wait(until ready: @escaping @Sendable ([String]) -> Bool) async {
        guard !closed, !ready(lines), !Task.isCancelled else { return }
        let id = nextWaiter
        nextWaiter += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { waiters[id] = Waiter(ready: ready, continuation: $0) }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    private func cancel(_ id: Int) {
        waiters.removeValue(forKey: id)?.continuation.resume()
    }

    private func wake() {
        let (current, done) = (lines, closed)
        for (id, waiter) in waiters where done || waiter.ready(current) {
            waiters.removeValue(forKey: id)?.continuation.resume()
        }
    }
}
