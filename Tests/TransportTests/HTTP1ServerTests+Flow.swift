import Bytes
import Glibc
import Synchronization
import Testing

@testable import Transport

/// Checks a stream of bytes against `pattern` repeated, piece by piece, without keeping it.
struct PatternCheck {
    let pattern: [UInt8]
    private(set) var position = 0
    private(set) var mismatchAt: Int?

    init(pattern: [UInt8]) {
        self.pattern = pattern
    }

    mutating func check(_ piece: [UInt8]) {
        var offset = 0
        while offset < piece.count {
            let start = position % pattern.count
            let count = min(pattern.count - start, piece.count - offset)
            let equal = piece.withUnsafeBytes { received in
                pattern.withUnsafeBytes { expected in
                    guard let received = received.baseAddress, let expected = expected.baseAddress else { return false }
                    return memcmp(received + offset, expected + start, count) == 0
                }
            }
            if !equal && mismatchAt == nil { mismatchAt = position }
            offset += count
            position += count
        }
    }
}

extension HTTP1ServerTests {
    static let chunkPattern = (0..<(64 * 1024)).map { UInt8(truncatingIfNeeded: $0 % 251) }

    @Test("streams 32 MiB to a slow reader: the handler waits for it, every byte arrives")
    func largeResponseToSlowReader() async throws {
        let total = 32 << 20
        let written = Counter()
        let handler: @Sendable (HTTPRequest, HTTPResponseWriter) async throws -> Void = { request, response in
            guard request.head.path == "/big" else { return try await TestRoutes.handle(request, response) }
            let chunk = ByteBuffer(bytes: Self.chunkPattern)
            try await response.writeHead(HTTPResponseHead(status: 200, headers: ["content-length": "\(total)"]))
            for _ in 0..<(total / chunk.readableBytes) {
                try await response.write(chunk)
                written.add(chunk.readableBytes)
            }
            try await response.finish()
        }
        try await withTestServer(handler: handler) { server in
            let (head, check, writtenWhileAsleep, next) = try await onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                client.setReceiveBuffer(256 * 1024)
                try client.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n")
                usleep(300_000)
                let writtenWhileAsleep = written.value
                let head = try client.readHead()
                var check = PatternCheck(pattern: Self.chunkPattern)
                var pauses = 0
                try client.readStreaming(total) { piece in
                    check.check(piece)
                    if check.position >= (pauses + 1) * (8 << 20) {
                        pauses += 1
                        usleep(50_000)
                    }
                }
                // The connection is still in step for the next request.
                try client.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
                return (head, check, writtenWhileAsleep, try client.readResponse())
            }
            #expect(head.status == 200)
            #expect(head.header("content-length") == "\(total)")
            #expect(check.position == total)
            #expect(check.mismatchAt == nil)
            #expect(writtenWhileAsleep < 8 << 20, "the handler waited for the reader (\(writtenWhileAsleep) bytes)")
            #expect(written.value == total)
            #expect(next.bodyText == "hello\n")
        }
    }

    @Test("a 20 MiB upload to a handler that reads slowly arrives whole (request-body backpressure)")
    func largeUploadToSlowHandler() async throws {
        let total = 20 << 20
        let handler: @Sendable (HTTPRequest, HTTPResponseWriter) async throws -> Void = { request, response in
            var count = 0
            var chunks = 0
            for try await chunk in request.body {
                count += chunk.readableBytes
                chunks += 1
                if chunks % 4 == 0 { try await Task.sleep(for: .milliseconds(5)) }
            }
            try await TestRoutes.text(response, "\(count)\n")
        }
        let limits = testLimits { $0.maxBodyBytes = 32 << 20 }
        try await withTestServer(limits: limits, handler: handler) { server in
            try await withTemporaryFile(size: total) { path, _ in
                let result = try await Curl.run([
                    "--data-binary", "@\(path)", "-w", "|%{http_code}|%{size_upload}", server.url("/upload"),
                ])
                #expect(result.exitCode == 0, "\(result.stderr)")
                #expect(result.stdout == "\(total)\n|200|\(total)")
            }
        }
    }

    @Test("graceful shutdown: the request in flight completes, new connections are refused")
    func gracefulShutdown() async throws {
        let events = Recorder<String>()
        let proceed = Counter()
        let handler: @Sendable (HTTPRequest, HTTPResponseWriter) async throws -> Void = { request, response in
            guard request.head.path == "/slow" else { return try await TestRoutes.handle(request, response) }
            events.record("started")
            // Busy for 300 ms, and at least until the test has seen the shutdown begin (a loaded
            // machine may start it late).
            try await Task.sleep(for: .milliseconds(300))
            try await waitUntil("the test lets the handler answer") { proceed.value > 0 }
            try await TestRoutes.text(response, "slow done\n")
            events.record("answered")
        }
        try await withTestServer(handler: handler) { server in
            async let inFlight = onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                try client.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
                return (try client.readResponse(), try client.readUntilClose())
            }
            _ = try await events.wait()
            async let shutdown: Void = server.server.shutdown(gracePeriod: testPatience)
            try await waitUntil("the listener closed") { Self.connectionRefused(port: server.port) }
            #expect(events.recorded == ["started"], "refused while the request is in flight")
            proceed.add(1)
            await shutdown
            #expect(events.recorded == ["started", "answered"], "shutdown waited for the request in flight")
            let (response, rest) = try await inFlight

            #expect(response.status == 200)
            #expect(response.bodyText == "slow done\n")
            #expect(rest.isEmpty, "the connection closes after the answer")
            #expect(Self.connectionRefused(port: server.port))
            #expect(server.observer.openConnections == 0)
        }
    }

    static func connectionRefused(port: Int) -> Bool {
        do {
            _ = try RawHTTPClient(port: port)
            return false
        } catch {
            return error == .system("connect", ECONNREFUSED)
        }
    }

    @Test("200 connections open at once are all answered")
    func manyConnections() async throws {
        let count = 200
        try await withTestServer(handler: TestRoutes.handle) { server in
            let clients = try await onBlockingThread {
                SendableBox(try (0..<count).map { _ in try RawHTTPClient(port: server.port) })
            }
            try await waitUntil("\(count) connections accepted") { server.observer.openConnections == count }
            let responses = try await onBlockingThread {
                for client in clients.value { try client.send("GET /conn HTTP/1.1\r\nHost: a\r\n\r\n") }
                return try clients.value.map { try $0.readResponse() }
            }
            #expect(responses.allSatisfy { $0.status == 200 })
            #expect(Set(responses.map(\.bodyText)).count == count, "each on its own connection")
            for client in clients.value { client.close() }
            try await server.waitUntilNoConnections()
        }
    }

    @Test("200 parallel curl transfers are all answered")
    func parallelCurl() async throws {
        let count = 200
        try await withTestServer(handler: TestRoutes.handle) { server in
            var arguments = [
                "-Z", "--parallel-max", "100", "--parallel-immediate", "-w", "%{http_code} %{num_connects}\n",
            ]
            for index in 0..<count { arguments += ["-o", "/dev/null", server.url("/hello?\(index)")] }
            let result = try await Curl.run(arguments)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == count)
            #expect(lines.allSatisfy { $0.hasPrefix("200 ") })
            let connects = lines.compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.reduce(0, +)
            #expect(connects > 1, "curl ran transfers in parallel on several connections")
            #expect(connects == server.observer.opened)
        }
    }
}
