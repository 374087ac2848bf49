import Foundation

/// An executable this package builds, found next to the test bundle.
public enum BuiltProduct {
    /// The path of executable `name` in the build folder the tests run from.
    public static func path(_ name: String) throws -> String {
        let candidates = [
            Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ].map { $0.appendingPathComponent(name).path }
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw TestSetupError("\(name) is not built next to the tests (looked at \(candidates))")
        }
        return found
    }
}
