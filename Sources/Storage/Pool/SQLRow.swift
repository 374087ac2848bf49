/// One result row: typed values, read by column name.
struct SQLRow: Sendable {
    let columns: SQLColumns
    let values: [SQLValue]

    /// The value of column `name`; `.null` when the row has no such column.
    subscript(_ name: String) -> SQLValue {
        columns.index(of: name).map { values[$0] } ?? .null
    }

    /// Column `name` as an integer, if it holds one.
    func integer(_ name: String) -> Int64? {
        if case .integer(let value) = self[name] { return value }
        return nil
    }

    /// Column `name` as text, if it holds text.
    func text(_ name: String) -> String? {
        if case .text(let value) = self[name] { return value }
        return nil
    }

    /// The row decoded as `type`.
    func decode<T: SQLRowDecodable>(_ type: T.Type) throws -> T {
        try T(row: self)
    }
}

/// A value that can be read from a result row.
protocol SQLRowDecodable {
    /// Reads the value from `row`'s named columns; throws `StorageError.internal` on a bad shape.
    init(row: SQLRow) throws
}

/// The column names of a result, shared by all of its rows.
final class SQLColumns: Sendable {
    private let positions: [String: Int]

    init(_ names: [String]) {
        positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func index(of name: String) -> Int? { positions[name] }
}
