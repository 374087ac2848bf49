/// One statement with its bound parameters, as a batch of reads carries it.
struct SQLStatement: Sendable {
    let sql: String
    let binds: [SQLValue]
}
