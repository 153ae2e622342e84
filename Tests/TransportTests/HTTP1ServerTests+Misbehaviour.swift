import Bytes
import Glibc
import Testing

@testable import Transport

/// A request the server must refuse, and exactly how.
struct RejectionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var limits = testLimits()
    var request: String
    var status: Int
    var reasonPhrase: String
    var reason: String

    var testDescription: String { name }

    static let all: [RejectionCase] = [
        RejectionCase(
            name: "malformed request line", request: "GARBAGE\r\n\r\n", status: 400, reasonPhrase: "Bad Request",
            reason: "malformed request line"),
        RejectionCase(
            name: "request line without a version", request: "GET /hello\r\nHost: a\r\n\r\n", status: 400,
            reasonPhrase: "Bad Request", reason: "malformed request line"),
        RejectionCase(
            name: "HTTP/1.1 without Host", request: "GET /hello HTTP/1.1\r\n\r\n", status: 400,
            reasonPhrase: "Bad Request", reason: "missing Host header"),
        RejectionCase(
            name: "unsupported version", request: "GET /hello HTTP/2.0\r\nHost: a\r\n\r\n", status: 505,
            reasonPhrase: "HTTP Version Not Supported", reason: "unsupported HTTP version"),
        RejectionCase(
            name: "head over maxHeadBytes", limits: testLimits { $0.maxHeadBytes = 1024 },
            request: "GET /hello HTTP/1.1\r\nHost: a\r\nX-Big: \(String(repeating: "a", count: 2000))\r\n\r\n",
            status: 431, reasonPhrase: "Request Header Fields Too Large", reason: "request head exceeds 1024 bytes"),
        RejectionCase(
            name: "unfinished head over maxHeadBytes", limits: testLimits { $0.maxHeadBytes = 1024 },
            request: "GET /hello HTTP/1.1\r\nHost: a\r\nX-Big: \(String(repeating: "a", count: 2000))", status: 431,
            reasonPhrase: "Request Header Fields Too Large", reason: "request head exceeds 1024 bytes"),
        RejectionCase(
            name: "more fields than maxHeaderCount", limits: testLimits { $0.maxHeaderCount = 5 },
            request: "GET /hello HTTP/1.1\r\nHost: a\r\n" + (1...5).map { "X-\($0): v\r\n" }.joined() + "\r\n",
            status: 431, reasonPhrase: "Request Header Fields Too Large", reason: "more than 5 header fields"),
        RejectionCase(
            name: "Content-Length over maxBodyBytes", limits: testLimits { $0.maxBodyBytes = 1024 },
            request: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 2048\r\n\r\n", status: 413,
            reasonPhrase: "Content Too Large", reason: "body of 2048 bytes exceeds 1024"),
        RejectionCase(
            name: "chunked body over maxBodyBytes", limits: testLimits { $0.maxBodyBytes = 1024 },
            request: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + String(repeating: "190\r\n\(String(repeating: "x", count: 400))\r\n", count: 3) + "0\r\n\r\n",
            status: 413, reasonPhrase: "Content Too Large", reason: "body exceeds 1024 bytes"),
        RejectionCase(
            name: "smuggling: Content-Length and Transfer-Encoding",
            request: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n",
            status: 400, reasonPhrase: "Bad Request", reason: "both Transfer-Encoding and Content-Length"),
        RejectionCase(
            name: "unsupported transfer coding",
            request: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", status: 501,
            reasonPhrase: "Not Implemented", reason: "unsupported transfer coding gzip, chunked"),
        RejectionCase(
            name: "unsupported expectation",
            request: "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: magic\r\nContent-Length: 1\r\n\r\nx", status: 417,
            reasonPhrase: "Expectation Failed", reason: "unsupported expectation"),
    ]
}

extension HTTP1ServerTests {
    @Test("refuses a bad request with a short reason, then closes", arguments: RejectionCase.all)
    func rejects(_ testCase: RejectionCase) async throws {
        try await withTestServer(limits: testCase.limits, handler: TestRoutes.handle) { server in
            let request = testCase.request
            let (response, rest) = try await onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                try client.send(request)
                return (try client.readResponse(), try client.readUntilClose())
            }
            #expect(response.status == testCase.status)
            #expect(response.reason == testCase.reasonPhrase)
            #expect(response.bodyText == testCase.reason + "\n")
            #expect(response.header("connection") == "close")
            #expect(response.header("content-type") == "text/plain; charset=utf-8")
            #expect(rest.isEmpty, "nothing follows the rejection but the close")
            #expect(server.observer.protocolErrors == ["\(testCase.status) \(testCase.reason)"])
        }
    }

    @Test("answers pipelined requests, sent in one write, in order")
    func pipelining() async throws {
        let handler: @Sendable (HTTPRequest, HTTPResponseWriter) async throws -> Void = { request, response in
            // The first answer is the slowest: order must not depend on who finishes first.
            if request.head.path == "/slow" {
                try await Task.sleep(for: .milliseconds(50))
                try await TestRoutes.text(response, "slow\n")
            } else {
                try await TestRoutes.handle(request, response)
            }
        }
        try await withTestServer(handler: handler) { server in
            let responses = try await onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                try client.send(
                    "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n"
                        + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
                        + "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                        + "HEAD /hello HTTP/1.1\r\nHost: a\r\n\r\n" + "GET /info HTTP/1.1\r\nHost: a\r\n\r\n")
                return try ["GET", "POST", "POST", "HEAD", "GET"].map { try client.readResponse(method: $0) }
            }
            #expect(responses.map(\.status) == [200, 200, 200, 200, 200])
            #expect(
                responses.map(\.bodyText) == [
                    "slow\n", "POST cl=5 te=-\nhello", "POST cl=- te=chunked\nabc", "", "GET /info HTTP/1.1 host=a\n",
                ])
            #expect(responses[3].header("content-length") == "6")
            #expect(server.observer.opened == 1)
        }
    }

    @Test("HEAD of a streamed response sends no body, so the connection stays in step")
    func headOfStreamedResponse() async throws {
        try await withTestServer(handler: TestRoutes.handle) { server in
            let (head, next) = try await onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                try client.send("HEAD /stream HTTP/1.1\r\nHost: a\r\n\r\n")
                let head = try client.readResponse(method: "HEAD")
                try client.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
                return (head, try client.readResponse())
            }
            #expect(head.status == 200)
            #expect(head.header("transfer-encoding") == "chunked")
            #expect(next.status == 200)
            #expect(next.bodyText == "hello\n")
        }
    }

    @Test("slowloris: a head that does not finish in headTimeout gets 408 and a close")
    func slowHead() async throws {
        // The idle timeout stays long: the head timeout alone must end this.
        let limits = testLimits {
            $0.idleTimeout = .seconds(60)
            $0.headTimeout = .milliseconds(300)
        }
        try await withTestServer(limits: limits, handler: TestRoutes.handle) { server in
            let (response, rest, elapsed) = try await onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                let start = ContinuousClock.now
                try client.send("GET /hello HTTP/1.1\r\nHost: a\r\n")
                let response = try client.readResponse()
                return (response, try client.readUntilClose(), ContinuousClock.now - start)
            }
            #expect(response.status == 408)
            #expect(response.bodyText == "request head not received in time\n")
            #expect(response.header("connection") == "close")
            #expect(rest.isEmpty)
            #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(2), "took \(elapsed)")
            #expect(server.observer.protocolErrors.contains("408 request head not received in time"))
        }
    }

    @Test("an idle keep-alive connection closes after idleTimeout")
    func idleTimeout() async throws {
        let limits = testLimits { $0.idleTimeout = .milliseconds(300) }
        try await withTestServer(limits: limits, handler: TestRoutes.handle) { server in
            let (response, rest, idle, silentIdle) = try await onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                try client.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
                let response = try client.readResponse()
                let start = ContinuousClock.now
                let rest = try client.readUntilClose()
                let idle = ContinuousClock.now - start

                // A connection that never sends anything is idle from the start.
                let silent = try RawHTTPClient(port: server.port)
                let silentStart = ContinuousClock.now
                _ = try silent.readUntilClose()
                return (response, rest, idle, ContinuousClock.now - silentStart)
            }
            #expect(response.status == 200)
            #expect(response.header("connection") == nil)
            #expect(rest.isEmpty)
            #expect(idle >= .milliseconds(250) && idle < .seconds(2), "took \(idle)")
            #expect(silentIdle >= .milliseconds(250) && silentIdle < .seconds(2), "took \(silentIdle)")
        }
    }

    @Test("a client that vanishes mid-body fails the handler's read; the server serves on")
    func clientVanishesMidBody() async throws {
        let started = Recorder<Bool>()
        let failures = Recorder<HTTPError.Code>()
        let handler: @Sendable (HTTPRequest, HTTPResponseWriter) async throws -> Void = { request, response in
            guard request.head.path == "/upload" else { return try await TestRoutes.handle(request, response) }
            started.record(true)
            do {
                let body = try await request.body.collect(upTo: 1 << 20)
                try await TestRoutes.text(response, "\(body.readableBytes)\n")
            } catch let error as HTTPError {
                failures.record(error.code)
                throw error
            }
        }
        try await withTestServer(handler: handler) { server in
            let client = try await onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                try client.send(
                    "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n"
                        + String(repeating: "x", count: 50_000))
                return SendableBox(client)
            }
            _ = try await started.wait()
            try await Task.sleep(for: .milliseconds(20))  // let the handler wait on the body
            client.value.close()
            #expect(try await failures.wait() == [.connectionClosed])
            try await server.waitUntilNoConnections()

            let result = try await Curl.run(["-w", "|%{http_code}", server.url("/hello")])
            #expect(result.stdout == "hello\n|200")
        }
    }

    @Test("a client that vanishes mid-response fails the handler's write; the server serves on")
    func clientVanishesMidResponse() async throws {
        let failures = Recorder<HTTPError.Code>()
        let handler: @Sendable (HTTPRequest, HTTPResponseWriter) async throws -> Void = { request, response in
            guard request.head.path == "/big" else { return try await TestRoutes.handle(request, response) }
            let chunk = ByteBuffer(bytes: [UInt8](repeating: 0x61, count: 64 * 1024))
            do {
                try await response.writeHead(HTTPResponseHead(status: 200))
                for _ in 0..<512 { try await response.write(chunk) }
                try await response.finish()
            } catch let error as HTTPError {
                failures.record(error.code)
                throw error
            }
        }
        try await withTestServer(handler: handler) { server in
            try await onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                try client.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n")
                _ = try client.readHead()
                _ = try client.readExactly(100_000)
                client.close()  // with unread bytes: the kernel resets the connection
            }
            #expect(try await failures.wait() == [.connectionClosed])
            try await server.waitUntilNoConnections()

            let result = try await Curl.run(["-w", "|%{http_code}", server.url("/hello")])
            #expect(result.stdout == "hello\n|200")
        }
    }

    @Test("a client that sends a too-large body anyway still reads its 413")
    func tooLargeBodySentAnyway() async throws {
        let limits = testLimits { $0.maxBodyBytes = 1024 }
        try await withTestServer(limits: limits, handler: TestRoutes.handle) { server in
            try await withTemporaryFile(size: 512 * 1024) { path, _ in
                let result = try await Curl.run([
                    "-H", "Expect:", "--data-binary", "@\(path)", "-w", "|%{http_code}", server.url("/echo"),
                ])
                #expect(result.stdout == "body of 524288 bytes exceeds 1024\n|413", "\(result.stderr)")
            }
            let response = try await onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                try client.send(
                    "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 262144\r\n\r\n"
                        + String(repeating: "x", count: 262_144))
                return try client.readResponse()
            }
            #expect(response.status == 413)
            #expect(response.bodyText == "body of 262144 bytes exceeds 1024\n")
        }
    }
}
