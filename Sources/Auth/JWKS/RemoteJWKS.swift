internal import Synchronization

/// The keys of an outside issuer, from its JWKS URL: fetched on first use, cached for the
/// document's `Cache-Control: max-age` (clamped to ``Configuration/minMaxAge`` …
/// ``Configuration/maxMaxAge``), refetched when stale or when a token names an unknown `kid`.
///
/// - Fetches are single-flight: concurrent lookups share one fetch.
/// - Fetches are rate-limited: at most one per ``Configuration/minRefreshInterval``, however
///   many unknown `kid`s arrive, so a flood of forged tokens cannot hammer the issuer. Inside
///   the interval an unknown `kid` fails at once with ``AuthError/Code/unknownKeyID``.
/// - A failed fetch keeps the last good keys (stale ones included) and is retried after the
///   interval; with no good copy ever fetched, lookups fail with
///   ``AuthError/Code/jwksUnavailable``.
///
/// ```swift
/// let fetcher = try HTTPJWKSFetcher(url: "http://issuer.local/.well-known/jwks.json", client: client)
/// let remote = try RemoteJWKS(fetcher: fetcher)
/// let verifier = try JWTVerifier(keys: remote, options: .defaults {
///     $0.issuer = "http://issuer.local"; $0.audience = "room619"; $0.acceptedKinds = [.user]
/// })
/// ```
public final class RemoteJWKS: VerificationKeySource {
    /// Cache lifetimes and the refetch rate limit.
    public struct Configuration: Sendable {
        /// How long a document without `max-age` is fresh. Default 5 minutes.
        public var defaultMaxAge: Duration = .seconds(300)
        /// The shortest freshness honored (`max-age=0` and `no-cache` become this). Default 1 minute.
        public var minMaxAge: Duration = .seconds(60)
        /// The longest freshness honored. Default 1 day.
        public var maxMaxAge: Duration = .seconds(86_400)
        /// The least time between two fetches, whatever asks for them. Default 30 s.
        public var minRefreshInterval: Duration = .seconds(30)

        /// The defaults above.
        public init() {}

        /// Checks that `0 < minMaxAge ≤ defaultMaxAge ≤ maxMaxAge` and the interval is positive.
        /// - Throws: ``AuthError/Code/invalidConfiguration``.
        public func validate() throws(AuthError) {
            guard minMaxAge > .zero, minMaxAge <= defaultMaxAge, defaultMaxAge <= maxMaxAge else {
                throw AuthError(.invalidConfiguration, "need 0 < minMaxAge ≤ defaultMaxAge ≤ maxMaxAge")
            }
            guard minRefreshInterval > .zero else {
                throw AuthError(.invalidConfiguration, "minRefreshInterval must be positive")
            }
        }
    }

    /// The configuration.
    public let configuration: Configuration
    private let fetcher: any JWKSFetcher
    private let clock: any AuthClock
    private let state = Mutex(CacheState())

    /// A source fetching with `fetcher`.
    /// - Throws: ``AuthError/Code/invalidConfiguration``.
    public init(
        fetcher: any JWKSFetcher, configuration: Configuration = Configuration(), clock: any AuthClock = SystemClock()
    ) throws(AuthError) {
        try configuration.validate()
        self.fetcher = fetcher
        self.configuration = configuration
        self.clock = clock
    }

    /// How many fetches have run (for metrics and tests).
    public var fetchCount: Int { state.withLock { $0.fetchCount } }

    /// Why the last fetch failed, or `nil` if it succeeded (for readiness and logs).
    public var lastError: AuthError? { state.withLock { $0.lastError } }

    /// The key with `keyID`: from the cache while fresh, otherwise after a fetch (when the rate
    /// limit allows one). `now` decides freshness and the rate limit; fetch times are taken
    /// from the source's clock.
    public func verificationKey(for keyID: String, at now: Int64) async throws(AuthError) -> VerificationKey {
        // Three rounds at most: wait for a fetch under way, fetch, then answer from the result.
        for _ in 0..<3 {
            let interval = configuration.minRefreshInterval.wholeSeconds
            switch state.withLock({ $0.decide(keyID: keyID, now: now, minRefreshInterval: interval) }) {
            case .use(let key): return key
            case .fail(let error): throw error
            case .fetch: await fetch()
            case .wait: await waitForFetch()
            }
        }
        throw AuthError(.unknownKeyID, "no key with the ID \(AuthError.quoted(keyID))")
    }

    /// Fetches now unless a fetch ran within the refresh interval (or one is under way: then
    /// waits for it).
    public func refresh() async {
        let interval = configuration.minRefreshInterval.wholeSeconds
        switch state.withLock({ $0.decide(keyID: nil, now: clock.now(), minRefreshInterval: interval) }) {
        case .fetch: await fetch()
        case .wait: await waitForFetch()
        case .use, .fail: break
        }
    }

    /// Runs one fetch (this task is the one that claimed it) and wakes the tasks waiting.
    private func fetch() async {
        let outcome: Result<(keys: [String: VerificationKey], maxAge: Int64), AuthError>
        do throws(AuthError) {
            let response = try await fetcher.fetchJWKS()
            let document = try JWKS(json: response.body)
            outcome = .success((document.verificationKeys().keys, maxAge(response.cacheControl)))
        } catch {
            outcome = .failure(error)
        }
        let now = clock.now()
        let waiters = state.withLock { $0.finishFetch(outcome, now: now) }
        for waiter in waiters { waiter.resume() }
    }

    private func waitForFetch() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let enqueued = state.withLock { state -> Bool in
                guard state.isFetching else { return false }
                state.waiters.append(continuation)
                return true
            }
            if !enqueued { continuation.resume() }
        }
    }

    /// The freshness `cacheControl` gives, clamped to the configured bounds.
    func maxAge(_ cacheControl: String?) -> Int64 {
        let lower = configuration.minMaxAge.wholeSeconds
        let upper = configuration.maxMaxAge.wholeSeconds
        guard let cacheControl else { return configuration.defaultMaxAge.wholeSeconds }
        var seconds: Int64?
        for directive in cacheControl.lowercased().split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            switch parts.first {
            case "no-cache", "no-store": seconds = 0
            case "max-age" where parts.count == 2:
                var value = parts[1]
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = value.dropFirst().dropLast()
                }
                guard !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
                // no-cache wins over max-age; digits too many for Int64 mean "a very long time".
                if seconds != 0 { seconds = Int64(value) ?? .max }
            default: break
            }
        }
        return min(max(seconds ?? configuration.defaultMaxAge.wholeSeconds, lower), upper)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map(index(after:)) ?? start
        return self[start..<Swift.max(start, end)]
    }
}
