@testable import App

extension FlatJSON {
    /// The members of `bytes` by name, or nil when it is not such an object: the tests' view
    /// of what the service reads as a list.
    static func object(_ bytes: [UInt8]) -> [String: Value]? {
        members(bytes).map { Dictionary(uniqueKeysWithValues: $0.map { ($0.name, $0.value) }) }
    }
}
