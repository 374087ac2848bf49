extension Gate {
    /// Runs `holder`, which must call the `hold` it is given on a thread that may block (a
    /// pool's): `hold` blocks there until `body` has finished. `body` runs once `hold` has
    /// been called, so the order is forced, not hoped for. If `holder` fails before it holds,
    /// `body` still runs (and the failure is thrown after it) instead of waiting forever.
    public static func whileHeld<T>(
        by holder: @escaping @Sendable (_ hold: @escaping @Sendable () -> Void) async throws -> Void,
        _ body: () async throws -> T
    ) async throws -> T {
        let holding = Gate(), release = Gate()
        async let held: Void = {
            defer { holding.open() }
            try await holder {
                holding.open()
                release.wait()
            }
        }()
        // Runs before the implicit await of the holder, whatever fails below.
        defer { release.open() }
        await holding.opened()
        let value = try await body()
        release.open()
        try await held
        return value
    }
}
