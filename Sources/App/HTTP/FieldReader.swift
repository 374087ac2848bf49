/// Pulls typed fields out of a body, collecting every problem before failing, so a client
/// learns about all bad fields in one 422 response.
struct FieldReader {
    private let fields: RequestFields
    private(set) var issues: [ValidationIssue] = []

    init(_ fields: RequestFields) { self.fields = fields }

    /// A string that must be present.
    mutating func required(_ name: String) -> String? {
        guard let value = fields.values[name], value != .null else {
            issues.append(.body(name, "Field required", type: "missing"))
            return nil
        }
        return string(name, value)
    }

    /// A string that may be absent or `null`.
    mutating func optional(_ name: String) -> String? {
        guard let value = fields.values[name], value != .null else { return nil }
        return string(name, value)
    }

    /// Checks `value` of field `name` with `rule` (which returns an issue or nil).
    mutating func check(_ name: String, _ value: String?, _ rule: (String) -> (msg: String, type: String)?) {
        guard let value, let problem = rule(value) else { return }
        issues.append(.body(name, problem.msg, type: problem.type))
    }

    /// Throws the collected issues as one 422 response, if there are any.
    func finish() throws {
        if !issues.isEmpty { throw APIError(validation: issues) }
    }

    private mutating func string(_ name: String, _ value: JSONValue) -> String? {
        guard case .string(let text) = value else {
            issues.append(.body(name, "Input should be a valid string", type: "string_type"))
            return nil
        }
        // PostgreSQL would cut a text at a NUL byte without a word: refuse it in every field.
        guard !text.unicodeScalars.contains("\0") else {
            issues.append(.body(name, "String should not contain NUL characters", type: "string_nul"))
            return nil
        }
        return text
    }
}
