public import Configuration
public import Foundation

/// Service settings, resolved in one place for both executables: command-line flags first,
/// then the process environment, then `.env` in the working directory, then the default.
public struct Settings: Sendable {
    /// The reader over the environment and `.env`, for typed look-ups.
    public let reader: ConfigReader
    /// Values given as command-line flags, by variable name; they win over everything.
    private let flags: [String: String]

    /// Reads `dotEnvPath` if it exists; a missing file is not an error.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        dotEnvPath: String = ".env",
        flags: [String: String?] = [:]
    ) {
        let file = FileManager.default.contents(atPath: dotEnvPath).map { String(decoding: $0, as: UTF8.self) }
        reader = ConfigReader(providers: [
            EnvironmentVariablesProvider(environmentVariables: environment),
            EnvironmentVariablesProvider(environmentVariables: DotEnv.parse(file ?? "")),
        ])
        self.flags = flags.compactMapValues { $0 }
    }

    /// The value of variable `name` (e.g. `DATABASE_URL`), blank counting as unset.
    public func string(_ name: String) -> String? {
        if let flag = flags[name] { return flag }
        let value = reader.string(forKey: ConfigKey(name.lowercased().split(separator: "_").map(String.init)))
        return value?.isEmpty == false ? value : nil
    }

    /// Variable `name` as a whole number in `range`, else `fallback`.
    public func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(ConfigurationError) -> Int {
        guard let value = string(name) else { return fallback }
        guard let number = Int(value), range.contains(number) else {
            throw ConfigurationError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(value)'")
        }
        return number
    }

    /// Variable `name` as a yes/no switch (`1`, `true`, `yes`, `on` are yes), else `fallback`.
    public func flag(_ name: String, default fallback: Bool) -> Bool {
        string(name).map { ["1", "true", "yes", "on"].contains($0.lowercased()) } ?? fallback
    }
}
