import CLibPQ
import Foundation
import Glibc
import Synchronization

extension PostgresConnection {
    /// How long a statement may go without its answer before the connection is given up:
    /// a little longer than `statement_timeout`, so the server's own timeout wins when the
    /// server can still answer. It is what bounds a request when the network drops packets
    /// silently, since then no server-side timeout can reach the client.
    static let statementDeadline = Dialect.postgres.statementTimeout + .seconds(2)

    /// Runs `body` with no client-side deadline, for migrations, which may legitimately run
    /// long; TCP keepalives still notice a dead peer.
    func withoutDeadline<T>(_ body: () throws -> T) rethrows -> T {
        let saved = deadline
        deadline = nil
        defer { deadline = saved }
        return try body()
    }

    /// Sends with `send` and collects every result before the deadline; returns the last
    /// result (the caller clears it) or throws the first error. On the deadline the
    /// connection is marked broken (never reused) and the query is cancelled best-effort.
    func exchange(_ send: () -> Int32) throws -> OpaquePointer? {
        guard !broken else { throw StorageError.unavailable("postgres: connection closed after a missed deadline") }
        let end = deadline.map { ContinuousClock.now + $0 }
        guard send() == 1 else { throw failure(nil) }
        try flush(until: end)
        var results: [OpaquePointer] = []
        defer { results.dropLast().forEach { PQclear($0) } }
        while let result = try nextResult(until: end) { results.append(result) }
        if let failed = results.first(where: { !Self.succeeded($0) }) {
            defer { results.forEach { PQclear($0) }; results.removeAll() }
            try check(failed)
        }
        return results.last
    }

    private static func succeeded(_ result: OpaquePointer) -> Bool {
        [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY].contains(PQresultStatus(result))
    }

    /// The next result libpq has, reading from the socket until it has one; nil once the
    /// query (or, in a pipeline, the statement) has no more.
    func nextResult(until end: ContinuousClock.Instant?) throws -> OpaquePointer? {
        while PQisBusy(handle) == 1 {
            try wait(for: Int16(POLLIN), until: end)
            guard PQconsumeInput(handle) == 1 else { throw failure(nil) }
        }
        return PQgetResult(handle)
    }

    /// Pushes the whole query to the server, reading whatever arrives meanwhile.
    func flush(until end: ContinuousClock.Instant?) throws {
        while true {
            switch PQflush(handle) {
            case 0: return
            case 1:
                try wait(for: Int16(POLLOUT | POLLIN), until: end)
                guard PQconsumeInput(handle) == 1 else { throw failure(nil) }
            default: throw failure(nil)
            }
        }
    }

    /// Waits until the socket is ready for `events`, or throws at `end`.
    func wait(for events: Int16, until end: ContinuousClock.Instant?) throws {
        while true {
            let remaining = end.map { ContinuousClock.now.duration(to: $0) }
            if let remaining, remaining <= .zero { throw missedDeadline() }
            var socket = pollfd(fd: PQsocket(handle), events: events, revents: 0)
            let milliseconds = remaining.map { Int32(clamping: max(1, $0.milliseconds)) } ?? -1
            let ready = poll(&socket, 1, milliseconds)
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw failure(nil) }
        }
    }

    private func missedDeadline() -> StorageError {
        broken = true
        Self.cancelInBackground(handle)
        return .unavailable("postgres: no answer within \(Self.statementDeadline) (network or server not responding); connection closed")
    }

    /// At most this many cancel requests in flight at once: beyond that the server's own
    /// `statement_timeout` ends the queries.
    private static let cancelsInFlight = Atomic<Int>(0)

    /// Asks the server to cancel the running query, from a thread of its own: `PQcancel`
    /// opens a new connection and blocks, which must not hold a pool thread when the server
    /// cannot be reached.
    private static func cancelInBackground(_ handle: OpaquePointer) {
        guard let cancel = PQgetCancel(handle) else { return }
        guard cancelsInFlight.add(1, ordering: .relaxed).newValue <= 4 else {
            cancelsInFlight.subtract(1, ordering: .relaxed)
            PQfreeCancel(cancel)
            return
        }
        let request = CancelRequest(cancel)
        Thread.detachNewThread {
            var error = [CChar](repeating: 0, count: 256)
            _ = PQcancel(request.cancel, &error, Int32(error.count))
            PQfreeCancel(request.cancel)
            cancelsInFlight.subtract(1, ordering: .relaxed)
        }
    }
}

/// A `PGcancel`, handed to the thread that sends it.
// Safe to send unchecked: the object is independent of its connection, and only the
// cancelling thread uses it once it is created.
private final class CancelRequest: @unchecked Sendable {
    let cancel: OpaquePointer
    init(_ cancel: OpaquePointer) { self.cancel = cancel }
}
