internal import Synchronization

/// Principals of tokens already verified, by the token's exact text, so a client's repeated
/// calls skip the signature check (an Ed25519 verification costs about 60 µs here). Only
/// signature-checked tokens enter; `exp` and `nbf` are checked again on every hit. Bounded:
/// when full, the oldest half is dropped.
final class VerifiedTokenCache: Sendable {
    private struct Entry {
        var principal: Principal
        var notBefore: Int64?
        var order: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var next: UInt64 = 0
    }

    private let capacity: Int
    private let skewSeconds: Int64
    private let state = Mutex(State())

    init(capacity: Int, skew: Duration) {
        self.capacity = max(0, capacity)
        self.skewSeconds = skew.components.seconds
    }

    /// The cached principal of `token` when it is still within its validity at `now`.
    func principal(for token: String, now: Int64) -> Principal? {
        guard capacity > 0 else { return nil }
        return state.withLock { state -> Principal? in
            guard let entry = state.entries[token] else { return nil }
            if let expiresAt = entry.principal.expiresAt, now >= expiresAt + skewSeconds {
                state.entries[token] = nil
                return nil
            }
            if let notBefore = entry.notBefore, now + skewSeconds < notBefore { return nil }
            return entry.principal
        }
    }

    /// Remembers a verified token's principal.
    func insert(_ principal: Principal, for token: String, notBefore: Int64?) {
        guard capacity > 0 else { return }
        state.withLock { state in
            if state.entries.count >= capacity {
                // Drop the older half: one O(n) pass per capacity/2 inserts.
                let cut = state.next &- UInt64(capacity / 2)
                state.entries = state.entries.filter { $0.value.order >= cut }
            }
            state.entries[token] = Entry(principal: principal, notBefore: notBefore, order: state.next)
            state.next &+= 1
        }
    }
}
