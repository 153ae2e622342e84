/// Argon2id cost parameters (RFC 9106 §3.1), and the PHC string form that stores them with
/// every hash: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`.
///
/// The default is OWASP's Password Storage Cheat Sheet configuration m = 19 MiB, t = 2, p = 1.
/// Of OWASP's equivalent configurations it is the one that costs the least memory per hash
/// in flight (two hashing threads: 38 MiB), which matters on small machines where login
/// throughput is bounded by hashing; raise `memoryKiB` (or `iterations`) where memory allows,
/// and ``PasswordHasher/needsRehash(_:)`` upgrades stored hashes at the next login.
public struct PasswordHashParameters: Sendable, Hashable {
    /// Memory per hash in KiB (`m`). Default 19 456 (19 MiB).
    public var memoryKiB: UInt32
    /// Passes over memory (`t`). Default 2.
    public var iterations: UInt32
    /// Lanes (`p`). Default 1.
    public var parallelism: UInt32
    /// Salt length in bytes. Default 16.
    public var saltBytes: Int
    /// Hash length in bytes. Default 32.
    public var hashBytes: Int

    /// OWASP's m = 19 MiB, t = 2, p = 1, with a 16-byte salt and a 32-byte hash.
    public static let owasp = PasswordHashParameters(memoryKiB: 19_456, iterations: 2, parallelism: 1)

    /// Parameters; ``validate()`` checks their ranges.
    public init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32, saltBytes: Int = 16, hashBytes: Int = 32) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
        self.saltBytes = saltBytes
        self.hashBytes = hashBytes
    }

    /// Checks the ranges this library accepts: m 8·p KiB … 1 GiB, t 1 … 32, p 1 … 16, salt
    /// 16 … 64 bytes, hash 16 … 64 bytes. Stored hashes outside them are refused, so a
    /// tampered row cannot make a login allocate without bound.
    /// - Throws: ``AuthError/Code/invalidConfiguration``.
    public func validate() throws(AuthError) {
        guard (1...16).contains(parallelism), (1...32).contains(iterations),
            memoryKiB >= 8 * parallelism, memoryKiB <= 1 << 20,
            (16...64).contains(saltBytes), (16...64).contains(hashBytes)
        else {
            throw AuthError(
                .invalidConfiguration,
                "Argon2id parameters out of range: m=\(memoryKiB),t=\(iterations),p=\(parallelism)")
        }
    }

    /// The parameters of a PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).
    /// - Throws: ``AuthError/Code/invalidPasswordHash`` for anything else (another algorithm,
    ///   another version, a missing part, parameters out of range).
    public init(phc: String) throws(AuthError) {
        let parts = phc.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].isEmpty, parts[1] == "argon2id", parts[2] == "v=19" else {
            throw AuthError(.invalidPasswordHash, "not an Argon2id (v=19) PHC string")
        }
        var values: [Substring: UInt32] = [:]
        for item in parts[3].split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let value = UInt32(pair[1]), values.updateValue(value, forKey: pair[0]) == nil else {
                throw AuthError(.invalidPasswordHash, "unreadable Argon2id parameters")
            }
        }
        guard values.count == 3, let m = values["m"], let t = values["t"], let p = values["p"],
            Self.isUnpaddedBase64(parts[4]), Self.isUnpaddedBase64(parts[5])
        else {
            throw AuthError(.invalidPasswordHash, "an Argon2id PHC string needs m, t, p, a salt and a hash")
        }
        self.init(
            memoryKiB: m, iterations: t, parallelism: p, saltBytes: parts[4].utf8.count * 3 / 4,
            hashBytes: parts[5].utf8.count * 3 / 4)
        do {
            try validate()
        } catch {
            throw AuthError(.invalidPasswordHash, error.message)
        }
    }

    /// Standard-alphabet base64 without padding, as the PHC format writes salts and hashes.
    private static func isUnpaddedBase64(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.count % 4 != 1
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                    true
                default: false
                }
            }
    }
}
