extension RemoteJWKS {
    /// What a lookup does next.
    enum LookupAction {
        /// Answer with this key.
        case use(VerificationKey)
        /// Refuse.
        case fail(AuthError)
        /// This task fetches (the state now says a fetch is under way).
        case fetch
        /// Another task is fetching: wait for it, then decide again.
        case wait
    }

    /// The cache, behind the source's lock: the last good keys, their freshness, the fetch
    /// under way and its waiters. Transitions return actions; no I/O here.
    struct CacheState {
        var keys: [String: VerificationKey] = [:]
        var hasFetched = false
        var freshUntil = Int64.min
        var lastAttempt: Int64?
        var isFetching = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var lastError: AuthError?
        var fetchCount = 0

        /// Decides for `keyID` (`nil`: a refresh) at `now`.
        mutating func decide(keyID: String?, now: Int64, minRefreshInterval: Int64) -> LookupAction {
            let known = keyID.flatMap { keys[$0] }
            if let known, now < freshUntil { return .use(known) }
            if isFetching { return .wait }
            let mayFetch = lastAttempt.map { now >= $0 + minRefreshInterval || now < $0 } ?? true
            if mayFetch {
                isFetching = true
                lastAttempt = now
                fetchCount += 1
                return .fetch
            }
            // Rate-limited: answer from the last good copy, stale or not.
            if let known { return .use(known) }
            guard let keyID else { return .fail(AuthError(.unknownKeyID, "refresh rate-limited")) }
            guard hasFetched else {
                return .fail(
                    AuthError(.jwksUnavailable, "the issuer's JWKS has not been fetched yet", cause: lastError))
            }
            return .fail(AuthError(.unknownKeyID, "no key with the ID \(AuthError.quoted(keyID)) in the issuer's JWKS"))
        }

        /// Records a fetch's outcome and returns the waiters to resume. A failure keeps the keys.
        mutating func finishFetch(
            _ outcome: Result<(keys: [String: VerificationKey], maxAge: Int64), AuthError>, now: Int64
        ) -> [CheckedContinuation<Void, Never>] {
            switch outcome {
            case .success(let fetched):
                keys = fetched.keys
                hasFetched = true
                freshUntil = now + fetched.maxAge
                lastError = nil
            case .failure(let error):
                lastError = error
            }
            isFetching = false
            let resumed = waiters
            waiters = []
            return resumed
        }
    }
}
