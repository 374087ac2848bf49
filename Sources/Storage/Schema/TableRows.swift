/// The rows of one table read for a copy, timestamps as milliseconds, ready to be written to
/// a database of either dialect.
public struct TableRows: Sendable {
    /// The table's name.
    public let table: String
    /// The columns, in the order of each row's values.
    public let columns: [String]
    /// The columns holding timestamps (by name), which the target may store differently.
    public let timestamps: Set<String>
    let rows: [[SQLValue]]

    /// How many rows.
    public var count: Int { rows.count }
}
