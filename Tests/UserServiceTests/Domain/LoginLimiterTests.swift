import Testing

@testable import UserService

@Suite("The login limiter's sliding windows")
struct LoginLimiterTests {
    func limiter(
        account: Int = 3, address: Int = 5, window: Duration = .seconds(60), keys: Int = 100_000
    ) -> LoginLimiter {
        var limits = UserServiceConfiguration.LoginLimits()
        limits.accountFailures = account
        limits.addressFailures = address
        limits.window = window
        limits.maxTrackedKeys = keys
        return LoginLimiter(limits: limits)
    }

    @Test("refuses past the account limit until the oldest failure leaves the window")
    func accountWindow() throws {
        let limiter = limiter()
        for second in [0, 10, 20] as [Int64] {
            _ = try limiter.begin(account: "a", address: "h", now: second * 1000).get()
        }
        guard case .failure(let refusal) = limiter.begin(account: "a", address: "other", now: 30_000) else {
            Issue.record("a fourth attempt within the window was allowed")
            return
        }
        #expect(refusal == LoginLimiter.Refusal(scope: .account, retryAfterMilliseconds: 30_000))
        // Sliding: at 60 s the failure at 0 s has left; the one at 10 s has not.
        #expect(throws: Never.self) { try limiter.begin(account: "a", address: "h", now: 60_000).get() }
        #expect(throws: LoginLimiter.Refusal.self) { try limiter.begin(account: "a", address: "h", now: 60_001).get() }
        #expect(limiter.failures(account: "a", address: "h", now: 60_001) == (3, 3))
    }

    @Test("refuses past the address limit across accounts, and says which limit")
    func addressWindow() throws {
        let limiter = limiter()
        for index in 0..<5 { _ = try limiter.begin(account: "user\(index)", address: "10.0.0.1", now: 1000).get() }
        #expect(throws: LoginLimiter.Refusal(scope: .address, retryAfterMilliseconds: 60_000)) {
            try limiter.begin(account: "fresh", address: "10.0.0.1", now: 1000).get()
        }
        _ = try limiter.begin(account: "fresh", address: "10.0.0.2", now: 1000).get()
    }

    @Test("success clears the account and takes its own attempt back from the address")
    func success() throws {
        let limiter = limiter()
        _ = try limiter.begin(account: "a", address: "h", now: 0).get()
        _ = try limiter.begin(account: "a", address: "h", now: 1).get()
        let attempt = try limiter.begin(account: "a", address: "h", now: 2).get()
        limiter.succeeded(attempt)
        #expect(limiter.failures(account: "a", address: "h", now: 3) == (0, 2))
        let other = try limiter.begin(account: "b", address: "h", now: 4).get()
        limiter.abandoned(other)
        #expect(limiter.failures(account: "b", address: "h", now: 5) == (0, 2))
    }

    @Test("concurrent attempts cannot pass the limit together")
    func concurrent() async {
        let limiter = limiter(account: 5, address: 1000)
        let allowed = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    (try? limiter.begin(account: "target", address: "h\(index)", now: 1000).get()) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 5)
    }

    @Test("the number of keys tracked stays bounded under a flood of new keys")
    func bounded() throws {
        let limiter = limiter(account: 3, address: 1_000_000, keys: 64)
        for index in 0..<10_000 {
            _ = try limiter.begin(account: "flood\(index)", address: "h", now: Int64(index)).get()
            #expect(limiter.trackedKeys.accounts <= 64)
        }
        // Expired keys go first when room is needed.
        let sweeping = self.limiter(account: 3, address: 3, window: .seconds(1), keys: 16)
        for index in 0..<16 { _ = try sweeping.begin(account: "old\(index)", address: "a\(index)", now: 0).get() }
        _ = try sweeping.begin(account: "new", address: "b", now: 5000).get()
        #expect(sweeping.trackedKeys == (1, 1))
    }
}
