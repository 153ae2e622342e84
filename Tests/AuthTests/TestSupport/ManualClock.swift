import Auth
import Synchronization

/// A clock the test sets.
final class ManualClock: AuthClock {
    private let seconds: Atomic<Int64>

    init(_ now: Int64 = 1_700_000_000) { seconds = Atomic(now) }

    func now() -> Int64 { seconds.load(ordering: .relaxed) }

    func set(_ now: Int64) { seconds.store(now, ordering: .relaxed) }

    func advance(by delta: Int64) { seconds.add(delta, ordering: .relaxed) }
}

/// Keys made once per test process (RSA generation takes a while).
enum TestKeys {
    static let edDSA = make(.edDSA, "ed-1")
    static let es256 = make(.es256, "ec-1")
    static let rs256 = make(.rs256, "rsa-1")
    static let hs256 = make(.hs256, "hs-1")

    static func key(_ algorithm: JWTAlgorithm) -> SigningKey {
        switch algorithm {
        case .es256: es256
        case .rs256: rs256
        case .hs256: hs256
        default: edDSA
        }
    }

    private static func make(_ algorithm: JWTAlgorithm, _ keyID: String) -> SigningKey {
        do {
            return try SigningKey.generate(algorithm, keyID: keyID)
        } catch {
            preconditionFailure("key generation failed: \(error)")
        }
    }
}
