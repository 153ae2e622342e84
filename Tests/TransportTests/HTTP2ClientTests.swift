import Bytes
import Foundation
import Synchronization
import Testing

@testable import Transport

/// Deterministic bytes (`i % 251`), so a corrupted or reordered byte shows.
func patternBytes(_ count: Int, offset: Int = 0) -> ByteBuffer {
    var buffer = ByteBuffer(capacity: count)
    var position = offset % 251
    var left = count
    while left > 0 {  // whole runs of the 251-byte cycle: fast even in a debug build
        let run = min(left, 251 - position)
        buffer.writeBytes(patternCycle[position..<(position + run)])
        left -= run
        position = 0
    }
    return buffer
}

private let patternCycle: [UInt8] = (0..<251).map { UInt8($0) }

/// An h2c client on its own loops, shut down by `body`'s end.
func withHTTP2Client<T>(
    _ configure: (inout HTTPClient.Configuration) -> Void = { _ in },
    _ body: (HTTPClient) async throws -> T
) async throws -> T {
    let group = try EventLoopGroup(loopCount: 1)
    defer { group.shutdown() }
    var configuration = HTTPClient.Configuration()
    configuration.version = .http2PriorKnowledge
    configure(&configuration)
    let client = HTTPClient(configuration: configuration, group: group)
    defer { client.shutdown() }
    return try await body(client)
}

@Suite("HTTP/2 client against our server")
struct HTTP2ClientTests {
    /// Echoes the body; `/slow` waits; `/trailers` answers with trailers naming the request's.
    static let handler: @Sendable (HTTPRequest, HTTPResponseWriter) async throws -> Void = { request, response in
        switch request.head.path {
        case "/slow":
            try await Task.sleep(for: .milliseconds(300))
            try await response.respond(status: 200, body: ByteBuffer(string: "slow"))
        case "/very-slow":
            // Far longer than any stall of a loaded test run: only the client's timeout ends it
            // (the reset cancels this handler).
            try await Task.sleep(for: .seconds(60))
            try await response.respond(status: 200)
        case "/trailers":
            let body = try await request.body.collect(upTo: 1 << 20)
            try await response.writeHead(HTTPResponseHead(status: 200, headers: ["content-type": "text/plain"]))
            try await response.write(body)
            let seen = request.body.trailers?["x-request-trailer"] ?? "none"
            try await response.finish(trailers: ["grpc-status": "0", "x-seen": seen])
        case "/only-head":
            try await response.respond(status: 204, headers: ["grpc-status": "5"])
        case "/stream":
            // Echoes each request chunk as it arrives: a bidirectional stream.
            try await response.writeHead(HTTPResponseHead(status: 200))
            for try await chunk in request.body { try await response.write(chunk) }
            try await response.finish()
        case "/fail-after-head":
            try await response.writeHead(HTTPResponseHead(status: 200))
            try await response.write(ByteBuffer(string: "partial"))
            struct Broken: Error {}
            throw Broken()
        default:
            let body = try await request.body.collect(upTo: 64 << 20)
            try await response.respond(
                status: 200, headers: ["x-method": request.head.method, "x-path": request.head.target], body: body)
        }
    }

    @Test("200 concurrent requests share one connection as streams, each gets its own answer")
    func concurrentStreams() async throws {
        try await withTestServer(handler: Self.handler) { server in
            let observer = ConnectionCountingObserver()
            try await withHTTP2Client({ $0.observer = observer }) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<200 {
                        group.addTask {
                            let response = try await client.execute(
                                HTTPClientRequest(
                                    method: "POST", address: server.address, target: "/echo/\(index)",
                                    body: ByteBuffer(string: "body \(index)")))
                            #expect(response.status == 200)
                            #expect(response.headers["x-path"] == "/echo/\(index)")
                            #expect(
                                String(decoding: response.body.readableBytesArray, as: UTF8.self) == "body \(index)")
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(observer.opened.load(ordering: .relaxed) == 1, "one connection carried every stream")
                let get = try await client.execute(HTTPClientRequest(address: server.address, target: "/get"))
                #expect(get.headers["x-method"] == "GET")
                #expect(get.body.readableBytes == 0)
            }
        }
    }

    @Test("8 MiB each way through 64 KiB windows: flow control in both directions, every byte in order")
    func largeBodies() async throws {
        try await withTestServer(handler: Self.handler) { server in
            try await withHTTP2Client({ $0.http2.initialWindowSize = 65_535 }) { client in
                let body = patternBytes(8 << 20)
                let response = try await client.execute(
                    HTTPClientRequest(method: "POST", address: server.address, target: "/echo", body: body))
                #expect(response.status == 200)
                #expect(response.body.readableBytes == body.readableBytes)
                #expect(response.body == body)
            }
        }
    }

    @Test("a bidirectional stream: each chunk written comes back before the next is sent")
    func bidirectional() async throws {
        try await withTestServer(handler: Self.handler) { server in
            try await withClientConnection(to: server) { connection in
                let stream = try await connection.openStream(
                    HTTPRequestHead(method: "POST", target: "/stream", version: .http2))
                let response = try await stream.response()
                #expect(response.status == 200)
                var iterator = response.body.makeAsyncIterator()
                for round in 0..<20 {
                    try await stream.write(ByteBuffer(string: "ping \(round)"))
                    let echoed = try await iterator.next()
                    #expect(echoed.map { String(decoding: $0.readableBytesArray, as: UTF8.self) } == "ping \(round)")
                }
                try await stream.finish()
                #expect(try await iterator.next() == nil)
                connection.close()
                let reason = await connection.closed()
                #expect(reason == nil, "a graceful close reports no error: \(String(describing: reason))")
            }
        }
    }

    @Test("HTTPClient.stream with a streamed body over h2c: the response streams back while the body goes out")
    func clientStreaming() async throws {
        try await withTestServer(handler: Self.handler) { server in
            try await withHTTP2Client { client in
                let (chunks, producer) = AsyncStream.makeStream(of: ByteBuffer.self)
                var request = HTTPClientRequest(method: "POST", address: server.address, target: "/stream")
                request.streamingBody = { writer in
                    for await chunk in chunks { try await writer.write(chunk) }
                }
                let response = try await client.stream(request)
                var iterator = response.body.makeAsyncIterator()
                for round in 0..<10 {
                    producer.yield(ByteBuffer(string: "message \(round)"))
                    let echoed = try await iterator.next()
                    #expect(echoed == ByteBuffer(string: "message \(round)"))
                }
                producer.finish()
                #expect(try await iterator.next() == nil)
            }
        }
    }

    @Test("trailers both ways, and a head-only (trailers-only) response")
    func trailers() async throws {
        try await withTestServer(handler: Self.handler) { server in
            try await withClientConnection(to: server) { connection in
                let stream = try await connection.openStream(
                    HTTPRequestHead(method: "POST", target: "/trailers", version: .http2))
                try await stream.write(ByteBuffer(string: "payload"))
                try await stream.finish(trailers: ["x-request-trailer": "sent"])
                let response = try await stream.response()
                let body = try await response.body.collect(upTo: 1024)
                #expect(String(decoding: body.readableBytesArray, as: UTF8.self) == "payload")
                #expect(response.body.trailers?["grpc-status"] == "0")
                #expect(response.body.trailers?["x-seen"] == "sent", "the server saw the request's trailers")

                let only = try await connection.openStream(
                    HTTPRequestHead(method: "GET", target: "/only-head", version: .http2), endStream: true)
                let head = try await only.response()
                #expect(head.status == 204)
                #expect(head.headers["grpc-status"] == "5")
                #expect(try await head.body.collect(upTo: 10).readableBytes == 0)
                connection.close()
            }
        }
    }

    @Test("cancel resets the stream: the handler's body read fails, the connection serves on")
    func cancel() async throws {
        let sawFailure = Recorder<String>()
        try await withTestServer(handler: { request, response in
            do {
                _ = try await request.body.collect(upTo: 1 << 20)
                try await response.respond(status: 200)
            } catch {
                sawFailure.record("\(error)")
            }
        }) { server in
            try await withClientConnection(to: server) { connection in
                let stream = try await connection.openStream(
                    HTTPRequestHead(method: "POST", target: "/", version: .http2))
                try await stream.write(ByteBuffer(string: "part of a body"))
                stream.cancel()
                await #expect {
                    _ = try await stream.response()
                } throws: { ($0 as? HTTPClientError)?.code == .cancelled }
                await #expect {
                    try await stream.write(ByteBuffer(string: "more"))
                } throws: { ($0 as? HTTPClientError)?.code == .cancelled }
                let failures = try await sawFailure.wait()
                #expect(failures.first?.contains("reset") == true, "the handler learnt of the reset: \(failures)")
                let next = try await connection.openStream(
                    HTTPRequestHead(method: "POST", target: "/", version: .http2), endStream: true)
                #expect(try await next.response().status == 200)
                connection.close()
            }
        }
    }

    @Test("a handler that fails after its head: the client's body read fails with the server's RST code")
    func serverReset() async throws {
        try await withTestServer(handler: Self.handler) { server in
            try await withClientConnection(to: server) { connection in
                let stream = try await connection.openStream(
                    HTTPRequestHead(method: "GET", target: "/fail-after-head", version: .http2), endStream: true)
                let response = try await stream.response()
                #expect(response.status == 200)
                await #expect {
                    _ = try await response.body.collect(upTo: 1024)
                } throws: { error in
                    let error = error as? HTTPClientError
                    return error?.code == .streamReset && error?.http2Code == .internalError
                }
                connection.close()
            }
        }
    }

    @Test("streams beyond the server's MAX_CONCURRENT_STREAMS wait their turn; none is refused")
    func concurrencyLimit() async throws {
        let open = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        var limits = HTTP2ServerLimits()
        limits.maxConcurrentStreams = 2
        try await withTestServer(
            http2: limits,
            handler: { _, response in
                let now = open.add(1, ordering: .relaxed).newValue
                most.max(now, ordering: .relaxed)
                try await Task.sleep(for: .milliseconds(30))
                open.subtract(1, ordering: .relaxed)
                try await response.respond(status: 200)
            }
        ) { server in
            try await withClientConnection(to: server) { connection in
                let head = HTTPRequestHead(method: "GET", target: "/", version: .http2)
                // The first exchange lets the client learn the server's settings.
                _ = try await connection.openStream(head, endStream: true).response()
                try await withThrowingTaskGroup(of: Int.self) { tasks in
                    for _ in 0..<12 {
                        tasks.addTask { try await connection.openStream(head, endStream: true).response().status }
                    }
                    for try await status in tasks { #expect(status == 200) }
                }
                #expect(most.load(ordering: .relaxed) <= 2)
                connection.close()
            }
        }
    }

    @Test("request timeout resets the slow stream; the same connection serves the next request")
    func requestTimeout() async throws {
        try await withTestServer(handler: Self.handler) { server in
            let observer = ConnectionCountingObserver()
            try await withHTTP2Client({
                $0.requestTimeout = .milliseconds(100)
                $0.observer = observer
            }) { client in
                await #expect {
                    _ = try await client.execute(HTTPClientRequest(address: server.address, target: "/very-slow"))
                } throws: { ($0 as? HTTPClientError)?.code == .requestTimeout }
                let next = try await client.execute(HTTPClientRequest(address: server.address, target: "/fast"))
                #expect(next.status == 200)
                #expect(observer.opened.load(ordering: .relaxed) == 1)
            }
        }
    }

    @Test("a response over maxResponseBytes fails with responseTooLarge")
    func responseTooLarge() async throws {
        _ = try await withTestServer(handler: Self.handler) { server in
            try await withHTTP2Client({ $0.maxResponseBytes = 1000 }) { client in
                await #expect {
                    _ = try await client.execute(
                        HTTPClientRequest(
                            method: "POST", address: server.address, target: "/echo", body: patternBytes(5000)))
                } throws: { ($0 as? HTTPClientError)?.code == .responseTooLarge }
            }
        }
    }

    @Test("graceful server shutdown: the stream in flight completes after GOAWAY; then connects fail")
    func serverShutdown() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let arrived = Recorder<String>()
        let server = HTTPServer(
            configuration: .init(),
            handler: ClosureHandler { request, response in
                arrived.record(request.head.target)
                try await Self.handler(request, response)
            }, group: group)
        let address = try await server.start()
        try await withHTTP2Client { client in
            async let slow = client.execute(HTTPClientRequest(address: address, target: "/slow"))
            _ = try await arrived.wait()
            await server.shutdown(gracePeriod: testPatience)
            let response = try await slow
            #expect(response.status == 200)
            #expect(String(decoding: response.body.readableBytesArray, as: UTF8.self) == "slow")
            await #expect {
                _ = try await client.execute(HTTPClientRequest(address: address, target: "/"))
            } throws: { ($0 as? HTTPClientError)?.code == .connectFailed }
        }
    }

    @Test("keepalive: a server that answers the PINGs keeps a quiet stream's connection open past the timeout")
    func keepaliveAnswered() async throws {
        try await withTestServer(handler: { _, response in
            try await Task.sleep(for: .seconds(4))
            try await response.respond(status: 200, body: ByteBuffer(string: "late"))
        }) { server in
            let group = try EventLoopGroup(loopCount: 1)
            defer { group.shutdown() }
            var configuration = HTTP2ClientConnection.Configuration()
            // A PING every 50 ms of quiet: had the answers gone unseen, the connection would
            // close 3 s after the first.
            configuration.keepalive = HTTP2Keepalive(interval: .milliseconds(50), timeout: .seconds(3))
            let connection = try await HTTP2ClientConnection.connect(
                to: server.address, loop: group.next(), configuration: configuration)
            let stream = try await connection.openStream(
                HTTPRequestHead(method: "GET", target: "/", version: .http2), endStream: true)
            #expect(try await stream.response().body.collect(upTo: 100) == ByteBuffer(string: "late"))
            connection.close()
            #expect(await connection.closed() == nil)
        }
    }

    @Test("the connection closes itself after idleTimeout without streams, not while one is open")
    func idleTimeout() async throws {
        try await withTestServer(handler: Self.handler) { server in
            let group = try EventLoopGroup(loopCount: 1)
            defer { group.shutdown() }
            var configuration = HTTP2ClientConnection.Configuration()
            configuration.idleTimeout = .milliseconds(200)
            let started = ContinuousClock.now
            let connection = try await HTTP2ClientConnection.connect(
                to: server.address, loop: group.next(), configuration: configuration)
            // The idle timer runs from the preface, so a loaded machine may get here after it
            // fired; then there is no stream to keep the connection open, and that is the test.
            if let stream = try? await connection.openStream(
                HTTPRequestHead(method: "GET", target: "/slow", version: .http2), endStream: true)
            {
                // "/slow" answers after 300 ms, longer than the idle timeout.
                #expect(try await stream.response().body.collect(upTo: 100) == ByteBuffer(string: "slow"))
            }
            #expect(await connection.closed() == nil)
            #expect(ContinuousClock.now - started >= .milliseconds(200))
            #expect(!connection.isAvailable)
            await #expect {
                _ = try await connection.openStream(HTTPRequestHead(method: "GET", target: "/", version: .http2))
            } throws: { ($0 as? HTTPClientError)?.code == .connectionClosed }
            try await server.waitUntilNoConnections()
        }
    }
}

@Suite("HTTP/2 server against a peer that stops reading")
struct HTTP2StallTests {
    @Test("a response stuck on a zero window is reset (CANCEL) after stalledWindowTimeout; the handler's write fails")
    func zeroWindowStall() async throws {
        var limits = HTTP2ServerLimits()
        limits.stalledWindowTimeout = .milliseconds(300)
        let handlerError = Recorder<String>()
        try await withTestServer(
            http2: limits,
            handler: { _, response in
                do {
                    try await response.writeHead(HTTPResponseHead(status: 200))
                    // Far more than the server may queue for one stream: the writer must wait.
                    for _ in 0..<64 { try await response.write(patternBytes(64 << 10)) }
                    try await response.finish()
                    handlerError.record("finished")
                } catch {
                    handlerError.record("\(error)")
                }
            }
        ) { server in
            let group = try EventLoopGroup(loopCount: 1)
            defer { group.shutdown() }
            // A peer that never opens its window: INITIAL_WINDOW_SIZE 0 and nothing consumed.
            var configuration = HTTP2ClientConnection.Configuration()
            configuration.initialWindowSize = 0
            let connection = try await HTTP2ClientConnection.connect(
                to: server.address, loop: group.next(), configuration: configuration)
            let started = ContinuousClock.now
            let stream = try await connection.openStream(
                HTTPRequestHead(method: "GET", target: "/", version: .http2), endStream: true)
            let response = try await stream.response()
            #expect(response.status == 200, "HEADERS are not flow-controlled")
            await #expect {
                _ = try await response.body.collect(upTo: 8 << 20)
            } throws: { error in
                let error = error as? HTTPClientError
                return error?.code == .streamReset && error?.http2Code == .cancel
            }
            let waited = ContinuousClock.now - started
            // Without the timeout the stream would stay stuck for good.
            #expect(waited >= .milliseconds(250) && waited < testPatience, "reset after about 300 ms, not \(waited)")
            let outcome = try await handlerError.wait()
            #expect(outcome.first?.contains("reset") == true, "the handler's write failed: \(outcome)")
            connection.close()
        }
    }

    @Test("server keepalive: a client that goes silent (not even answering PINGs) is cut off; its handler's read fails")
    func silentClient() async throws {
        var limits = HTTP2ServerLimits()
        limits.keepalive = HTTP2Keepalive(interval: .milliseconds(100), timeout: .milliseconds(200))
        let failures = Recorder<String>()
        try await withTestServer(
            http2: limits,
            handler: { request, _ in
                do {
                    _ = try await request.body.collect(upTo: 1000)
                    failures.record("the body ended")
                } catch {
                    failures.record("\(error)")
                }
            }
        ) { server in
            // A raw client: the preface, SETTINGS and a request whose body never comes; then
            // it reads without answering anything until the server closes.
            let received = try await onBlockingThread { () throws -> [UInt8] in
                var out = ByteBuffer()
                out.writeBytes(HTTP2Frame.preface)
                HTTP2Frame.writeHeader(into: &out, length: 0, type: .settings, flags: 0, streamID: 0)
                var block: [UInt8] = []
                var encoder = HPACKEncoder()
                encoder.encode(
                    [(":method", "POST"), (":scheme", "http"), (":path", "/"), (":authority", "a")], into: &block)
                HTTP2Frame.writeHeader(
                    into: &out, length: block.count, type: .headers, flags: HTTP2Flags.endHeaders, streamID: 1)
                out.writeBytes(block)
                let client = try RawHTTPClient(port: server.port)
                try client.send(out.readableBytesArray)
                return try client.readUntilClose()
            }
            var input = ByteBuffer(bytes: received)
            var types: [HTTP2FrameType?] = []
            while let frame = try HTTP2Frame.read(from: &input, maxFrameSize: 1 << 20) { types.append(frame.kind) }
            #expect(types.contains(.ping), "the server pinged: \(types)")
            let outcome = try await failures.wait()
            #expect(outcome.first?.contains("keepalive") == true, "\(outcome)")
        }
    }
}

@Suite("A response larger than the socket takes")
struct LargeResponseReturnTests {
    @Test(
        "respond() returns once the response is queued, though the connection was backed up (HTTP/1.1 and h2c)",
        arguments: [HTTPClient.Configuration.Version.http1_1, .http2PriorKnowledge])
    func respondReturns(_ version: HTTPClient.Configuration.Version) async throws {
        let returned = Recorder<String>()
        let size = 24 << 20  // more than loopback's socket buffers hold
        try await withTestServer(handler: { _, response in
            // Far more than the connection's 256 KiB high-water mark, all within the client's
            // windows: the response is queued whole and done, while the socket is backed up.
            try await response.respond(status: 200, body: patternBytes(size))
            returned.record("returned")
        }) { server in
            try await withHTTP2Client({
                $0.version = version
                $0.http2.initialWindowSize = 32 << 20
                $0.http2.connectionWindowSize = 32 << 20
            }) { client in
                let response = try await client.execute(HTTPClientRequest(address: server.address, target: "/"))
                #expect(response.body.readableBytes == size)
                #expect(try await returned.wait(timeout: .seconds(3)) == ["returned"])
            }
        }
    }

    @Test(
        "a reader that pauses while the server shuts down still gets the whole response",
        arguments: [HTTPClient.Configuration.Version.http1_1, .http2PriorKnowledge])
    func slowReaderOutlivesShutdown(_ version: HTTPClient.Configuration.Version) async throws {
        let size = 24 << 20
        try await withTestServer(handler: { _, response in
            try await response.respond(status: 200, body: patternBytes(size))
        }) { server in
            try await withHTTP2Client({
                $0.version = version
                $0.http2.initialWindowSize = 32 << 20
                $0.http2.connectionWindowSize = 32 << 20
            }) { client in
                let response = try await client.stream(HTTPClientRequest(address: server.address, target: "/"))
                // The handler is done and the server shutting down (its connection idle, the same
                // path as the idle timeout) while most of the body still waits in its queue.
                async let stopped: Void = server.server.shutdown(gracePeriod: .seconds(20))
                try await Task.sleep(for: .milliseconds(500))
                let body = try await response.body.collect(upTo: size)
                #expect(body.readableBytes == size)
                await stopped
            }
        }
    }
}

@Suite("Closing against a reader that stopped")
struct DrainWatchdogTests {
    @Test("a reader that stops reading cannot hold a closing connection open: it closes after the drain stall timeout")
    func stalledReaderIsDropped() async throws {
        try await withTestServer(handler: { _, response in
            try await response.respond(status: 200, body: patternBytes(24 << 20))
        }) { server in
            let client = try RawHTTPClient(port: server.port, timeout: .seconds(30))
            defer { client.close() }
            try client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            _ = try await onBlockingThread { [client = SendableBox(client)] in try client.value.readHead() }
            // The client reads nothing more. Shutting down waits for the response to drain, but
            // only while the reader makes progress.
            let started = ContinuousClock.now
            await server.server.shutdown(gracePeriod: .seconds(60))
            let waited = ContinuousClock.now - started
            #expect(waited >= Connection.drainStallTimeout - .seconds(1), "it waited for progress (\(waited))")
            #expect(waited < Connection.drainStallTimeout * 2 + .seconds(5), "then gave up (\(waited))")
        }
    }
}
