public import Configuration
public import Foundation

/// Service settings: the process environment first, then `.env` in the working directory.
public struct Settings: Sendable {
    /// The reader over both sources, for typed look-ups.
    public let reader: ConfigReader

    /// Reads `dotEnvPath` if it exists; a missing file is not an error.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        dotEnvPath: String = ".env"
    ) {
        let file = FileManager.default.contents(atPath: dotEnvPath).map { String(decoding: $0, as: UTF8.self) }
        reader = ConfigReader(providers: [
            EnvironmentVariablesProvider(environmentVariables: environment),
            EnvironmentVariablesProvider(environmentVariables: DotEnv.parse(file ?? "")),
        ])
    }

    /// The value of variable `name` (e.g. `DATABASE_URL`), blank counting as unset.
    public func string(_ name: String) -> String? {
        let value = reader.string(forKey: ConfigKey(name.lowercased().split(separator: "_").map(String.init)))
        return value?.isEmpty == false ? value : nil
    }
}
