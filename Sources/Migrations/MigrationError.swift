/// A migration problem, said in one line that names the file or version at fault.
public struct MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line saying what is wrong and, where there is one, what to do.
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }

    static func failed(_ path: String, _ error: any Error) -> MigrationError {
        MigrationError("\(path) failed, nothing from it was applied: \(error)")
    }
}
