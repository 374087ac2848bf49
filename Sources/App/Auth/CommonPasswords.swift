import Foundation

/// Django's list of 19,640 common passwords (Royce Williams' list, BSD-3-Clause; see
/// `Resources/common-passwords.LICENSE`), loaded once at start-up.
struct CommonPasswords: Sendable {
    private let passwords: Set<String>

    init(_ passwords: Set<String>) { self.passwords = passwords }

    /// The list shipped in the app's resource bundle, read once per process however many
    /// applications it builds (tests build many; each read costs tens of milliseconds).
    static func load() throws -> CommonPasswords { try shipped.get() }

    private static let shipped = Result { try read() }

    private static func read() throws -> CommonPasswords {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources") else {
            throw StartupError("the common-password list is missing from the app's resources")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return CommonPasswords(Set(text.split(whereSeparator: \.isNewline).map(String.init)))
    }

    /// How many passwords the list holds.
    var count: Int { passwords.count }

    /// True when `password` is on the list, compared after NFKC and ignoring case.
    func contains(_ password: String) -> Bool {
        passwords.contains(password.precomposedStringWithCompatibilityMapping.lowercased())
    }
}
