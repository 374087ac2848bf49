import Synchronization

/// Token header segments already decoded and found valid, with the `kid` each names, so a
/// token that repeats one (every token this service writes, in a few key orders) needs no
/// JSON decoding of its header. Only valid headers get in, and at most `capacity` of them.
final class KnownHeaders: Sendable {
    private let kids = Mutex<[String: String]>([:])
    private let capacity: Int

    init(capacity: Int = 64) { self.capacity = capacity }

    /// The `kid` of a header segment seen valid before.
    func kid(for segment: Substring) -> String? {
        let key = String(segment)
        return kids.withLock { $0[key] }
    }

    /// Remembers a valid header segment, while there is room.
    func remember(_ segment: Substring, kid: String) {
        kids.withLock { kids in
            if kids.count < capacity { kids[String(segment)] = kid }
        }
    }
}
