/// A value bound to a statement parameter or read from a column; values are always bound,
/// never spliced into SQL.
enum SQLValue: Sendable, Equatable {
    case integer(Int64)
    case text(String)
    case null
}

extension SQLValue {
    /// `.text(value)`, or `.null` when `value` is `nil`.
    static func optional(_ value: String?) -> SQLValue {
        value.map(SQLValue.text) ?? .null
    }
}
