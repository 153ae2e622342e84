import Testing

@testable import Transport

@Suite("HTTP/2 keepalive clock")
struct HTTP2KeepaliveTests {
    let start = ContinuousClock.now

    @Test("a PING after interval of quiet; a frame answers it; silence after it closes")
    func pingThenClose() {
        var clock = HTTP2KeepaliveClock(HTTP2Keepalive(interval: .seconds(10), timeout: .seconds(2)), now: start)
        var actions: [HTTP2KeepaliveClock.Action] = []
        actions.append(clock.due(hasStreams: true, now: start + .seconds(4)))
        actions.append(clock.due(hasStreams: true, now: start + .seconds(10)))
        #expect(actions == [.wait(.seconds(6)), .ping(then: .seconds(2))])
        #expect(clock.pingOutstanding)

        let answered = clock.heard(now: start + .seconds(11))
        let again = clock.heard(now: start + .seconds(12))
        #expect(answered, "the answer clears the PING")
        #expect(!again, "later frames find no PING waiting")

        actions = []
        actions.append(clock.due(hasStreams: true, now: start + .seconds(21)))
        actions.append(clock.due(hasStreams: true, now: start + .seconds(22)))
        actions.append(clock.due(hasStreams: true, now: start + .seconds(24)))
        #expect(actions == [.wait(.seconds(1)), .ping(then: .seconds(2)), .close])
    }

    @Test("no PING without streams unless permitted")
    func withoutStreams() {
        var quiet = HTTP2KeepaliveClock(HTTP2Keepalive(interval: .seconds(5)), now: start)
        let quietAction = quiet.due(hasStreams: false, now: start + .seconds(5))
        #expect(quietAction == .wait(.seconds(5)))
        #expect(!quiet.pingOutstanding)
        var permitted = HTTP2KeepaliveClock(
            HTTP2Keepalive(interval: .seconds(5), permitWithoutStreams: true), now: start)
        let permittedAction = permitted.due(hasStreams: false, now: start + .seconds(5))
        #expect(permittedAction == .ping(then: .seconds(20)))
    }
}
