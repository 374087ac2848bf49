/// A database handle the pool can lend out, one borrower at a time.
protocol PooledConnection: AnyObject, Sendable {
    /// Whether the handle can serve another borrower; must not block.
    func isReusable() -> Bool
}
