/// One entry of a FastAPI-style 422 `detail` list.
struct ValidationIssue: Sendable, Encodable, Equatable {
    /// A path component: a field name or a position.
    enum Location: Sendable, Encodable, Equatable {
        case key(String)
        case index(Int)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .key(let key): try container.encode(key)
            case .index(let index): try container.encode(index)
            }
        }
    }

    let loc: [Location]
    let msg: String
    let type: String

    /// An issue with body field `field`.
    static func body(_ field: String, _ msg: String, type: String) -> ValidationIssue {
        ValidationIssue(loc: [.key("body"), .key(field)], msg: msg, type: type)
    }
}
