@testable import App
import Foundation
import Glibc
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// The hasher's admission rules, with slots held by gated work so the order is forced.
@Suite("Password hasher admission")
struct PasswordHasherTests {
    /// Starts `work` for `client` and returns once it runs on a hasher thread.
    private func hold(_ hasher: PasswordHasher, client: String, until release: Gate) async -> Task<Void, any Error> {
        let started = Gate()
        let task = Task { try await hasher.run(client: client) { started.open(); release.wait() } }
        await started.opened()
        return task
    }

    @Test("one client holds at most a quarter of the queue; other clients still get in", .timeLimit(.minutes(1)))
    func fairShare() async throws {
        let hasher = try await PasswordHasher.start(parameters: .minimum, threads: 4, capacity: 8)
        #expect(hasher.clientShare == 2)
        let release = Gate()
        let held = [await hold(hasher, client: "198.51.100.1", until: release), await hold(hasher, client: "198.51.100.1", until: release)]
        await #expect(throws: PasswordHasher.ClientBusy.self) { try await hasher.run(client: "198.51.100.1") {} }
        let other = await hold(hasher, client: "198.51.100.2", until: release)
        release.open()
        for task in held + [other] { try await task.value }
        // The share frees up as the work ends.
        try await hasher.run(client: "198.51.100.1") {}
        await hasher.shutdown()
    }

    @Test("a full queue refuses everyone with Busy", .timeLimit(.minutes(1)))
    func fullQueue() async throws {
        let hasher = try await PasswordHasher.start(parameters: .minimum, threads: 4, capacity: 4)
        let release = Gate()
        var held: [Task<Void, any Error>] = []
        for client in ["a", "b", "c", "d"] { held.append(await hold(hasher, client: client, until: release)) }
        await #expect(throws: PasswordHasher.Busy.self) { try await hasher.run(client: "e") {} }
        release.open()
        for task in held { try await task.value }
        await hasher.shutdown()
    }

    @Test("Busy is 503 and ClientBusy is 429, both with Retry-After")
    func statuses() async throws {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ErrorMiddleware(routes: RouteMethods()))
        router.get("busy") { _, _ -> String in throw PasswordHasher.Busy() }
        router.get("client") { _, _ -> String in throw PasswordHasher.ClientBusy() }
        try await Application(router: router).test(.router) { client in
            let busy = try await client.execute(uri: "/busy", method: .get)
            #expect(busy.status == .serviceUnavailable && busy.headers[.retryAfter] == "1")
            let share = try await client.execute(uri: "/client", method: .get)
            #expect(share.status == .tooManyRequests && share.headers[.retryAfter] == "1")
        }
    }

    @Test("hashing runs at a lower OS priority than everything else")
    func priority() async throws {
        let hasher = try await PasswordHasher.start(parameters: .minimum, threads: 1, capacity: 1)
        let nice = try await hasher.run(client: nil) { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
        #expect(nice == ThreadPriority.hashing)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) < ThreadPriority.hashing)
        await hasher.shutdown()
    }
}
