import Foundation
public import Storage

/// Reads and creates the migration files under `<dir>/<dialect>/`.
public struct MigrationSource: Sendable {
    /// The folder holding one subfolder per dialect (`./sql` by default).
    public let directory: String

    public init(directory: String = "./sql") { self.directory = directory }

    /// The folder for `dialect`'s files.
    public func folder(for dialect: Dialect) -> String { "\(directory)/\(dialect.name)" }

    /// Every migration for `dialect`, ordered by version.
    public func load(_ dialect: Dialect) throws(MigrationError) -> [Migration] {
        let folder = folder(for: dialect)
        var ups: [Int: (String, String)] = [:]
        var downs: [Int: (String, String)] = [:]
        for file in try names(in: folder) {
            guard let parsed = MigrationFileName(file) else {
                throw MigrationError("\(folder)/\(file): expected NNNN_name.up.sql or NNNN_name.down.sql")
            }
            let slot = (parsed.name, "\(folder)/\(file)")
            let previous = parsed.isUp ? ups.updateValue(slot, forKey: parsed.version) : downs.updateValue(slot, forKey: parsed.version)
            if let previous {
                throw MigrationError("version \(parsed.version) appears twice: \(previous.1) and \(slot.1)")
            }
        }
        if let orphan = downs.keys.first(where: { ups[$0] == nil }) {
            throw MigrationError("\(folder): version \(orphan) has a .down.sql file but no .up.sql file")
        }
        return try ups.keys.sorted().map { version throws(MigrationError) in
            guard let (name, upPath) = ups[version], let (_, downPath) = downs[version] else {
                throw MigrationError("\(folder): version \(version) needs both an .up.sql and a .down.sql file")
            }
            return try read(version: version, name: name, upPath: upPath, downPath: downPath)
        }
    }

    /// Creates `NNNN_name.up.sql` and `.down.sql` for every dialect, `NNNN` one past the
    /// highest version in any of them, and returns the paths.
    public func create(named name: String) throws(MigrationError) -> [String] {
        guard name.wholeMatch(of: /[A-Za-z0-9_]+/) != nil else {
            throw MigrationError("migration names use letters, digits and underscores only: '\(name)'")
        }
        var highest = 0
        for dialect in Dialect.all {
            let files = (try? names(in: folder(for: dialect))) ?? []
            highest = max(highest, files.compactMap { MigrationFileName($0)?.version }.max() ?? 0)
        }
        let stem = String(format: "%04d_%@", highest + 1, name)
        var created: [String] = []
        for dialect in Dialect.all {
            for direction in ["up", "down"] {
                let path = "\(folder(for: dialect))/\(stem).\(direction).sql"
                try write("-- \(stem) (\(direction), \(dialect.name))\n", to: path)
                created.append(path)
            }
        }
        return created
    }

    private func read(version: Int, name: String, upPath: String, downPath: String) throws(MigrationError) -> Migration {
        let upBytes = try bytes(at: upPath)
        let downBytes = try bytes(at: downPath)
        return Migration(
            version: version, name: name,
            up: String(decoding: upBytes, as: UTF8.self), down: String(decoding: downBytes, as: UTF8.self),
            checksum: Checksum.sha256(normalizing: upBytes), upPath: upPath, downPath: downPath
        )
    }

    private func names(in folder: String) throws(MigrationError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sql") }
        } catch {
            throw MigrationError("cannot read migrations folder \(folder) (set --migrations-dir)")
        }
    }

    private func bytes(at path: String) throws(MigrationError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MigrationError("cannot read \(path)")
        }
        return [UInt8](data)
    }

    private func write(_ text: String, to path: String) throws(MigrationError) {
        guard !FileManager.default.fileExists(atPath: path) else { throw MigrationError("\(path) already exists") }
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw MigrationError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
