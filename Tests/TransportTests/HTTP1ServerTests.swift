import Bytes
import Testing

@testable import Transport

/// The HTTP/1.1 server end to end on loopback: a real ``HTTPServer`` in this process, with its own
/// event loops, against curl (here) and raw sockets that misbehave (the other
/// `HTTP1ServerTests+…` files).
@Suite("HTTP/1.1 server end to end", .timeLimit(.minutes(1)))
struct HTTP1ServerTests {
    /// Splits curl's `-i` output into head lines and body.
    static func split(_ output: String) -> (head: [String], body: String) {
        let lines = output.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        guard let blank = lines.firstIndex(of: "") else { return (lines, "") }
        return (Array(lines[..<blank]), lines[(blank + 1)...].joined(separator: "\r\n"))
    }

    @Test("curl GET: status, body and the request head as parsed")
    func get() async throws {
        try await withTestServer(handler: TestRoutes.handle) { server in
            let result = try await Curl.run(["-w", "|%{http_code}|%{content_type}", server.url("/info?x=1&y=%20")])
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout == "GET /info?x=1&y=%20 HTTP/1.1 host=127.0.0.1:\(server.port)\n|200|text/plain")

            let missing = try await Curl.run(["-w", "|%{http_code}", server.url("/nowhere")])
            #expect(missing.stdout == "not found\n|404")
        }
    }

    @Test("curl POST with Content-Length: the handler gets the exact body")
    func postWithContentLength() async throws {
        try await withTestServer(handler: TestRoutes.handle) { server in
            let result = try await Curl.run([
                "--data-binary", "name=room619&bytes=\u{00e9}", "-w", "|%{http_code}", server.url("/echo"),
            ])
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout == "POST cl=21 te=-\nname=room619&bytes=\u{00e9}|200")  // é is two bytes
        }
    }

    @Test("curl chunked upload of 1 MiB arrives whole")
    func chunkedUpload() async throws {
        try await withTestServer(handler: TestRoutes.handle) { server in
            try await withTemporaryFile(size: 1 << 20) { path, bytes in
                var expected = Checksum()
                bytes.withUnsafeBytes { expected.add($0) }
                let result = try await Curl.run([
                    "-H", "Transfer-Encoding: chunked", "--data-binary", "@\(path)", "-w", "|%{http_code}",
                    server.url("/digest"),
                ])
                #expect(result.exitCode == 0, "\(result.stderr)")
                #expect(result.stdout == "POST cl=- te=chunked \(expected)\n|200")
            }
        }
    }

    @Test("curl Expect: 100-continue gets its 100 as soon as the handler reads")
    func expectContinue() async throws {
        try await withTestServer(handler: TestRoutes.handle) { server in
            try await withTemporaryFile(size: 200_000) { path, bytes in
                var expected = Checksum()
                bytes.withUnsafeBytes { expected.add($0) }
                let start = ContinuousClock.now
                // Without a 100, curl would wait the whole expect timeout (60 s) before sending
                // the body; a loaded machine may be slow, but not that slow.
                let result = try await Curl.run(
                    [
                        "-v", "-H", "Expect: 100-continue", "--expect100-timeout", "60", "--data-binary",
                        "@\(path)", "-w", "|%{http_code}", server.url("/digest"),
                    ], timeout: .seconds(90))
                #expect(result.exitCode == 0, "\(result.stderr)")
                #expect(result.stdout == "POST cl=200000 te=- \(expected)\n|200")
                #expect(result.stderr.contains("< HTTP/1.1 100 Continue"))
                #expect(ContinuousClock.now - start < testPatience)
            }
        }
    }

    @Test("curl keeps one connection alive for several URLs")
    func keepAlive() async throws {
        try await withTestServer(handler: TestRoutes.handle) { server in
            let result = try await Curl.run([
                "-w", "%{http_code} %{num_connects}\n", server.url("/conn"), server.url("/conn?2"),
                server.url("/conn?3"),
            ])
            #expect(result.exitCode == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let connection = try #require(lines.first)
            #expect(connection.hasPrefix("conn="))
            #expect(lines == [connection, "200 1", connection, "200 0", connection, "200 0"])
            #expect(server.observer.opened == 1)
        }
    }

    @Test("curl HEAD gets the GET head without a body")
    func head() async throws {
        try await withTestServer(handler: TestRoutes.handle) { server in
            let result = try await Curl.run(["-I", "-w", "|%{size_download}", server.url("/hello")])
            #expect(result.exitCode == 0, "\(result.stderr)")
            let (head, body) = Self.split(result.stdout)
            #expect(head.first == "HTTP/1.1 200 OK")
            #expect(head.contains("content-length: 6"))
            #expect(head.contains("content-type: text/plain"))
            #expect(body == "|0")
        }
    }

    @Test("curl --http1.0: answered, then closed; a streamed body ends with the close")
    func http10() async throws {
        try await withTestServer(handler: TestRoutes.handle) { server in
            let info = try await Curl.run(["--http1.0", "-i", server.url("/info")])
            #expect(info.exitCode == 0, "\(info.stderr)")
            let (head, body) = Self.split(info.stdout)
            #expect(head.first == "HTTP/1.1 200 OK")
            #expect(head.contains("connection: close"))
            #expect(body == "GET /info HTTP/1.0 host=127.0.0.1:\(server.port)\n")

            let streamed = try await Curl.run(["--http1.0", "-i", server.url("/stream")])
            #expect(streamed.exitCode == 0, "\(streamed.stderr)")
            let (streamedHead, streamedBody) = Self.split(streamed.stdout)
            #expect(streamedHead.contains("connection: close"))
            #expect(!streamedHead.contains { $0.hasPrefix("transfer-encoding") })
            #expect(!streamedHead.contains { $0.hasPrefix("content-length") })
            #expect(streamedBody == "alpha\nbeta\ngamma\n")
        }
    }

    @Test("curl reads a streamed chunked response, its chunks and trailers")
    func streamedResponse() async throws {
        try await withTestServer(handler: TestRoutes.handle) { server in
            let decoded = try await Curl.run(["-i", server.url("/stream")])
            #expect(decoded.exitCode == 0, "\(decoded.stderr)")
            let (head, body) = Self.split(decoded.stdout)
            #expect(head.contains("transfer-encoding: chunked"))
            // curl prints trailers after the body.
            #expect(body == "alpha\nbeta\ngamma\nx-pieces: 3\r\n")

            let raw = try await Curl.run(["--raw", server.url("/stream")])
            #expect(raw.stdout == "6\r\nalpha\n\r\n5\r\nbeta\n\r\n6\r\ngamma\n\r\n0\r\nx-pieces: 3\r\n\r\n")
        }
    }

    @Test("a handler that throws before writing gets a 500 that says nothing of the error")
    func handlerThrows() async throws {
        try await withTestServer(handler: TestRoutes.handle) { server in
            let result = try await Curl.run(["-w", "|%{http_code}", server.url("/throw")])
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout == "internal server error\n|500")
        }
    }

    @Test("a handler that returns without responding gets a 500")
    func handlerReturnsSilently() async throws {
        try await withTestServer(handler: TestRoutes.handle) { server in
            let result = try await Curl.run([
                "-w", "|%{http_code}", server.url("/silent"), server.url("/hello"),
            ])
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout == "the handler returned without a response\n|500hello\n|200")
            #expect(server.observer.opened == 1, "the connection stays usable")
        }
    }
}
