import Bytes
import Testing

@testable import Transport

/// The HTTP/2 connection state machine on its own, for both roles: frames in as bytes (built
/// with ``HTTP2Frame``'s writers), actions and written frames out (RFC 9113).
@Suite("HTTP/2 connection state machine")
struct HTTP2ConnectionStateMachineTests {
    typealias Machine = HTTP2ConnectionStateMachine<UInt32>

    static func machine(
        _ role: Machine.Role, configure: (inout Machine.Configuration) -> Void = { _ in }
    ) -> Machine {
        var configuration = Machine.Configuration(
            role: role, initialWindowSize: 65_535, connectionWindowSize: 65_535, maxHeaderListSize: 16_384,
            maxResetsPer10Seconds: role == .server ? 1_000 : nil)
        configure(&configuration)
        var machine = Machine(configuration: configuration)
        machine.start()
        _ = machine.takeOutput()
        return machine
    }

    /// A machine whose peer has sent its preface (server) and SETTINGS, acknowledged.
    static func connected(
        _ role: Machine.Role, configure: (inout Machine.Configuration) -> Void = { _ in }
    ) -> (Machine, Peer) {
        var machine = machine(role, configure: configure)
        var peer = Peer(role: role)
        peer.settings()
        _ = peer.feed(&machine)
        _ = machine.takeOutput()
        return (machine, peer)
    }

    /// The other end: writes frames for the machine to read.
    struct Peer {
        var bytes = ByteBuffer()
        var encoder = HPACKEncoder()

        init(role: Machine.Role) {
            if role == .server { bytes.writeBytes(HTTP2Frame.preface) }
        }

        mutating func settings(_ settings: [(HTTP2Setting, UInt32)] = [], ack: Bool = false) {
            if ack {
                HTTP2Frame.writeHeader(into: &bytes, length: 0, type: .settings, flags: HTTP2Flags.ack, streamID: 0)
            } else {
                HTTP2Frame.writeSettings(into: &bytes, settings)
            }
        }

        mutating func headers(
            _ id: UInt32, _ fields: [(name: String, value: String)], endStream: Bool = false, endHeaders: Bool = true
        ) {
            var block: [UInt8] = []
            encoder.encode(fields, into: &block)
            var flags = endHeaders ? HTTP2Flags.endHeaders : 0
            if endStream { flags |= HTTP2Flags.endStream }
            HTTP2Frame.writeHeader(into: &bytes, length: block.count, type: .headers, flags: flags, streamID: id)
            bytes.writeBytes(block)
        }

        mutating func request(_ id: UInt32, endStream: Bool = false) {
            headers(id, [(":method", "POST"), (":scheme", "http"), (":path", "/echo")], endStream: endStream)
        }

        mutating func response(_ id: UInt32, status: String = "200", endStream: Bool = false) {
            headers(id, [(":status", status)], endStream: endStream)
        }

        mutating func frame(_ type: HTTP2FrameType, _ id: UInt32, flags: UInt8 = 0, payload: [UInt8] = []) {
            HTTP2Frame.writeHeader(into: &bytes, length: payload.count, type: type, flags: flags, streamID: id)
            bytes.writeBytes(payload)
        }

        mutating func data(_ id: UInt32, count: Int, endStream: Bool = false) {
            frame(.data, id, flags: endStream ? HTTP2Flags.endStream : 0, payload: Array(repeating: 0x61, count: count))
        }

        mutating func reset(_ id: UInt32, _ code: HTTP2ErrorCode) {
            HTTP2Frame.writeReset(into: &bytes, streamID: id, code: code)
        }

        mutating func windowUpdate(_ id: UInt32, _ increment: Int) {
            HTTP2Frame.writeWindowUpdate(into: &bytes, streamID: id, increment: increment)
        }

        mutating func ping(ack: Bool = false) {
            frame(.ping, 0, flags: ack ? HTTP2Flags.ack : 0, payload: [1, 2, 3, 4, 5, 6, 7, 8])
        }

        /// Has `machine` read everything written so far; the actions, as text.
        mutating func feed(_ machine: inout Machine) -> [String] {
            var actions: [String] = []
            while let action = machine.read(from: &bytes) { actions.append(describe(action)) }
            return actions
        }
    }

    static func describe(_ action: Machine.Action) -> String {
        switch action {
        case .none: "none"
        case .requestReceived(let id, let head, let end): "request \(id) \(head.method) \(head.target) end=\(end)"
        case .responseReceived(_, let id, let head, let end, let closed):
            "response \(id) \(head.status) end=\(end) closed=\(closed)"
        case .data(_, let id, let data, let end, let closed):
            "data \(id) \(data.readableBytes) end=\(end) closed=\(closed)"
        case .trailers(_, let id, let trailers, let closed):
            "trailers \(id) \(trailers.map { "\($0.count)" } ?? "tooLarge") closed=\(closed)"
        case .streamReset(_, let id, let code, _): "reset by peer \(id) \(code)"
        case .streamFailed(_, let id, let code, _): "failed \(id) \(code)"
        case .streamRejected(let id, let code, _): "rejected \(id) \(code)"
        case .streamWindowOpened(_, let id): "window \(id)"
        case .windowsOpened: "windows"
        case .settingsChanged(let grew): "settings grew=\(grew)"
        case .goAwayReceived(let last, let code, _, let unprocessed):
            "goaway \(last) \(code) unprocessed=\(unprocessed.sorted())"
        case .closeConnection(let error): "close \(error.goAwayCode)"
        }
    }

    /// The frames `machine` wrote, as text.
    static func written(_ machine: inout Machine) -> [String] {
        guard var out = machine.takeOutput() else { return [] }
        if out.readableBytesArray.starts(with: HTTP2Frame.preface) {
            out.moveReaderIndex(forwardBy: HTTP2Frame.preface.count)
        }
        var frames: [String] = []
        while let frame = try? HTTP2Frame.read(from: &out, maxFrameSize: 1 << 24) {
            let code = frame.payload.getInteger(at: 0, as: UInt32.self).map { HTTP2ErrorCode(rawValue: $0) }
            switch frame.kind {
            case .settings: frames.append(frame.has(HTTP2Flags.ack) ? "SETTINGS ack" : "SETTINGS")
            case .ping: frames.append(frame.has(HTTP2Flags.ack) ? "PING ack" : "PING")
            case .rstStream: frames.append("RST_STREAM \(frame.streamID) \(code.map { "\($0)" } ?? "")")
            case .windowUpdate: frames.append("WINDOW_UPDATE \(frame.streamID)")
            case .goAway:
                let error = frame.payload.getInteger(at: 4, as: UInt32.self).map { HTTP2ErrorCode(rawValue: $0) }
                frames.append("GOAWAY \(code?.rawValue ?? 0) \(error.map { "\($0)" } ?? "")")
            case .headers:
                frames.append("HEADERS \(frame.streamID)\(frame.has(HTTP2Flags.endStream) ? " end" : "")")
            case .data:
                frames.append(
                    "DATA \(frame.streamID) \(frame.payload.readableBytes)\(frame.has(HTTP2Flags.endStream) ? " end" : "")"
                )
            default: frames.append("\(frame.type)")
            }
        }
        return frames
    }

    // MARK: Connection start

    @Test("the server's first frame from the client must be SETTINGS", arguments: [Machine.Role.server, .client])
    func firstFrameNotSettings(role: Machine.Role) {
        var machine = Self.machine(role)
        var peer = Peer(role: role)
        peer.ping()
        #expect(peer.feed(&machine) == ["close PROTOCOL_ERROR"])
        #expect(Self.written(&machine) == ["GOAWAY 0 PROTOCOL_ERROR"])
        peer.settings()
        #expect(peer.feed(&machine).isEmpty, "nothing is read after a connection error")
    }

    @Test("a bad client preface is a connection error")
    func badPreface() {
        var machine = Self.machine(.server)
        var bytes = ByteBuffer(bytes: Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        let action = machine.read(from: &bytes)
        #expect(action.map(Self.describe) == "close PROTOCOL_ERROR")
    }

    @Test("start writes the preface (client) and SETTINGS, and opens a larger connection window")
    func start() {
        var configuration = Machine.Configuration(
            role: .client, initialWindowSize: 1 << 20, connectionWindowSize: 4 << 20, maxHeaderListSize: 16_384)
        var client = Machine(configuration: configuration)
        client.start()
        let out = client.takeOutput()
        #expect(out?.readableBytesArray.starts(with: HTTP2Frame.preface) == true)
        configuration.role = .server
        var server = Machine(configuration: configuration)
        server.start()
        #expect(Self.written(&server) == ["SETTINGS", "WINDOW_UPDATE 0"])
    }

    @Test("SETTINGS are acknowledged; an ACK is not", arguments: [Machine.Role.server, .client])
    func settingsAck(role: Machine.Role) {
        var machine = Self.machine(role)
        var peer = Peer(role: role)
        peer.settings([(.initialWindowSize, 100_000)])
        #expect(peer.feed(&machine) == ["settings grew=true"])
        #expect(Self.written(&machine) == ["SETTINGS ack"])
        peer.settings(ack: true)
        #expect(peer.feed(&machine) == ["none"])
        #expect(Self.written(&machine).isEmpty)
        #expect(machine.peer.initialWindowSize == 100_000)
    }

    @Test("PING is answered with an ACK; a PING ACK is not", arguments: [Machine.Role.server, .client])
    func pingAck(role: Machine.Role) {
        var (machine, peer) = Self.connected(role)
        peer.ping()
        peer.ping(ack: true)
        #expect(peer.feed(&machine) == ["none", "none"])
        #expect(Self.written(&machine) == ["PING ack"])
    }

    // MARK: Flow control

    @Test("a connection WINDOW_UPDATE past 2^31-1 is FLOW_CONTROL_ERROR", arguments: [Machine.Role.server, .client])
    func connectionWindowOverflow(role: Machine.Role) {
        var (machine, peer) = Self.connected(role)
        peer.windowUpdate(0, 0x7FFF_FFFF)
        #expect(peer.feed(&machine) == ["close FLOW_CONTROL_ERROR"])
    }

    @Test("a stream WINDOW_UPDATE past 2^31-1 resets the stream with FLOW_CONTROL_ERROR")
    func streamWindowOverflow() {
        var (machine, peer) = Self.connected(.server)
        peer.request(1)
        #expect(peer.feed(&machine) == ["request 1 POST /echo end=false"])
        machine.accept(1, streamID: 1, endStream: false)
        peer.windowUpdate(1, 1000)
        peer.windowUpdate(1, 0x7FFF_FFFF)
        #expect(peer.feed(&machine) == ["window 1", "failed 1 FLOW_CONTROL_ERROR"])
        #expect(Self.written(&machine) == ["RST_STREAM 1 FLOW_CONTROL_ERROR"])
        #expect(machine.openStreamCount == 0)
    }

    @Test("DATA beyond the stream window resets the stream; beyond the connection window ends the connection")
    func dataBeyondWindow() {
        var (machine, peer) = Self.connected(.server) {
            $0.initialWindowSize = 100
            $0.connectionWindowSize = 150
        }
        peer.request(1)
        _ = peer.feed(&machine)
        machine.accept(1, streamID: 1, endStream: false)
        peer.data(1, count: 100)
        peer.data(1, count: 1)
        #expect(peer.feed(&machine) == ["data 1 100 end=false closed=false", "failed 1 FLOW_CONTROL_ERROR"])
        #expect(Self.written(&machine) == ["WINDOW_UPDATE 0", "RST_STREAM 1 FLOW_CONTROL_ERROR"])
        peer.request(3)
        _ = peer.feed(&machine)
        machine.accept(3, streamID: 3, endStream: false)
        peer.data(3, count: 200)
        #expect(peer.feed(&machine) == ["close FLOW_CONTROL_ERROR"])
    }

    @Test("the connection window is reopened once half is used; the stream's when the owner asks")
    func windowUpdates() {
        var (machine, peer) = Self.connected(.client)
        let id = machine.openStream(7, fields: [(":method", "GET")], endStream: true)
        _ = machine.takeOutput()
        peer.response(id)
        peer.data(id, count: 16_000)
        peer.data(id, count: 16_000)
        #expect(peer.feed(&machine).count == 3)
        #expect(Self.written(&machine).isEmpty)
        peer.data(id, count: 1_000)
        _ = peer.feed(&machine)
        #expect(Self.written(&machine) == ["WINDOW_UPDATE 0"])
        machine.replenishReceiveWindow(id)
        #expect(Self.written(&machine) == ["WINDOW_UPDATE 1"])
    }

    @Test("DATA waits for the stream window, and goes once a WINDOW_UPDATE opens it")
    func drainWaitsForWindow() {
        var (machine, peer) = Self.connected(.client)
        peer.settings([(.initialWindowSize, 10)])
        _ = peer.feed(&machine)
        _ = machine.takeOutput()
        let id = machine.openStream(1, fields: [(":method", "POST")], endStream: false)
        var queue = HTTP2SendQueue()
        queue.append(ByteBuffer(bytes: Array(repeating: 1, count: 25)))
        queue.finish(trailers: nil)
        #expect("\(machine.drain(&queue, streamID: id) { _ in })" == "blocked")
        #expect(Self.written(&machine) == ["HEADERS 1", "DATA 1 10"])
        peer.windowUpdate(id, 100)
        #expect(peer.feed(&machine) == ["window 1"])
        #expect("\(machine.drain(&queue, streamID: id) { _ in })" == "ended")
        #expect(Self.written(&machine) == ["DATA 1 15 end"])
        #expect(machine.endLocal(id) == .halfClosed)
    }

    // MARK: Header blocks

    @Test("CONTINUATION interleaved with another frame is a connection error")
    func continuationInterleaving() {
        var (machine, peer) = Self.connected(.server)
        peer.headers(1, [(":method", "GET"), (":scheme", "http"), (":path", "/")], endHeaders: false)
        peer.ping()
        #expect(peer.feed(&machine) == ["none", "close PROTOCOL_ERROR"])
    }

    @Test("a header block split over CONTINUATION frames is one request")
    func continuation() {
        var (machine, peer) = Self.connected(.server)
        var block: [UInt8] = []
        peer.encoder.encode([(":method", "GET"), (":scheme", "http"), (":path", "/x")], into: &block)
        peer.frame(.headers, 1, flags: HTTP2Flags.endStream, payload: Array(block.prefix(2)))
        peer.frame(.continuation, 1, flags: HTTP2Flags.endHeaders, payload: Array(block.dropFirst(2)))
        #expect(peer.feed(&machine) == ["none", "request 1 GET /x end=true"])
    }

    @Test("more CONTINUATION frames than allowed is ENHANCE_YOUR_CALM")
    func continuationFlood() {
        var (machine, peer) = Self.connected(.server) { $0.maxContinuationFrames = 3 }
        peer.frame(.headers, 1, payload: [0x82])
        for _ in 0..<4 { peer.frame(.continuation, 1, payload: [0x82]) }
        #expect(peer.feed(&machine).last == "close ENHANCE_YOUR_CALM")
    }

    // MARK: Stream IDs and states

    @Test("a client's even stream ID or reused stream ID is a connection error")
    func streamIDRules() {
        var (machine, peer) = Self.connected(.server)
        peer.request(2)
        #expect(peer.feed(&machine) == ["close PROTOCOL_ERROR"])

        (machine, peer) = Self.connected(.server)
        peer.request(3, endStream: true)
        _ = peer.feed(&machine)
        machine.accept(3, streamID: 3, endStream: true)
        _ = machine.writeHeaders([(":status", "200")], streamID: 3, endStream: true)
        peer.request(3)
        #expect(peer.feed(&machine) == ["close STREAM_CLOSED"])

        (machine, peer) = Self.connected(.server)
        peer.request(5)
        peer.request(3)
        #expect(peer.feed(&machine) == ["request 5 POST /echo end=false", "close PROTOCOL_ERROR"])
    }

    @Test("frames the client sent before our RST_STREAM reached it are ignored, not answered (§5.1)")
    func framesAfterOurReset() {
        var (machine, peer) = Self.connected(.server)
        peer.request(1)
        _ = peer.feed(&machine)
        machine.accept(1, streamID: 1, endStream: false)
        _ = Self.written(&machine)
        // The server answers before the request body is in (§8.1): END_STREAM, then RST_STREAM NO_ERROR.
        #expect(machine.writeHeaders([(":status", "400")], streamID: 1, endStream: true) == .closedWithReset)
        #expect(Self.written(&machine) == ["HEADERS 1 end", "RST_STREAM 1 NO_ERROR"])
        // The body and trailers already in flight: no STREAM_CLOSED, no connection error.
        peer.data(1, count: 10)
        peer.headers(1, [("x-checksum", "1")], endStream: true)
        #expect(peer.feed(&machine) == ["none", "none"])
        #expect(Self.written(&machine) == [])
        // A stream the server never reset and that the client already ended is still STREAM_CLOSED.
        peer.request(3, endStream: true)
        _ = peer.feed(&machine)
        machine.accept(3, streamID: 3, endStream: true)
        _ = machine.writeHeaders([(":status", "200")], streamID: 3, endStream: true)
        _ = Self.written(&machine)
        peer.data(3, count: 1)
        #expect(peer.feed(&machine) == ["rejected 3 STREAM_CLOSED"])
    }

    @Test("the last streams reset are remembered, the oldest forgotten first")
    func recentStreamIDs() {
        var recent = RecentStreamIDs()
        for id in stride(from: UInt32(1), through: 65, by: 2) { recent.insert(id) }
        #expect(!recent.contains(1))
        #expect(recent.contains(3))
        #expect(recent.contains(65))
        #expect(!recent.contains(67))
    }

    @Test("the client's streams get odd IDs; a server frame on a stream it never saw is a connection error")
    func clientStreamIDs() {
        var (machine, peer) = Self.connected(.client)
        #expect(machine.openStream(1, fields: [], endStream: true) == 1)
        #expect(machine.openStream(2, fields: [], endStream: true) == 3)
        peer.response(5)
        #expect(peer.feed(&machine) == ["close PROTOCOL_ERROR"])
    }

    @Test("RST_STREAM on an idle stream is a connection error", arguments: [Machine.Role.server, .client])
    func resetIdle(role: Machine.Role) {
        var (machine, peer) = Self.connected(role)
        peer.reset(9, .cancel)
        #expect(peer.feed(&machine) == ["close PROTOCOL_ERROR"])
    }

    @Test("RST_STREAM closes an open stream")
    func resetOpen() {
        var (machine, peer) = Self.connected(.server)
        peer.request(1)
        _ = peer.feed(&machine)
        machine.accept(1, streamID: 1, endStream: false)
        peer.reset(1, .cancel)
        peer.data(1, count: 5)
        #expect(peer.feed(&machine) == ["reset by peer 1 CANCEL", "rejected 1 STREAM_CLOSED"])
    }

    @Test("HEADERS on a half-closed (remote) stream resets it with STREAM_CLOSED")
    func headersOnHalfClosed() {
        var (machine, peer) = Self.connected(.server)
        peer.request(1, endStream: true)
        _ = peer.feed(&machine)
        machine.accept(1, streamID: 1, endStream: true)
        peer.headers(1, [("x", "y")], endStream: true)
        #expect(peer.feed(&machine) == ["failed 1 STREAM_CLOSED"])
    }

    // MARK: Limits

    @Test("streams over MAX_CONCURRENT_STREAMS are refused with REFUSED_STREAM (server)")
    func refusedOverLimit() {
        var (machine, peer) = Self.connected(.server) { $0.maxConcurrentStreams = 1 }
        peer.request(1)
        peer.request(3)
        #expect(peer.feed(&machine) == ["request 1 POST /echo end=false", "request 3 POST /echo end=false"])
        machine.accept(1, streamID: 1, endStream: false)
        peer.request(5)
        #expect(peer.feed(&machine) == ["rejected 5 REFUSED_STREAM"])
        #expect(Self.written(&machine) == ["RST_STREAM 5 REFUSED_STREAM"])
    }

    @Test("the client opens no stream past the server's MAX_CONCURRENT_STREAMS, nor after GOAWAY")
    func clientStreamLimit() {
        var machine = Self.machine(.client)
        var peer = Peer(role: .client)
        peer.settings([(.maxConcurrentStreams, 1)])
        _ = peer.feed(&machine)
        #expect(machine.canOpenStream)
        _ = machine.openStream(1, fields: [], endStream: false)
        #expect(!machine.canOpenStream)
        _ = machine.resetStream(1, code: .cancel)
        #expect(machine.canOpenStream)
        machine.goAway(.noError, "bye")
        #expect(!machine.canOpenStream)
    }

    @Test("a SETTINGS or PING flood is ENHANCE_YOUR_CALM; real traffic between them is not a flood")
    func controlFrameFlood() {
        var (machine, peer) = Self.connected(.server) { $0.maxControlFramesPer10Seconds = 5 }
        for _ in 0..<4 { peer.ping() }
        peer.request(1, endStream: true)
        for _ in 0..<5 { peer.ping() }
        #expect(!peer.feed(&machine).contains { $0.hasPrefix("close") })
        peer.ping()
        #expect(peer.feed(&machine) == ["close ENHANCE_YOUR_CALM"])
    }

    @Test("rapid reset: past the limit the stream is reset, then the connection ends")
    func rapidReset() {
        var (machine, peer) = Self.connected(.server) { $0.maxResetsPer10Seconds = 2 }
        for id in stride(from: UInt32(1), through: 5, by: 2) {
            peer.request(id)
            peer.reset(id, .cancel)
        }
        let actions = peer.feed(&machine).filter { $0 != "none" && !$0.hasPrefix("request") }
        #expect(actions == ["close ENHANCE_YOUR_CALM"])

        (machine, peer) = Self.connected(.server) { $0.maxResetsPer10Seconds = 0 }
        peer.request(1)
        _ = peer.feed(&machine)
        machine.accept(1, streamID: 1, endStream: false)
        peer.reset(1, .cancel)
        #expect(peer.feed(&machine) == ["reset by peer 1 CANCEL", "close ENHANCE_YOUR_CALM"])
    }

    // MARK: GOAWAY

    @Test("GOAWAY received: our streams above its last stream ID are closed as unprocessed")
    func goAwayReceived() {
        var (machine, peer) = Self.connected(.client)
        _ = machine.openStream(10, fields: [], endStream: true)
        _ = machine.openStream(30, fields: [], endStream: true)
        _ = machine.openStream(50, fields: [], endStream: true)
        var payload = ByteBuffer()
        payload.writeInteger(UInt32(3))
        payload.writeInteger(HTTP2ErrorCode.noError.rawValue)
        peer.frame(.goAway, 0, payload: payload.readableBytesArray)
        #expect(peer.feed(&machine) == ["goaway 3 NO_ERROR unprocessed=[50]"])
        #expect(machine.openStreamCount == 2)
        #expect(!machine.canOpenStream)
    }

    @Test("GOAWAY sent carries the last stream the client opened; after it new streams are refused")
    func goAwaySent() {
        var (machine, peer) = Self.connected(.server)
        peer.request(1, endStream: true)
        _ = peer.feed(&machine)
        machine.accept(1, streamID: 1, endStream: true)
        machine.goAway(.noError, "shutting down")
        #expect(Self.written(&machine) == ["GOAWAY 1 NO_ERROR"])
        peer.request(3)
        #expect(peer.feed(&machine) == ["rejected 3 REFUSED_STREAM"])
        machine.goAway(.noError, "again")
        #expect(Self.written(&machine) == ["RST_STREAM 3 REFUSED_STREAM"], "GOAWAY goes out once")
    }

    // MARK: END_STREAM and trailers

    @Test("server: request trailers end the client's side; the response's END_STREAM closes the stream")
    func serverTrailers() {
        var (machine, peer) = Self.connected(.server)
        peer.request(1)
        peer.data(1, count: 3)
        _ = peer.feed(&machine)
        machine.accept(1, streamID: 1, endStream: false)
        peer.data(1, count: 3)
        peer.headers(1, [("grpc-status", "0")], endStream: true)
        #expect(peer.feed(&machine) == ["data 1 3 end=false closed=false", "trailers 1 1 closed=false"])
        #expect(machine.writeHeaders([(":status", "200")], streamID: 1, endStream: true) == .closed)
        #expect(machine.openStreamCount == 0)
    }

    @Test("server: trailers without END_STREAM are a connection error")
    func trailersWithoutEnd() {
        var (machine, peer) = Self.connected(.server)
        peer.request(1)
        _ = peer.feed(&machine)
        machine.accept(1, streamID: 1, endStream: false)
        peer.headers(1, [("x", "y")])
        #expect(peer.feed(&machine) == ["close PROTOCOL_ERROR"])
    }

    @Test("server: answering before the request ended resets it with NO_ERROR (RFC 9113 §8.1)")
    func serverEndsFirst() {
        var (machine, peer) = Self.connected(.server)
        peer.request(1)
        _ = peer.feed(&machine)
        machine.accept(1, streamID: 1, endStream: false)
        #expect(machine.writeHeaders([(":status", "200")], streamID: 1, endStream: true) == .closedWithReset)
        #expect(Self.written(&machine) == ["HEADERS 1 end", "RST_STREAM 1 NO_ERROR"])
        // DATA the client sent before the reset reached it is ignored (§5.1), not answered.
        peer.data(1, count: 1)
        #expect(peer.feed(&machine) == ["none"])
        #expect(Self.written(&machine) == [])
    }

    @Test("client: interim heads are skipped; head, DATA and trailers end the server's side")
    func clientResponse() {
        var (machine, peer) = Self.connected(.client)
        let id = machine.openStream(1, fields: [(":method", "GET")], endStream: true)
        peer.response(id, status: "100")
        peer.headers(id, [(":status", "200"), ("content-length", "4")])
        peer.data(id, count: 4)
        peer.headers(id, [("grpc-status", "0")], endStream: true)
        #expect(
            peer.feed(&machine) == [
                "none", "response 1 200 end=false closed=false", "data 1 4 end=false closed=false",
                "trailers 1 1 closed=true",
            ])
        #expect(machine.openStreamCount == 0)
    }

    @Test("client: a head-only response with END_STREAM while the request is open half-closes the stream")
    func clientHeadOnly() {
        var (machine, peer) = Self.connected(.client)
        let id = machine.openStream(1, fields: [(":method", "POST")], endStream: false)
        peer.response(id, endStream: true)
        #expect(peer.feed(&machine) == ["response 1 200 end=true closed=false"])
        #expect(machine.endLocal(id) == .closed)
    }

    @Test("client: malformed heads, trailers and content-length mismatches reset the stream")
    func clientMalformed() {
        var (machine, peer) = Self.connected(.client)
        let a = machine.openStream(1, fields: [], endStream: true)
        let b = machine.openStream(2, fields: [], endStream: true)
        let c = machine.openStream(3, fields: [], endStream: true)
        peer.headers(a, [("x", "y")])
        peer.headers(b, [(":status", "200")])
        peer.headers(b, [(":path", "/")], endStream: true)
        peer.headers(c, [(":status", "200"), ("content-length", "2")])
        peer.data(c, count: 1, endStream: true)
        #expect(
            peer.feed(&machine) == [
                "failed 1 PROTOCOL_ERROR", "response 3 200 end=false closed=false", "failed 3 PROTOCOL_ERROR",
                "response 5 200 end=false closed=false", "failed 5 PROTOCOL_ERROR",
            ])
    }

    @Test("client: DATA before the response head resets the stream; PUSH_PROMISE ends the connection")
    func clientDataBeforeHead() {
        var (machine, peer) = Self.connected(.client)
        let id = machine.openStream(1, fields: [], endStream: true)
        peer.data(id, count: 1)
        peer.frame(.pushPromise, id, flags: HTTP2Flags.endHeaders, payload: [0, 0, 0, 2])
        #expect(peer.feed(&machine) == ["failed 1 PROTOCOL_ERROR", "close PROTOCOL_ERROR"])
    }
}
