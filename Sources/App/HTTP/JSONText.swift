/// JSON string literals (RFC 8259 §7): quotes, backslashes and control characters escaped,
/// everything else as UTF-8.
enum JSONText {
    /// Appends `text` to `json` as a quoted JSON string.
    static func append(_ text: String, to json: inout String) {
        json.append("\"")
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            json.append(text)
        } else {
            for scalar in text.unicodeScalars { append(scalar, to: &json) }
        }
        json.append("\"")
    }

    private static func append(_ scalar: Unicode.Scalar, to json: inout String) {
        switch scalar {
        case "\"": json.append("\\\"")
        case "\\": json.append("\\\\")
        case "\n": json.append("\\n")
        case "\r": json.append("\\r")
        case "\t": json.append("\\t")
        case "\u{08}": json.append("\\b")
        case "\u{0C}": json.append("\\f")
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            json.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
        default: json.unicodeScalars.append(scalar)
        }
    }
}
