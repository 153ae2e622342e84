/// Keepalive PINGs on an HTTP/2 connection, as gRPC does them (gRFC A8): a PING after
/// `interval` without a frame from the peer; when nothing arrives within `timeout` of it, the
/// connection closes and its streams fail. It finds a peer that vanished without closing the
/// connection (it lost power, a NAT dropped the mapping), which TCP alone notices only when it
/// next sends, if ever.
public struct HTTP2Keepalive: Sendable {
    /// How long the connection may be quiet before a PING goes out.
    public var interval: Duration
    /// How long to wait for a frame after the PING. Default 20 s, as in gRPC.
    public var timeout: Duration
    /// Whether to ping while no stream is open. Default `false`: peers count such pings against
    /// the sender (a grpc-go server closes the connection with ENHANCE_YOUR_CALM "too_many_pings"
    /// after a few in less than 5 minutes).
    public var permitWithoutStreams: Bool

    public init(interval: Duration, timeout: Duration = .seconds(20), permitWithoutStreams: Bool = false) {
        self.interval = interval
        self.timeout = timeout
        self.permitWithoutStreams = permitWithoutStreams
    }
}

/// The keepalive state of one connection, kept on its loop. The connection arms a timer for
/// what ``due(hasStreams:now:)`` asks and tells ``heard(now:)`` about every read.
struct HTTP2KeepaliveClock {
    let settings: HTTP2Keepalive
    private var lastRead: ContinuousClock.Instant
    private(set) var pingOutstanding = false

    /// The opaque data of our PINGs ("room619!"), to tell their ACKs from the peer's.
    static let opaqueData: UInt64 = 0x726F_6F6D_3631_3921

    init(_ settings: HTTP2Keepalive, now: ContinuousClock.Instant = .now) {
        self.settings = settings
        self.lastRead = now
    }

    enum Action: Equatable {
        /// Check again after this long.
        case wait(Duration)
        /// Send a PING, and check again after the timeout.
        case ping(then: Duration)
        /// The PING went unanswered: close the connection.
        case close
    }

    /// A frame arrived: the peer is there. Returns whether a PING was waiting for it, in which
    /// case the next check is due a whole `interval` from now.
    mutating func heard(now: ContinuousClock.Instant = .now) -> Bool {
        lastRead = now
        guard pingOutstanding else { return false }
        pingOutstanding = false
        return true
    }

    /// The timer fired: what to do now.
    mutating func due(hasStreams: Bool, now: ContinuousClock.Instant = .now) -> Action {
        if pingOutstanding { return .close }
        let quiet = lastRead.duration(to: now)
        guard quiet >= settings.interval else { return .wait(settings.interval - quiet) }
        guard hasStreams || settings.permitWithoutStreams else { return .wait(settings.interval) }
        pingOutstanding = true
        return .ping(then: settings.timeout)
    }
}

/// Runs keepalive for one connection on its loop: the clock, its timer, and what the connection
/// does to ping and to give up. Confined to the loop, like the connection that owns it.
final class HTTP2KeepaliveTimer {
    private var clock: HTTP2KeepaliveClock
    private let loop: EventLoop
    private var timer: TimerHeap.Handle?
    private let hasStreams: () -> Bool
    private let ping: () -> Void
    private let timedOut: (_ timeout: Duration) -> Void

    /// Starts the clock; the first check is due after `settings.interval`.
    init(
        _ settings: HTTP2Keepalive, loop: EventLoop, hasStreams: @escaping () -> Bool, ping: @escaping () -> Void,
        timedOut: @escaping (_ timeout: Duration) -> Void
    ) {
        clock = HTTP2KeepaliveClock(settings)
        self.loop = loop
        self.hasStreams = hasStreams
        self.ping = ping
        self.timedOut = timedOut
        schedule(after: settings.interval)
    }

    /// A frame arrived.
    func heard() {
        if clock.heard() { schedule(after: clock.settings.interval) }
    }

    /// The connection closed: no more checks.
    func stop() {
        if let timer { loop.cancel(timer) }
        timer = nil
    }

    private func schedule(after delay: Duration) {
        if let timer { loop.cancel(timer) }
        timer = loop.schedule(after: delay) { [weak self] in self?.due() }
    }

    private func due() {
        timer = nil
        switch clock.due(hasStreams: hasStreams()) {
        case .wait(let delay):
            schedule(after: delay)
        case .ping(let timeout):
            ping()
            schedule(after: timeout)
        case .close:
            timedOut(clock.settings.timeout)
        }
    }
}
