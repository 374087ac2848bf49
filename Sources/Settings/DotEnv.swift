import Foundation

/// Parses `.env` files the way python-dotenv does, so the Python service's files keep working:
/// `KEY=value`, `export KEY=value`, single or double quotes, `#` comments.
public enum DotEnv {
    /// The variables in `contents`; malformed lines are skipped, the last duplicate wins.
    public static func parse(_ contents: String) -> [String: String] {
        var variables: [String: String] = [:]
        for line in contents.split(whereSeparator: \.isNewline) {
            if let (key, value) = parseLine(line) { variables[key] = value }
        }
        return variables
    }

    private static func parseLine(_ line: Substring) -> (String, String)? {
        var text = line.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text.hasPrefix("#") { return nil }
        if text.hasPrefix("export ") { text = String(text.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        return (key, value(text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)))
    }

    private static func value(_ raw: String) -> String {
        guard let quote = raw.first, quote == "\"" || quote == "'" else {
            // An unquoted value ends at " #", which starts a comment.
            let end = raw.range(of: " #")?.lowerBound ?? raw.endIndex
            return raw[..<end].trimmingCharacters(in: .whitespaces)
        }
        let body = raw.dropFirst()
        // The value ends at the first unescaped closing quote; anything after it (a comment)
        // is not part of it.
        let inner = String(body[..<closingQuote(quote, in: body)])
        return quote == "'" ? inner : unescape(inner)
    }

    private static func closingQuote(_ quote: Character, in body: Substring) -> Substring.Index {
        var escaping = false
        for index in body.indices {
            if escaping {
                escaping = false
            } else if body[index] == "\\" && quote == "\"" {
                escaping = true
            } else if body[index] == quote {
                return index
            }
        }
        return body.endIndex
    }

    private static func unescape(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                result.append(["n": "\n", "t": "\t", "r": "\r"][character] ?? character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
