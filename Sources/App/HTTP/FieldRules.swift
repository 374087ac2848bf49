import Foundation
import Storage

/// What a valid username, email and password look like. Each rule returns the problem
/// (pydantic's message and type) or nil.
enum FieldRules {
    typealias Problem = (msg: String, type: String)

    /// 3–64 code points after NFKC; printable; no leading or trailing whitespace; no `@`, so
    /// a username can never be mistaken for someone's email at login.
    static func username(_ value: String) -> Problem? {
        let normalized = value.precomposedStringWithCompatibilityMapping
        if let problem = length(of: normalized, FieldLimits.username) { return problem }
        if value.trimmingCharacters(in: .whitespacesAndNewlines) != value {
            return ("Username must not start or end with whitespace", "value_error")
        }
        if value.unicodeScalars.contains(where: isUnprintable) {
            return ("Username must not contain control characters", "value_error")
        }
        // After NFKC, so the fullwidth and small commercial at count too.
        if normalized.contains("@") { return ("Username must not contain '@'", "value_error") }
        return nil
    }

    /// One `@`, a non-empty local part, a dotted domain, no whitespace, at most 254 characters.
    static func email(_ value: String) -> Problem? {
        let invalid = { (reason: String) -> Problem in ("value is not a valid email address: \(reason)", "value_error") }
        if value.unicodeScalars.count > FieldLimits.emailMax { return invalid("it is longer than \(FieldLimits.emailMax) characters") }
        if value.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) || isUnprintable($0) }) {
            return invalid("it must not contain spaces or control characters")
        }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return invalid("it must have exactly one @-sign") }
        let (local, domain) = (parts[0], parts[1])
        if local.isEmpty { return invalid("there must be something before the @-sign") }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 || labels.contains(where: \.isEmpty) {
            return invalid("the part after the @-sign is not a valid domain")
        }
        return nil
    }

    /// 8–1024 code points, nothing else (NIST SP 800-63B: no composition rules, no truncation).
    static func password(_ value: String) -> Problem? {
        length(of: value, FieldLimits.password)
    }

    /// The password must not be a common one, nor the username, the email or the email's local
    /// part (NIST SP 800-63B context words; compared as uniqueness compares them).
    static func password(_ password: String, username: String, email: String, common: CommonPasswords) -> Problem? {
        if common.contains(password) {
            return ("This password is too common; choose one that is not on lists of leaked passwords", "value_error")
        }
        let key = password.identityKey
        let localPart = email.split(separator: "@", omittingEmptySubsequences: false).first.map(String.init) ?? email
        guard [username, email, localPart].contains(where: { $0.identityKey == key }) else { return nil }
        return ("Password must not be the same as the username or email", "value_error")
    }

    private static func length(of value: String, _ limits: ClosedRange<Int>) -> Problem? {
        let count = value.unicodeScalars.count
        if count < limits.lowerBound { return ("String should have at least \(limits.lowerBound) characters", "string_too_short") }
        if count > limits.upperBound { return ("String should have at most \(limits.upperBound) characters", "string_too_long") }
        return nil
    }

    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
