import Foundation
import Synchronization

/// Appends one line per backend use to `TEST_BACKEND_LOG`, so the test script can say how
/// many tests ran on each backend (and fail when PostgreSQL ran none).
enum BackendLog {
    private static let lock = Mutex(())

    static func record(_ backend: Backend) {
        guard let path = ProcessInfo.processInfo.environment["TEST_BACKEND_LOG"],
            let handle = FileHandle(forWritingAtPath: path)
        else { return }
        lock.withLock { _ in
            handle.seekToEndOfFile()
            handle.write(Data("\(backend.rawValue)\n".utf8))
            try? handle.close()
        }
    }
}
