internal import Synchronization

/// Counts failed sign-ins per account and per client address, each in a sliding window, and
/// refuses attempts past either limit until the oldest failure in the window ages out.
///
/// An attempt is counted when it starts (``begin(account:address:now:)`` checks both limits and
/// records a failure under one lock), and taken back when it succeeds (``succeeded(_:)``, which
/// also clears the account's failures). So concurrent guesses cannot slip past the limit while
/// their password hashes are being checked. Refused attempts are not counted, so a client that
/// keeps trying is let in again one window after its last counted failure.
///
/// Memory is bounded: each key keeps at most its limit of timestamps, and past
/// ``UserServiceConfiguration/LoginLimits/maxTrackedKeys`` keys per kind the expired ones are
/// swept and then the least recently failed dropped.
final class LoginLimiter: Sendable {
    /// Which limit refused an attempt.
    enum Scope: Sendable, Hashable {
        case account
        case address
    }

    /// A started attempt, to report success with.
    struct Attempt: Sendable, Hashable {
        var account: String
        var address: String
        var startedAt: Int64
    }

    /// Why an attempt may not start, and for how long.
    struct Refusal: Error, Sendable, Hashable {
        var scope: Scope
        /// Milliseconds until the attempt would be allowed.
        var retryAfterMilliseconds: Int64
    }

    private struct State {
        var accounts = FailureWindows()
        var addresses = FailureWindows()
    }

    let limits: UserServiceConfiguration.LoginLimits
    private let windowMilliseconds: Int64
    private let state = Mutex(State())

    init(limits: UserServiceConfiguration.LoginLimits) {
        self.limits = limits
        let window = limits.window.components
        self.windowMilliseconds = max(1, window.seconds * 1000 + window.attoseconds / 1_000_000_000_000_000)
    }

    /// Starts an attempt for the account key `account` from `address` at `now` (milliseconds),
    /// counting it as a failure, or says why it may not start.
    func begin(account: String, address: String, now: Int64) -> Result<Attempt, Refusal> {
        let window = windowMilliseconds
        return state.withLock { state in
            let accountWait = state.accounts.wait(account, limit: limits.accountFailures, window: window, now: now)
            let addressWait = state.addresses.wait(address, limit: limits.addressFailures, window: window, now: now)
            if accountWait > 0 || addressWait > 0 {
                let scope: Scope = accountWait >= addressWait ? .account : .address
                return .failure(Refusal(scope: scope, retryAfterMilliseconds: max(accountWait, addressWait)))
            }
            let capacity = limits.maxTrackedKeys
            state.accounts.record(account, at: now, window: window, capacity: capacity)
            state.addresses.record(address, at: now, window: window, capacity: capacity)
            return .success(Attempt(account: account, address: address, startedAt: now))
        }
    }

    /// Reports that `attempt` succeeded: the account's failures are forgotten, and the attempt no
    /// longer counts against its address.
    func succeeded(_ attempt: Attempt) {
        state.withLock { state in
            state.accounts.clear(attempt.account)
            state.addresses.remove(attempt.address, at: attempt.startedAt)
        }
    }

    /// Takes back `attempt` without judging it: its check could not be made (the hasher was
    /// overloaded, the database unavailable), so it counts neither way.
    func abandoned(_ attempt: Attempt) {
        state.withLock { state in
            state.accounts.remove(attempt.account, at: attempt.startedAt)
            state.addresses.remove(attempt.address, at: attempt.startedAt)
        }
    }

    /// The failures counted now for `account` and `address` (for tests and diagnostics).
    func failures(account: String, address: String, now: Int64) -> (account: Int, address: Int) {
        let window = windowMilliseconds
        return state.withLock { state in
            (
                state.accounts.count(account, window: window, now: now),
                state.addresses.count(address, window: window, now: now)
            )
        }
    }

    /// How many keys of each kind are tracked (for tests of the memory bound).
    var trackedKeys: (accounts: Int, addresses: Int) {
        state.withLock { ($0.accounts.keyCount, $0.addresses.keyCount) }
    }
}
