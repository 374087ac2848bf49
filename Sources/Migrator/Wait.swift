import ArgumentParser
import Storage

/// `migrator wait`: polls until the database accepts connections (for docker-compose).
struct Wait: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Wait until the database accepts connections.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Give up after this many seconds.")
    var timeout: Double = 30

    func validate() throws {
        guard timeout.isFinite, (0...604_800).contains(timeout) else {
            throw ValidationError("--timeout must be a number of seconds from 0 to 604800, not \(timeout)")
        }
    }

    func run() async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        try await global.withDatabase { database in
            while true {
                do {
                    try await database.ping()
                    print("database is ready")
                    return
                } catch let error as StorageError where error.code == .unavailable && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(500))
                }
            }
        }
    }
}
