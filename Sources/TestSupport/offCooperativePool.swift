import NIOPosix

/// Runs blocking `work` (a cost-12 bcrypt, say) on NIO's shared thread pool and awaits it,
/// so tests never block the cooperative pool.
public func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(work)
}
