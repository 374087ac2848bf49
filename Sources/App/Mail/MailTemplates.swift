import Foundation
import Mustache
import Settings

/// The mail templates of `TEMPLATES_DIR`, checked complete when the service starts.
struct MailTemplates: Sendable {
    /// Which mail to render.
    enum Kind: String, CaseIterable, Sendable {
        case passwordReset = "password_reset"
        case verifyEmail = "verify_email"
        case emailChanged = "email_changed"
    }

    /// The three parts of a rendered mail.
    struct Rendered: Sendable, Equatable {
        let subject: String
        let text: String
        let html: String
    }

    private let library: MustacheLibrary

    /// Loads `directory`; a missing folder, a missing file or a parse error stops startup.
    static func load(directory: String) async throws -> MailTemplates {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw ConfigurationError("TEMPLATES_DIR '\(directory)' is not a folder of mail templates")
        }
        let library: MustacheLibrary
        do {
            library = try await MustacheLibrary(directory: directory)
        } catch let error as MustacheLibrary.ParserError {
            throw ConfigurationError("mail template \(error.filename) does not parse: \(error.error)")
        }
        let missing = Kind.allCases.flatMap { kind in ["subject", "txt", "html"].map { "\(kind.rawValue).\($0)" } }
            .filter { library.getTemplate(named: $0) == nil }
        guard missing.isEmpty else {
            throw ConfigurationError("TEMPLATES_DIR '\(directory)' lacks \(missing.map { "\($0).mustache" }.joined(separator: ", "))")
        }
        return MailTemplates(library: library)
    }

    /// Renders `kind` with `values`; the subject is one line.
    func render(_ kind: Kind, _ values: [String: String]) -> Rendered {
        let part = { (suffix: String) in library.render(values, withTemplate: "\(kind.rawValue).\(suffix)") ?? "" }
        let subject = part("subject").split(whereSeparator: \.isNewline).joined(separator: " ")
        return Rendered(subject: subject.trimmingCharacters(in: .whitespaces), text: part("txt"), html: part("html"))
    }
}
