import CSodium

/// argon2id through libsodium's `crypto_pwhash_str`: PHC strings such as `$argon2id$v=19$m=19456,t=2,p=1$...`.
/// Every function here burns CPU and memory on purpose; call them only on the hasher's threads.
enum Argon2 {
    /// Cost parameters: iterations (`t`) and memory in bytes (`m`); libsodium always uses `p = 1`.
    struct Parameters: Sendable, Equatable {
        let iterations: UInt64
        let memoryBytes: Int

        /// OWASP's minimum for argon2id: m = 19 MiB, t = 2, p = 1.
        static let owasp = Parameters(iterations: 2, memoryBytes: 19 * 1024 * 1024)
        /// The smallest libsodium accepts, for tests that hash a lot.
        static let minimum = Parameters(iterations: 1, memoryBytes: 8192)
    }

    /// Thrown when libsodium cannot allocate the memory a hash needs.
    struct OutOfMemory: Error {}

    /// Makes libsodium ready; safe to call more than once and from several threads.
    static func initialize() {
        _ = sodium_init()
    }

    static func hash(_ password: String, _ parameters: Parameters) throws -> String {
        var output = [CChar](repeating: 0, count: 128)
        let bytes = Array(password.utf8CString.dropLast())
        let status = crypto_pwhash_str(&output, bytes, UInt64(bytes.count), parameters.iterations, parameters.memoryBytes)
        guard status == 0 else { throw OutOfMemory() }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func verify(_ password: String, hash: String) -> Bool {
        let bytes = Array(password.utf8CString.dropLast())
        return crypto_pwhash_str_verify(hash, bytes, UInt64(bytes.count)) == 0
    }

    /// True when `hash` is not argon2id with exactly `parameters` (weaker, stronger or another algorithm).
    static func needsRehash(_ hash: String, _ parameters: Parameters) -> Bool {
        crypto_pwhash_str_needs_rehash(hash, parameters.iterations, parameters.memoryBytes) != 0
    }
}
