internal import Glibc

/// Wall-clock time for the user service: account timestamps, refresh-token expiry and the login
/// limiter's windows.
///
/// Injected so tests move time instead of sleeping. The access tokens' `iat` and `exp` come from
/// the ``Auth/JWTIssuer``'s own clock; give both the same time source.
public protocol UserServiceClock: Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    func nowMilliseconds() -> Int64
}

/// The system's real-time clock (`CLOCK_REALTIME`).
public struct SystemUserServiceClock: UserServiceClock {
    /// The system clock.
    public init() {}

    public func nowMilliseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
