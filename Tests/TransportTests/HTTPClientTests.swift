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
        let port = Int.random(in: 20_000..<40_000)
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
        for _ in 0..<50 {  // until nginx listens (at most 2.5 s)
            if let ready = try? await client.execute(HTTPClientRequest(address: address, target: "/hello")) {
                response = ready
                break
            }
            try await Task.sleep(for: .milliseconds(50))
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
            #expect(observer.opened.load(ordering: .relaxed) == 1)
        }
    }
}
