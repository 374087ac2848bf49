import Synchronization

/// Token header segments already decoded and found valid, with the `kid` each names, so a
/// token that repeats one (every token this service writes, in a few key orders) needs no
/// JSON decoding of its header. Only valid headers get in, and at most `capacity` of them.
final class KnownHeaders: Sendable {
    private struct Known {
        let segment: [UInt8]
        let kid: String
    }

    private let known = Mutex<[Known]>([])
    private let capacity: Int

    init(capacity: Int = 64) { self.capacity = capacity }

    /// The `kid` of a header segment seen valid before. Compared byte for byte, without a
    /// copy: there are only a few (one per key and member order), usually one.
    func kid(for segment: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        let bytes = UnsafeBufferPointer(rebasing: segment)
        return known.withLock { known in known.first { Self.matches($0, bytes) }?.kid }
    }

    /// Remembers a valid header segment, while there is room.
    func remember(_ segment: Slice<UnsafeBufferPointer<UInt8>>, kid: String) {
        let bytes = UnsafeBufferPointer(rebasing: segment)
        known.withLock { known in
            guard known.count < capacity, !known.contains(where: { Self.matches($0, bytes) }) else { return }
            known.append(Known(segment: Array(bytes), kid: kid))
        }
    }

    private static func matches(_ known: Known, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        known.segment.elementsEqual(bytes)
    }
}
