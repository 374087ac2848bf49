/// The parts of `NNNN_name.up.sql` / `NNNN_name.down.sql`.
struct MigrationFileName {
    let version: Int
    let name: String
    let isUp: Bool

    init?(_ file: String) {
        guard let match = file.wholeMatch(of: /(\d+)_([A-Za-z0-9_]+)\.(up|down)\.sql/),
            let version = Int(match.1)
        else { return nil }
        self.version = version
        self.name = String(match.2)
        self.isUp = match.3 == "up"
    }
}
