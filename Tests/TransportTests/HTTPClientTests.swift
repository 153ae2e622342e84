import Bytes
import Foundation
import Synchronization
import Testing

@testable import Transport

/// Counts connections opened, to see pooling at work.
final class ConnectionCountingObserver: TransportObserver {
    let opened = Atomic<Int>(0)
    func connectionOpened(_ connection: ConnectionInfo) { opened.add(1, ordering: .relaxed) }
}

struct ClientTestHandler: HTTPHandler {
    func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws {
        switch request.head.path {
        case "/slow":
            try await Task.sleep(for: .milliseconds(500))
            try await response.respond(status: 200)
        case "/chunked":
            try await response.writeHead(HTTPResponseHead(status: 200))
            for piece in ["a", "b", "c"] { try await response.write(ByteBuffer(string: piece)) }
            try await response.finish()
        default:
            let body = try await request.body.collect(upTo: 1 << 20)
            var headers = HTTPHeaders()
            headers.add(name: "x-method", value: request.head.method)
            try await response.respond(status: 200, headers: headers, body: body)
        }
    }
}

@Suite("HTTP/1.1 client")
struct HTTPClientTests {
    @Test("requests reuse pooled connections; bodies go both ways; chunked responses are read")
    func pooling() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { group.shutdown() }
        let server = HTTPServer(configuration: .init(), handler: ClientTestHandler(), group: group)
        let address = try await server.start()
        let observer = ConnectionCountingObserver()
        var configuration = HTTPClient.Configuration()
        configuration.observer = observer
        let client = HTTPClient(configuration: configuration, group: group)
        for index in 0..<5 {
            let response = try await client.execute(
                HTTPClientRequest(
                    method: "POST", address: address, target: "/echo", body: ByteBuffer(string: "n\(index)")))
            #expect(response.status == 200)
            #expect(String(decoding: response.body.readableBytesArray, as: UTF8.self) == "n\(index)")
            #expect(response.headers["x-method"] == "POST")
        }
        #expect(observer.opened.load(ordering: .relaxed) == 1)
        let chunked = try await client.execute(HTTPClientRequest(address: address, target: "/chunked"))
        #expect(String(decoding: chunked.body.readableBytesArray, as: UTF8.self) == "abc")
        client.shutdown()
        await server.shutdown(gracePeriod: .seconds(1))
    }

    @Test("connect failures and request timeouts are typed errors")
    func failures() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let server = HTTPServer(configuration: .init(), handler: ClientTestHandler(), group: group)
        let address = try await server.start()
        var configuration = HTTPClient.Configuration()
        configuration.requestTimeout = .milliseconds(100)
        let client = HTTPClient(configuration: configuration, group: group)
        await #expect {
            _ = try await client.execute(HTTPClientRequest(address: address, target: "/slow"))
        } throws: { ($0 as? HTTPClientError)?.code == .requestTimeout }
        await server.shutdown(gracePeriod: .seconds(1))
        await #expect {
            _ = try await client.execute(HTTPClientRequest(address: address, target: "/"))
        } throws: { ($0 as? HTTPClientError)?.code == .connectFailed }
        client.shutdown()
    }

    @Test("talks to nginx over HTTP/1.1 and h2c, started with its own config on loopback ports")
    func nginx() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx") else {
            Issue.record("nginx is not installed: run ./setup.sh")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("room619-nginx-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Below the kernel's ephemeral range (32768+), where client sockets of parallel tests live.
        let port = Int.random(in: 20_000..<32_000)
        let big = patternBytes(3 << 20)
        try Data(big.readableBytesArray).write(to: directory.appendingPathComponent("big.bin"))
        let config = """
            worker_processes 1; daemon off; pid \(directory.path)/nginx.pid; error_log \(directory.path)/error.log warn;
            events { worker_connections 64; }
            http {
              access_log off; client_body_temp_path \(directory.path); proxy_temp_path \(directory.path);
              fastcgi_temp_path \(directory.path); uwsgi_temp_path \(directory.path); scgi_temp_path \(directory.path);
              server {
                listen 127.0.0.1:\(port);
                listen 127.0.0.1:\(port + 1) http2;
                location = /big { default_type application/octet-stream; alias \(directory.path)/big.bin; }
                location = /hello { default_type text/plain; return 200 'hello from nginx'; }
                location = /chunked { default_type text/plain; return 200 '0123456789'; chunked_transfer_encoding on; }
              }
            }
            """
        let configPath = directory.appendingPathComponent("nginx.conf")
        try config.write(to: configPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-p", directory.path, "-c", configPath.path, "-e", directory.path + "/error.log"]
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let client = HTTPClient(group: group)
        defer { client.shutdown() }
        let address = SocketAddress(host: "127.0.0.1", port: port)
        var response: HTTPClientResponse?
        for _ in 0..<100 {  // until nginx listens (at most 5 s)
            if let ready = try? await client.execute(HTTPClientRequest(address: address, target: "/hello")) {
                response = ready
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard response != nil else {
            let log = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
            Issue.record("nginx did not answer on port \(port); running: \(process.isRunning); error.log: \(log)")
            return
        }
        #expect(response?.status == 200)
        #expect(response.map { String(decoding: $0.body.readableBytesArray, as: UTF8.self) } == "hello from nginx")
        let missing = try await client.execute(HTTPClientRequest(address: address, target: "/missing"))
        #expect(missing.status == 404)
        let head = try await client.execute(HTTPClientRequest(method: "HEAD", address: address, target: "/hello"))
        #expect(head.status == 200)
        #expect(head.body.readableBytes == 0)
        let large = try await client.execute(HTTPClientRequest(address: address, target: "/big"))
        #expect(large.body == big)
        // nginx reads (and discards) a chunked upload: our chunk framing parses in a server we
        // did not write.
        var chunkedUpload = HTTPClientRequest(method: "POST", address: address, target: "/hello")
        chunkedUpload.streamingBody = { writer in
            for _ in 0..<16 { try await writer.write(patternBytes(10_000)) }
        }
        let uploaded = try await client.execute(chunkedUpload)
        #expect(uploaded.status == 200)
        #expect(String(decoding: uploaded.body.readableBytesArray, as: UTF8.self) == "hello from nginx")

        // The same server over h2c: concurrent streams on one connection, a 3 MiB body through
        // flow control, a request body nginx discards.
        let observer = ConnectionCountingObserver()
        try await withHTTP2Client({ $0.observer = observer }) { h2 in
            let h2Address = SocketAddress(host: "127.0.0.1", port: port + 1)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let response = try await h2.execute(HTTPClientRequest(address: h2Address, target: "/hello"))
                        #expect(response.status == 200)
                        #expect(String(decoding: response.body.readableBytesArray, as: UTF8.self) == "hello from nginx")
                    }
                }
                try await group.waitForAll()
            }
            let large = try await h2.execute(HTTPClientRequest(address: h2Address, target: "/big"))
            #expect(large.status == 200)
            #expect(large.body == big)
            let missing = try await h2.execute(HTTPClientRequest(address: h2Address, target: "/missing"))
            #expect(missing.status == 404)
            let post = try await h2.execute(
                HTTPClientRequest(method: "POST", address: h2Address, target: "/hello", body: patternBytes(100_000)))
            #expect(post.status == 200)
            var streamed = HTTPClientRequest(method: "POST", address: h2Address, target: "/hello")
            streamed.streamingBody = { writer in
                for _ in 0..<16 { try await writer.write(patternBytes(10_000)) }
            }
            #expect(try await h2.execute(streamed).status == 200)
            #expect(observer.opened.load(ordering: .relaxed) == 1)
        }
    }
}

@Suite("HTTP/1.1 client streaming")
struct HTTPClientStreamingTests {
    /// Echoes the request body as it arrives, with the request's transfer-encoding in a header.
    static let echo: @Sendable (HTTPRequest, HTTPResponseWriter) async throws -> Void = { request, response in
        try await response.writeHead(
            HTTPResponseHead(
                status: 200, headers: ["x-request-encoding": request.head.headers["transfer-encoding"] ?? "none"]))
        for try await chunk in request.body { try await response.write(chunk) }
        try await response.finish()
    }

    @Test("a streamed upload goes out chunked and a streamed response comes back, 5 MiB each way")
    func chunkedBothWays() async throws {
        // A long idle timeout: on a loaded machine, checking 5 MiB in a debug build takes a while,
        // and the connection must still be there for the second request.
        let limits = testLimits {
            $0.maxBodyBytes = 64 << 20
            $0.idleTimeout = .seconds(60)
        }
        try await withTestServer(limits: limits, handler: Self.echo) { server in
            let group = try EventLoopGroup(loopCount: 1)
            defer { group.shutdown() }
            let client = HTTPClient(group: group)
            defer { client.shutdown() }
            var request = HTTPClientRequest(method: "POST", address: server.address, target: "/echo")
            request.streamingBody = { writer in
                for index in 0..<80 { try await writer.write(patternBytes(64 << 10, offset: index * (64 << 10))) }
            }
            let response = try await client.stream(request)
            #expect(response.status == 200)
            #expect(response.headers["x-request-encoding"] == "chunked")
            var received = 0
            var chunks = 0
            for try await chunk in response.body {
                #expect(chunk == patternBytes(chunk.readableBytes, offset: received))
                received += chunk.readableBytes
                chunks += 1
            }
            #expect(received == 80 << 16)
            #expect(chunks > 1, "the body arrived in pieces, not collected")
            // The connection went back to the pool once the body ended: the next request reuses it.
            let next = try await client.execute(
                HTTPClientRequest(method: "POST", address: server.address, target: "/", body: ByteBuffer(string: "x")))
            #expect(next.body == ByteBuffer(string: "x"))
            #expect(server.observer.opened == 1)
        }
    }

    @Test("a reader that stops reading stops the server: the handler's writes wait")
    func responseBackpressure() async throws {
        let written = Atomic<Int>(0)
        try await withTestServer(handler: { _, response in
            try await response.writeHead(HTTPResponseHead(status: 200))
            for _ in 0..<512 {
                try await response.write(patternBytes(64 << 10))
                written.add(64 << 10, ordering: .relaxed)
            }
            try await response.finish()
        }) { server in
            let group = try EventLoopGroup(loopCount: 1)
            defer { group.shutdown() }
            let client = HTTPClient(group: group)
            defer { client.shutdown() }
            let response = try await client.stream(HTTPClientRequest(address: server.address, target: "/big"))
            var iterator = response.body.makeAsyncIterator()
            _ = try await iterator.next()
            try await Task.sleep(for: .milliseconds(400))
            let stalled = written.load(ordering: .relaxed)
            #expect(stalled < 24 << 20, "the server wrote \(stalled) of 32 MiB to a reader that stopped")
            var total = 0
            while let chunk = try await iterator.next() { total += chunk.readableBytes }
            #expect(total > 0 && written.load(ordering: .relaxed) == 32 << 20)
        }
    }

    @Test("a body producer that throws aborts the request; the connection is not reused")
    func producerFails() async throws {
        try await withTestServer(handler: Self.echo) { server in
            let group = try EventLoopGroup(loopCount: 1)
            defer { group.shutdown() }
            let client = HTTPClient(group: group)
            defer { client.shutdown() }
            struct ProducerFailed: Error {}
            var request = HTTPClientRequest(method: "POST", address: server.address, target: "/echo")
            request.streamingBody = { writer in
                try await writer.write(ByteBuffer(string: "start"))
                throw ProducerFailed()
            }
            await #expect {
                let response = try await client.stream(request)
                _ = try await response.body.collect(upTo: 1 << 20)
            } throws: { ($0 as? HTTPClientError) != nil }
            let next = try await client.execute(HTTPClientRequest(address: server.address, target: "/"))
            #expect(next.status == 200)
            #expect(server.observer.opened == 2, "the aborted connection was not reused")
        }
    }

    @Test("a server that answers 413 mid-upload: the client gets the 413, nothing hangs")
    func earlyAnswer() async throws {
        try await withTestServer(
            limits: testLimits { $0.maxBodyBytes = 1 << 20 },
            handler: { request, response in
                let body = try await request.body.collect(upTo: 64 << 20)
                try await response.respond(status: 200, body: body)
            }
        ) { server in
            let group = try EventLoopGroup(loopCount: 1)
            defer { group.shutdown() }
            let client = HTTPClient(group: group)
            defer { client.shutdown() }
            var request = HTTPClientRequest(method: "POST", address: server.address, target: "/echo")
            request.streamingBody = { writer in
                for _ in 0..<64 { try await writer.write(patternBytes(64 << 10)) }
            }
            let response = try await client.execute(request)
            #expect(response.status == 413)
        }
    }
}
