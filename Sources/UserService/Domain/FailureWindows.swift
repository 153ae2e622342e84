/// The failure timestamps of many keys (accounts or addresses), each a sliding window: the
/// state ``LoginLimiter`` keeps behind its lock, with no clock or lock of its own.
struct FailureWindows: Sendable {
    /// Per key, failure times in milliseconds, oldest first; at most the limit of them.
    private var failures: [String: [Int64]] = [:]

    /// How many keys have failures recorded.
    var keyCount: Int { failures.count }

    /// Milliseconds until `key` may fail again under `limit` failures per `window`; 0 when it may now.
    mutating func wait(_ key: String, limit: Int, window: Int64, now: Int64) -> Int64 {
        guard var times = failures[key] else { return 0 }
        times.removeAll { $0 <= now - window }
        failures[key] = times.isEmpty ? nil : times
        guard times.count >= limit, let oldest = times.first else { return 0 }
        return max(1, oldest + window - now)
    }

    /// The failures of `key` within the window.
    func count(_ key: String, window: Int64, now: Int64) -> Int {
        failures[key]?.count { $0 > now - window } ?? 0
    }

    /// Records a failure of `key` at `now`, making room first when `capacity` keys are tracked.
    mutating func record(_ key: String, at now: Int64, window: Int64, capacity: Int) {
        if failures[key] == nil, failures.count >= capacity { makeRoom(window: window, now: now, capacity: capacity) }
        failures[key, default: []].append(now)
    }

    /// Forgets every failure of `key`.
    mutating func clear(_ key: String) {
        failures[key] = nil
    }

    /// Forgets one failure of `key` recorded at `time`.
    mutating func remove(_ key: String, at time: Int64) {
        guard var times = failures[key], let index = times.lastIndex(of: time) else { return }
        times.remove(at: index)
        failures[key] = times.isEmpty ? nil : times
    }

    /// Drops the keys whose failures have all expired, then, if still at `capacity`, the quarter
    /// of keys that failed least recently: one O(n log n) pass per quarter of capacity inserts.
    private mutating func makeRoom(window: Int64, now: Int64, capacity: Int) {
        failures = failures.filter { $0.value.contains { $0 > now - window } }
        guard failures.count >= capacity else { return }
        let byLastFailure = failures.sorted { ($0.value.last ?? 0) < ($1.value.last ?? 0) }
        for (key, _) in byLastFailure.prefix(max(1, failures.count / 4)) { failures[key] = nil }
    }
}
