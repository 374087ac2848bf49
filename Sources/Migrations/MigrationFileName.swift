/// The parts of `NNNN_name.up.sql` / `NNNN_name.down.sql`.
struct MigrationFileName {
    let version: Int
    let name: String
    let isUp: Bool

    /// Parsed by hand: a regex literal is compiled on every call, and start-up reads every file name.
    init?(_ file: String) {
        let (stem, isUp): (Substring, Bool)
        if file.hasSuffix(".up.sql") {
            (stem, isUp) = (file.dropLast(7), true)
        } else if file.hasSuffix(".down.sql") {
            (stem, isUp) = (file.dropLast(9), false)
        } else {
            return nil
        }
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore], name = stem[stem.index(after: underscore)...]
        let isNameCharacter = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "_") }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let version = Int(digits),
            !name.isEmpty, name.allSatisfy(isNameCharacter)
        else { return nil }
        self.version = version
        self.name = String(name)
        self.isUp = isUp
    }
}
