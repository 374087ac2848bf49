import Foundation
import Logging

/// `LOG_FORMAT=text` (the default): the line format of swift-log's `StreamLogHandler`, but
/// the metadata is formatted when a line is written, not every time it changes. Every request
/// sets its id in the metadata and, at the default level, most requests write no line at all.
struct TextLogHandler: LogHandler {
    let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    /// Where each finished line goes: standard output, unless a test captures it.
    var write: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        let pairs = all.sorted { $0.key < $1.key }.map { " \($0)=\($1)" }.joined()
        write("\(Self.timestamp()) \(event.level) \(label):\(pairs) [\(event.source)] \(event.message)\n")
    }

    /// Local time to the second, as `StreamLogHandler` writes it: 2026-11-30T09:27:47+0000.
    private static func timestamp() -> String {
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
