import Auth
import Synchronization
import UserService

/// A clock the test moves: milliseconds for the service, whole seconds for the token issuer and
/// verifier, from one value.
final class TestClock: AuthClock, UserServiceClock {
    private let milliseconds: Atomic<Int64>

    init(milliseconds: Int64 = 1_800_000_000_000) {
        self.milliseconds = Atomic(milliseconds)
    }

    func now() -> Int64 { milliseconds.load(ordering: .relaxed) / 1000 }

    func nowMilliseconds() -> Int64 { milliseconds.load(ordering: .relaxed) }

    func advance(by duration: Duration) {
        let parts = duration.components
        milliseconds.add(parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000, ordering: .relaxed)
    }
}
